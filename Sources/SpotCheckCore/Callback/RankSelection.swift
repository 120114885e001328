/// Finds the elements a full sort would put at a few places, without sorting the rest.
///
/// A draw needs the customers at some sixty places of a stratum's order (SPEC Part 1, "Size,
/// deduplication, reserves"); ordering half a million customers to read sixty of them was a
/// seventh of the draw. This is quickselect for several places at once: each partition keeps
/// only the sides that hold a wanted place, so the work is about `n · log(places)`. Past a depth
/// of about twice `log2(n)` partitions a side is sorted instead, so no input makes it much slower
/// than a sort.
public enum RankSelection {
    /// Rearranges `items` so that `items[place]` is, for every one of `places`, the element a
    /// full sort would put there. Places outside `items` are ignored. Elements that compare equal
    /// may land in either order, so give them a tie-break when their order matters.
    public static func settle<T: Comparable>(_ places: [Int], in items: inout [T]) {
        let wanted = Set(places.filter { items.indices.contains($0) }).sorted()
        guard !wanted.isEmpty else { return }
        var depth = 8
        var n = items.count
        while n > 1 {
            depth += 2
            n /= 2
        }
        settle(wanted[...], in: &items, lo: 0, hi: items.count, depth: depth)
    }

    /// Settles the sorted `places`, all within `lo..<hi`, in that part of `items`.
    private static func settle<T: Comparable>(
        _ places: ArraySlice<Int>, in items: inout [T], lo: Int, hi: Int, depth: Int
    ) {
        guard !places.isEmpty else { return }
        if hi - lo <= 16 || depth == 0 {
            items[lo..<hi].sort()
            return
        }
        let split = partition(&items, lo: lo, hi: hi)
        let right = places.firstIndex { $0 >= split } ?? places.endIndex
        settle(places[..<right], in: &items, lo: lo, hi: split, depth: depth - 1)
        settle(places[right...], in: &items, lo: split, hi: hi, depth: depth - 1)
    }

    /// Partitions `items[lo..<hi]` (at least three elements) around the median of its first,
    /// middle and last elements (Hoare's scheme): returns a place strictly inside the range with
    /// no element before it greater than one from it on.
    private static func partition<T: Comparable>(_ items: inout [T], lo: Int, hi: Int) -> Int {
        let mid = lo + (hi - lo) / 2
        let last = hi - 1
        if items[mid] < items[lo] { items.swapAt(mid, lo) }
        if items[last] < items[lo] { items.swapAt(last, lo) }
        if items[last] < items[mid] { items.swapAt(last, mid) }
        let pivot = items[mid]
        var i = lo
        var j = last
        while true {
            repeat { i += 1 } while items[i] < pivot
            repeat { j -= 1 } while pivot < items[j]
            if i >= j { return i }
            items.swapAt(i, j)
        }
    }
}
