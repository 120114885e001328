/// The fingerprints of a kind's rows, stored and added, to drop a row already stored: an
/// open-addressing set of 64-bit values that are well-mixed hashes already (``RowParser/fingerprint(_:)``),
/// so their low bits place them and nothing is hashed again (Swift's `Set` runs SipHash on each
/// value, a fifth of the cost of checking a large import's rows).
struct FingerprintSet {
    /// Zero marks an empty slot; the fingerprint 0 is kept apart in `hasZero`.
    private var slots: [Int64]
    private var mask: Int
    private var hasZero = false
    private(set) var count = 0

    init(capacity: Int = 0) {
        let size = FingerprintSet.size(for: capacity)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Slots for `capacity` values at most three quarters full, a power of two, as ``KeyTable``
    /// fills its slots. (At most half full doubled the set at a million rows, to 64 MiB in a
    /// workspace of two million, to save probes that mostly read the same cache line.)
    private static func size(for capacity: Int) -> Int {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        return size
    }

    /// Makes room for `capacity` values in all.
    mutating func reserveCapacity(_ capacity: Int) {
        guard FingerprintSet.size(for: capacity) > slots.count else { return }
        let old = slots
        slots = Array(repeating: 0, count: FingerprintSet.size(for: capacity))
        mask = slots.count - 1
        for v in old where v != 0 { place(v) }
    }

    /// Adds `value`; false when it was there already.
    @inline(__always)
    mutating func insert(_ value: Int64) -> Bool {
        if value == 0 {
            if hasZero { return false }
            hasZero = true
            count += 1
            return true
        }
        if (count + 1) * 4 > slots.count * 3 { reserveCapacity(count + 1) }
        var i = Int(truncatingIfNeeded: value) & mask
        while true {
            let s = slots[i]
            if s == value { return false }
            if s == 0 { break }
            i = (i + 1) & mask
        }
        slots[i] = value
        count += 1
        return true
    }

    /// Reads the slot where `value`'s probe starts (see ``NewRows``: a batch's reads first).
    @inline(__always)
    func touch(_ value: Int64) -> Int64 { slots[Int(truncatingIfNeeded: value) & mask] }

    private mutating func place(_ value: Int64) {
        var i = Int(truncatingIfNeeded: value) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = value
    }
}
