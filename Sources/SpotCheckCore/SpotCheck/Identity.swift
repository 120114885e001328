/// Customer identity across the four sheets (SPEC Part 1, "Size, deduplication, reserves").
///
/// Two records are the same customer when their buyer IDs match or their normalized full
/// phone numbers match; the relation is transitive. A masked phone is never a key, and
/// neither is an order number (SPEC names the buyer ID and the phone only).
public enum IdentityKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case buyer(String)
    case phone(String)

    /// The key as stored: `b:…` (buyer ID) or `p:…` (phone).
    public var stored: String {
        switch self {
        case .buyer(let s): return "b:" + s
        case .phone(let s): return "p:" + s
        }
    }

    /// Parses a stored key.
    public init?(stored: String) {
        let value = String(stored.dropFirst(2))
        switch stored.prefix(2) {
        case "b:": self = .buyer(value)
        case "p:": self = .phone(value)
        default: return nil
        }
    }

    public var description: String { stored }

    /// The identity keys of one record. Buyer IDs compare without surrounding spaces, with
    /// full-width letters and digits folded and ASCII letters lower-cased.
    public static func keys(buyerID: String?, phone: PhoneNumber?) -> KeyPair {
        var pair = KeyPair()
        if let b = buyerID.map(normalizeBuyerID), !b.isEmpty { pair.buyer = b }
        if case .full(let p)? = phone { pair.phone = p }
        return pair
    }

    /// The buyer ID as compared.
    public static func normalizeBuyerID(_ s: String) -> String {
        let t = s.trimmingASCIIWhitespace()
        // Fast path: plain ASCII without capitals needs no work.
        if t.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 65 && $0 <= 90) }) { return t }
        var out = String.UnicodeScalarView()
        for u in t.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E {
                let folded = Unicode.Scalar(u.value - 0xFEE0)!
                out.append(folded.properties.lowercaseMapping.unicodeScalars.first ?? folded)
            } else if u.value >= 65 && u.value <= 90 {
                out.append(Unicode.Scalar(u.value + 32)!)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    public static func < (a: IdentityKey, b: IdentityKey) -> Bool { a.stored < b.stored }
}

/// The identity keys of one record (at most a buyer ID and a phone), without an array.
public struct KeyPair: Sequence, Sendable, Equatable {
    public var buyer: String?
    public var phone: String?

    public init(buyer: String? = nil, phone: String? = nil) {
        self.buyer = buyer
        self.phone = phone
    }

    public struct Iterator: IteratorProtocol {
        var pair: KeyPair
        var step = 0
        public mutating func next() -> IdentityKey? {
            while step < 2 {
                step += 1
                if step == 1, let b = pair.buyer { return .buyer(b) }
                if step == 2, let p = pair.phone { return .phone(p) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(pair: self) }
}

/// Assigns customer numbers to records by their identity keys, merging customers when one
/// record links two of them (a union–find over customer numbers).
///
/// Load it with the keys already known and resolve each new record; store the new keys each
/// ``Resolution`` names, and at the end rewrite references through ``merges()``. The older
/// (smaller) customer number survives a merge.
/// Phones are kept as integers: an import of a million rows looks keys up millions of
/// times, and string hashing dominated.
public struct IdentityResolver: @unchecked Sendable {
    private var buyers: [HashedKey: Int] = [:]
    private var phones: [UInt64: Int] = [:]
    private var parent: [Int: Int] = [:]
    /// The next customer number to hand out.
    public private(set) var nextCustomer: Int

    /// Creates a resolver from the stored key → customer map.
    public init(known: [String: Int], nextCustomer: Int) {
        var maxCustomer = 0
        self.nextCustomer = 0
        for (stored, c) in known {
            guard let key = IdentityKey(stored: stored) else { continue }
            set(key, c)
            maxCustomer = max(maxCustomer, c)
        }
        self.nextCustomer = max(nextCustomer, maxCustomer + 1)
    }

    /// Makes room for about `keys` more keys (saves rehashing during a large import).
    public mutating func reserve(_ keys: Int) {
        buyers.reserveCapacity(buyers.count + keys / 2)
        phones.reserveCapacity(phones.count + keys / 2)
    }

    /// A phone's digits as an integer, with the digit count in the top bits so that 021…
    /// and 21… stay apart. (Phones are at most 13 digits.)
    @inline(__always)
    private static func number(_ s: String) -> UInt64 {
        var v: UInt64 = 0
        for b in s.utf8 { v = v &* 10 &+ UInt64(b &- 0x30) }
        return v | (UInt64(s.utf8.count) << 56)
    }

    private func get(_ key: IdentityKey) -> Int? {
        switch key {
        case .buyer(let s): return buyers[HashedKey(s)]
        case .phone(let s): return phones[IdentityResolver.number(s)]
        }
    }

    private mutating func set(_ key: IdentityKey, _ customer: Int) {
        switch key {
        case .buyer(let s): buyers[HashedKey(s)] = customer
        case .phone(let s): phones[IdentityResolver.number(s)] = customer
        }
    }

    /// The current customer number of `customer` after merges.
    public mutating func find(_ customer: Int) -> Int {
        if parent.isEmpty { return customer }
        var root = customer
        while let p = parent[root] { root = p }
        var c = customer
        while let p = parent[c], p != root { parent[c] = root; c = p }
        return root
    }

    /// What resolving one record found.
    public struct Resolution: Sendable, Equatable {
        /// The record's customer (possibly merged into another one later).
        public var customer: Int
        /// The record's keys that were seen for the first time.
        public var newKeys: KeyPair
    }

    /// The customer a record with these keys belongs to; creates one or merges as needed.
    public mutating func resolve(_ keys: KeyPair) -> Int { resolveRecord(keys).customer }

    /// Like ``resolve(_:)``, and says which keys were new.
    public mutating func resolveRecord(_ keys: KeyPair) -> Resolution {
        let buyer = keys.buyer.map { IdentityKey.buyer($0) }
        let phone = keys.phone.map { IdentityKey.phone($0) }
        let known = (buyer.flatMap { get($0) }, phone.flatMap { get($0) })
        var root: Int? = known.0.map { find($0) }
        if let c = known.1 {
            let r = find(c)
            if let current = root, r != current {
                // The record links two customers: the older number survives.
                let (keep, drop) = r < current ? (r, current) : (current, r)
                parent[drop] = keep
                root = keep
            } else if root == nil {
                root = r
            }
        }
        let customer: Int
        if let r = root {
            customer = r
        } else {
            customer = nextCustomer
            nextCustomer += 1
        }
        var new = KeyPair()
        if let buyer, known.0 == nil { set(buyer, customer); new.buyer = keys.buyer }
        if let phone, known.1 == nil { set(phone, customer); new.phone = keys.phone }
        return Resolution(customer: customer, newKeys: new)
    }

    /// Customers merged into another one in this session: merged number → surviving number.
    public mutating func merges() -> [Int: Int] {
        var result: [Int: Int] = [:]
        for c in parent.keys { result[c] = find(c) }
        return result
    }

}
