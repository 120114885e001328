/// The positions `0..<count` as a shuffle leaves them, keeping only the positions that moved.
///
/// A draw takes a few dozen customers from a stratum of half a million: the partial
/// Fisher–Yates shuffle of ``SeededGenerator/choose(_:from:)`` touches only the positions it
/// swaps, and the random numbers it takes depend only on the count. Shuffling the positions
/// instead of the customers gives the same swaps with the same seed, without copying or
/// ordering the whole stratum first (SPEC Part 1, "Size, deduplication, reserves").
public struct SparsePermutation: MutableCollection, RandomAccessCollection, Sendable {
    /// The value at each position that no longer holds its own index.
    private var moved: [Int: Int] = [:]
    public let count: Int

    /// The identity permutation of `count` positions.
    public init(count: Int) {
        precondition(count >= 0)
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Int {
        get {
            precondition(position >= 0 && position < count, "position \(position) of \(count)")
            return moved[position] ?? position
        }
        set {
            precondition(position >= 0 && position < count, "position \(position) of \(count)")
            moved[position] = newValue == position ? nil : newValue
        }
    }

    public mutating func swapAt(_ i: Int, _ j: Int) {
        guard i != j else { return }
        let a = self[i]
        self[i] = self[j]
        self[j] = a
    }
}
