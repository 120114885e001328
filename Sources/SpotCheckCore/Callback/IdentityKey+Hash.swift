/// An identity key with its hash computed once: the import looks each key up several times
/// in maps of millions of keys, where hashing the string each time dominated.
struct HashedKey: Hashable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        hash = Int(truncatingIfNeeded: h)
    }

    /// A key with a hash given (for tests: two texts of one hash).
    init(text: String, hash: Int) {
        self.text = text
        self.hash = hash
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    static func == (a: HashedKey, b: HashedKey) -> Bool { a.hash == b.hash && a.text == b.text }
}
