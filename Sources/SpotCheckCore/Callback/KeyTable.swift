/// A map from identity keys to customer numbers for ``IdentityResolver``: open addressing with
/// linear probing, each slot holding a key's 64-bit form and its customer side by side, so a
/// lookup in a map of a million keys reads one place in memory. (Swift's `Dictionary` keeps
/// keys and values apart and runs SipHash on every key: two or three cache misses a lookup,
/// a fifth of the work of a large import's preparing thread.)
///
/// Keys are 64-bit values: a phone or an all-digit order number as a number, or the FNV hash of
/// a text key. A table of text keys also keeps each key's text and compares it on a hash match,
/// so two keys of the same hash stay two keys.
struct KeyTable {
    /// The customer numbers a table holds: the key blocks store 1 through `Int32.max`, and an import hands out
    /// the next ones, so 32 unsigned bits leave two billion to spare.
    static let customers = 1...Int(UInt32.max)

    /// A key and its customer in 12 bytes: a quarter less memory than an `Int` beside the key, for the millions
    /// of keys a later month loads. Customer 0 marks an empty slot.
    private struct Slot {
        var low: UInt32, high: UInt32
        var number: UInt32

        static let vacant = Slot(key: 0, number: 0)

        init(key: UInt64, number: UInt32) {
            low = UInt32(truncatingIfNeeded: key)
            high = UInt32(truncatingIfNeeded: key >> 32)
            self.number = number
        }

        var key: UInt64 { UInt64(high) << 32 | UInt64(low) }
        var isEmpty: Bool { number == 0 }
    }

    private var slots: [Slot]
    /// The text of the key in each slot, for a table of text keys (else empty).
    private var texts: [String]
    private let hasTexts: Bool
    private var mask: Int
    private(set) var count = 0
    /// How many keys fit before the table grows.
    var capacity: Int { slots.count / 4 * 3 }

    /// A table of numeric keys, or of text keys with `texts`.
    init(texts: Bool) {
        hasTexts = texts
        slots = Array(repeating: .vacant, count: 16)
        self.texts = texts ? Array(repeating: "", count: 16) : []
        mask = 15
    }

    /// Slots for `capacity` keys at most three quarters full (as `Dictionary` fills its buckets:
    /// the same memory), a power of two.
    private static func size(for capacity: Int) -> Int {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        return size
    }

    /// Makes room for `capacity` keys in all.
    mutating func reserveCapacity(_ capacity: Int) {
        let size = KeyTable.size(for: capacity)
        guard size > slots.count else { return }
        let old = slots
        let oldTexts = texts
        slots = Array(repeating: .vacant, count: size)
        texts = hasTexts ? Array(repeating: "", count: size) : []
        mask = size - 1
        for (i, s) in old.enumerated() where !s.isEmpty {
            var at = KeyTable.home(s.key, mask)
            while !slots[at].isEmpty { at = (at + 1) & mask }
            slots[at] = s
            if hasTexts { texts[at] = oldTexts[i] }
        }
    }

    /// Where a key's probe starts: its bits mixed (phone numbers share their high digits),
    /// the top bits taken.
    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Reads the slot where a key's probe starts, so that a lookup soon after finds it in the cache.
    @inline(__always)
    func touch(_ key: UInt64) -> UInt64 { slots[KeyTable.home(key, mask)].key }

    /// ``touch(_:)-(UInt64)`` for a text key, by its hash.
    @inline(__always)
    func touch(_ key: HashedKey) -> UInt64 { touch(UInt64(bitPattern: Int64(key.hash))) }

    /// The customer of a numeric key.
    @inline(__always)
    func get(_ key: UInt64) -> Int? { find(key, text: nil).customer }

    /// The customer of a text key, by its hash and text.
    @inline(__always)
    func get(_ key: HashedKey) -> Int? { find(UInt64(bitPattern: Int64(key.hash)), text: key.text).customer }

    /// Sets the customer of a numeric key.
    @inline(__always)
    mutating func set(_ key: UInt64, _ customer: Int) { set(key, text: nil, customer) }

    /// Sets the customer of a text key.
    @inline(__always)
    mutating func set(_ key: HashedKey, _ customer: Int) {
        set(UInt64(bitPattern: Int64(key.hash)), text: key.text, customer)
    }

    /// The key's slot (or the empty slot where it would go) and its customer.
    @inline(__always)
    private func find(_ key: UInt64, text: String?) -> (at: Int, customer: Int?) {
        var at = KeyTable.home(key, mask)
        while true {
            let s = slots[at]
            if s.isEmpty { return (at, nil) }
            if s.key == key, text == nil || texts[at] == text { return (at, Int(s.number)) }
            at = (at + 1) & mask
        }
    }

    private mutating func set(_ key: UInt64, text: String?, _ customer: Int) {
        // A number no database holds (only a damaged one could give it) is not set: the key is met as new.
        guard KeyTable.customers.contains(customer) else { return }
        var (at, found) = find(key, text: text)
        if found == nil {
            if (count + 1) * 4 > slots.count * 3 {
                reserveCapacity(count + 1)
                at = find(key, text: text).at
            }
            count += 1
            if let text { texts[at] = text }
        }
        slots[at] = Slot(key: key, number: UInt32(customer))
    }
}
