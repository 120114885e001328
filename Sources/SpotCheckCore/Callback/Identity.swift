/// Customer identity across the four sheets (SPEC Part 1, "Size, deduplication, reserves").
///
/// Two records are the same customer when their buyer IDs, any of their full normalized phone
/// numbers (a privacy number keeps its extension) or their order numbers match; the relation
/// is transitive. Masked values (`138****5678`, `t**2`) never identify anyone.
public enum IdentityKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case buyer(String)
    case phone(String)
    case order(String)

    /// The key as stored: `b:…` (buyer ID), `p:…` (phone) or `o:…` (order number).
    public var stored: String {
        switch self {
        case .buyer(let s): return "b:" + s
        case .phone(let s): return "p:" + s
        case .order(let s): return "o:" + s
        }
    }

    /// Parses a stored key.
    public init?(stored: String) {
        let value = String(stored.dropFirst(2))
        switch stored.prefix(2) {
        case "b:": self = .buyer(value)
        case "p:": self = .phone(value)
        case "o:": self = .order(value)
        default: return nil
        }
    }

    public var description: String { stored }

    /// The identity keys of one record. Buyer IDs compare without surrounding spaces, with
    /// full-width letters and digits folded and ASCII letters lower-cased; a masked buyer ID
    /// (`t**2`), a masked phone and a masked order number are no keys.
    public static func keys(
        buyerID: String?, phone: PhoneNumber?, alternates: [PhoneNumber] = [], order: String? = nil
    ) -> KeyPair {
        var pair = KeyPair()
        if let b = buyerID.map(normalizeBuyerID), !b.isEmpty, !Masking.isMasked(b) { pair.buyer = b }
        if case .full(let p)? = phone { pair.phone = p }
        for a in alternates { if case .full(let p) = a, p != pair.phone { pair.more.append(p) } }
        if let o = order?.trimmingASCIIWhitespace(), isOrderNumber(o) { pair.order = o }
        return pair
    }

    /// Whether text can be an order number that identifies a customer: not masked, with at
    /// least eight digits (so 无, 暂无 or 0 typed into a hand-made sheet never merge anyone).
    public static func isOrderNumber(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isOrderNumber(utf8: $0) }
    }

    /// ``isOrderNumber(_:)`` of the text whose UTF-8 bytes these are.
    public static func isOrderNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for b in bytes where b >= 0x30 && b <= 0x39 {
            digits += 1
            if digits == 8 { break }
        }
        return digits == 8 && !Masking.isMasked(utf8: bytes)
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

/// Masked values as platforms export them: `t**2`, `张**`, `138****5678` (SPEC: masked values
/// never identify anyone).
public enum Masking {
    /// Whether the text hides part of itself with asterisks (ASCII or full-width) or `●`.
    public static func isMasked(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isMasked(utf8: $0) }
    }

    /// ``isMasked(_:)`` of the text whose UTF-8 bytes these are.
    public static func isMasked(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // `*`, or the UTF-8 of `＊` (EF BC 8A) or `●` (E2 97 8F), in one pass over the bytes.
        var prev2: UInt8 = 0, prev1: UInt8 = 0
        for b in bytes {
            if b == 0x2A { return true }
            if (prev2 == 0xEF && prev1 == 0xBC && b == 0x8A) || (prev2 == 0xE2 && prev1 == 0x97 && b == 0x8F) {
                return true
            }
            prev2 = prev1
            prev1 = b
        }
        return false
    }

    /// Whether the text is a value the platform exported encrypted (抖店 writes the receiver's
    /// name, phone and address as ciphertext starting with `#`, `$` or `~`).
    public static func isEncrypted(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == 0x23 || first == 0x24 || first == 0x7E else { return false }
        return s.utf8.count >= 4
    }

    /// ``isEncrypted(_:)`` of the text whose UTF-8 bytes these are.
    public static func isEncrypted(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first == 0x23 || first == 0x24 || first == 0x7E else { return false }
        return bytes.count >= 4
    }
}

/// The identity keys of one record: a buyer ID, a phone and its alternates, an order number.
public struct KeyPair: Sequence, Sendable, Equatable {
    public var buyer: String?
    public var phone: String?
    /// Further full numbers of the same cell (备用号码); empty on the import's usual path.
    public var more: [String] = []
    public var order: String?

    public init(buyer: String? = nil, phone: String? = nil, more: [String] = [], order: String? = nil) {
        self.buyer = buyer
        self.phone = phone
        self.more = more
        self.order = order
    }

    public struct Iterator: IteratorProtocol {
        var pair: KeyPair
        var step = 0
        public mutating func next() -> IdentityKey? {
            while true {
                defer { step += 1 }
                switch step {
                case 0: if let b = pair.buyer { return .buyer(b) }
                case 1: if let p = pair.phone { return .phone(p) }
                case 2: if let o = pair.order { return .order(o) }
                default:
                    let k = step - 3
                    guard k < pair.more.count else { return nil }
                    return .phone(pair.more[k])
                }
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(pair: self) }

    mutating func add(_ key: IdentityKey) {
        switch key {
        case .buyer(let s): buyer = s
        case .phone(let s): if phone == nil { phone = s } else { more.append(s) }
        case .order(let s): order = s
        }
    }
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
    private var buyers = KeyTable(texts: true)
    private var phones = KeyTable(texts: false)
    private var orders = KeyTable(texts: true)
    /// Order numbers of digits only (most platforms'), kept as integers like the phones.
    private var numericOrders = KeyTable(texts: false)
    private var parent: [Int: Int] = [:]
    /// The next customer number to hand out.
    public private(set) var nextCustomer: Int

    /// Creates a resolver from the stored key → customer map.
    public init(known: [String: Int], nextCustomer: Int) {
        var maxCustomer = 0
        self.nextCustomer = 0
        for (stored, c) in known {
            // A customer number no table holds (only a damaged database gives one) is not loaded and raises
            // no later number: the key is met as new.
            guard let key = IdentityKey(stored: stored), KeyTable.customers.contains(c) else { continue }
            set(key, c)
            maxCustomer = max(maxCustomer, c)
        }
        self.nextCustomer = max(nextCustomer, maxCustomer + 1)
    }

    /// An empty resolver; load the stored keys with ``load(_:utf8:customer:)``.
    public init(nextCustomer: Int) { self.nextCustomer = max(nextCustomer, 1) }

    /// Loads a stored key of `kind`, given by its UTF-8 bytes, and its customer: what
    /// ``init(known:nextCustomer:)`` does for `b:…`, `p:…` and `o:…`, without a String for a
    /// phone or an all-digit order number (a workspace of a million rows holds a million and
    /// a half keys, and a String of each, in a dictionary, held hundreds of megabytes).
    public mutating func load(_ kind: MergeKey, utf8 bytes: UnsafeBufferPointer<UInt8>, customer: Int) {
        guard KeyTable.customers.contains(customer) else { return }  // as in init(known:nextCustomer:)
        switch kind {
        case .buyer: buyers.set(HashedKey(String(decoding: bytes, as: UTF8.self)), customer)
        case .phone: phones.set(IdentityResolver.number(bytes), customer)
        case .order:
            if let n = IdentityResolver.numericOrder(bytes) {
                numericOrders.set(n, customer)
            } else {
                orders.set(HashedKey(String(decoding: bytes, as: UTF8.self)), customer)
            }
        }
        nextCustomer = max(nextCustomer, customer + 1)
    }

    /// Makes room for the keys of about `rows` more rows, `numericOrders` of them with an all-digit order number
    /// (saves growing a table during a large import, which holds the old table and one twice its size at once): a
    /// buyer ID and a phone for each customer, about one for every two rows, and an order number for each such row
    /// (an after-sales row is one order's case: a month of a million rows brought a million order numbers, and the
    /// table made for half of them doubled, from 16 to 32 MiB, four fifths of the way through).
    public mutating func reserve(rows: Int, numericOrders orders: Int) {
        // At most a million keys ahead: a table's slots are written when made, and an estimate
        // from a file of gigabytes would hold hundreds of megabytes before the first row.
        let ahead = min(rows / 2, 1 << 20)
        buyers.reserveCapacity(buyers.count + ahead)
        phones.reserveCapacity(phones.count + ahead)
        numericOrders.reserveCapacity(numericOrders.count + min(orders, 1 << 20))
    }

    /// How many all-digit order numbers fit before their table grows.
    var numericOrderCapacity: Int { numericOrders.capacity }

    /// An order number of 1–19 digits as an integer (with its length, so 0012 and 12 differ).
    @inline(__always)
    private static func numericOrder(_ s: String) -> UInt64? { numericOrder(s.utf8) }

    @inline(__always)
    private static func numericOrder<C: Collection<UInt8>>(_ u: C) -> UInt64? {
        guard u.count <= 19 else { return nil }
        var v: UInt64 = 0
        for b in u {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v &* 10 &+ UInt64(b &- 0x30)
        }
        return v ^ (UInt64(u.count) << 59)
    }

    /// A phone's digits as an integer, with the digit count in the top bits so that 021…
    /// and 21… stay apart, and a flag for a privacy number's extension (`18735643633-7298`).
    @inline(__always)
    private static func number(_ s: String) -> UInt64 { number(s.utf8) }

    @inline(__always)
    private static func number<S: Sequence<UInt8>>(_ u: S) -> UInt64 {
        var v: UInt64 = 0, n: UInt64 = 0, ext: UInt64 = 0
        for b in u {
            if b == 0x2D { ext = 1 << 63; continue }
            v = v &* 10 &+ UInt64(b &- 0x30)
            n += 1
        }
        return v | (n << 56) | ext
    }

    /// A key as the resolver's maps hold it (see ``PreparedKeys``).
    enum Slot: Sendable {
        case buyer(HashedKey)
        case phone(UInt64)
        case numericOrder(UInt64)
        case order(HashedKey)

        init(_ key: IdentityKey) {
            switch key {
            case .buyer(let s): self = .buyer(HashedKey(s))
            case .phone(let s): self = .phone(IdentityResolver.number(s))
            case .order(let s):
                if let n = IdentityResolver.numericOrder(s) {
                    self = .numericOrder(n)
                } else {
                    self = .order(HashedKey(s))
                }
            }
        }
    }

    @inline(__always)
    private func get(_ slot: Slot) -> Int? {
        switch slot {
        case .buyer(let k): return buyers.get(k)
        case .phone(let n): return phones.get(n)
        case .numericOrder(let n): return numericOrders.get(n)
        case .order(let k): return orders.get(k)
        }
    }

    @inline(__always)
    private mutating func set(_ slot: Slot, _ customer: Int) {
        switch slot {
        case .buyer(let k): buyers.set(k, customer)
        case .phone(let n): phones.set(n, customer)
        case .numericOrder(let n): numericOrders.set(n, customer)
        case .order(let k): orders.set(k, customer)
        }
    }

    private mutating func set(_ key: IdentityKey, _ customer: Int) { set(Slot(key), customer) }

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
        /// The kinds of key that joined this record to a customer it was not yet part of.
        public var mergedOn: Set<MergeKey> = []
    }

    /// The kind of key a merge happened on, for the import's report.
    public enum MergeKey: String, Sendable, Hashable, CaseIterable { case buyer, phone, order }

    /// The customer a record with these keys belongs to; creates one or merges as needed.
    public mutating func resolve(_ keys: KeyPair) -> Int { resolveRecord(keys).customer }

    /// Like ``resolve(_:)``, and says which keys were new.
    public mutating func resolveRecord(_ keys: KeyPair) -> Resolution { resolveRecord(PreparedKeys(keys)) }

    /// A record's keys with the forms the resolver looks up (integers, hashes) computed: an import
    /// prepares them on the thread that parses the rows, so the thread that resolves only looks up.
    public struct PreparedKeys: Sendable {
        /// The keys as given.
        public let keys: KeyPair
        let buyer: HashedKey?
        let phone: UInt64?
        let order: Slot?
        let more: [UInt64]

        public init(_ keys: consuming KeyPair) {
            buyer = keys.buyer.map(HashedKey.init)
            phone = keys.phone.map(IdentityResolver.number)
            order = keys.order.map { Slot(.order($0)) }
            more = keys.more.isEmpty ? [] : keys.more.map(IdentityResolver.number)
            // Last, and taken: the keys are moved in, not copied (a copy retained each text).
            self.keys = keys
        }

        /// The slot and key of the `i`th key in ``KeyPair``'s order (buyer, phone, order, further phones).
        func entry(_ i: Int) -> (slot: Slot, key: IdentityKey)? {
            // No closures here: one capturing `self` would copy every key.
            switch i {
            case 0:
                guard let b = buyer else { return nil }
                return (.buyer(b), .buyer(b.text))
            case 1:
                guard let p = phone, let text = keys.phone else { return nil }
                return (.phone(p), .phone(text))
            case 2:
                guard let o = order, let text = keys.order else { return nil }
                return (o, .order(text))
            default: return (.phone(more[i - 3]), .phone(keys.more[i - 3]))
            }
        }

        /// How many entries there are (some of the first three may be nil).
        var entries: Int { 3 + more.count }

        /// Whether the order number is all digits (the resolver keeps those apart, as numbers).
        public var hasNumericOrder: Bool {
            if case .numericOrder? = order { return true }
            return false
        }
    }

    /// Reads the places where the record's keys would be found (a buyer ID, a phone, an order
    /// number) and returns what they hold: an import reads a batch's places first, so that their
    /// cache misses overlap, and then resolves its records.
    public func touch(_ prepared: borrowing PreparedKeys) -> UInt64 {
        var sum: UInt64 = 0
        if let b = prepared.buyer { sum &+= buyers.touch(b) }
        if let p = prepared.phone { sum &+= phones.touch(p) }
        switch prepared.order {
        case .numericOrder(let n)?: sum &+= numericOrders.touch(n)
        case .order(let k)?: sum &+= orders.touch(k)
        default: break
        }
        return sum
    }

    /// Like ``resolveRecord(_:)-(KeyPair)``, from keys prepared beforehand.
    public mutating func resolveRecord(_ prepared: borrowing PreparedKeys) -> Resolution {
        var root: Int? = nil
        var mergedOn: Set<MergeKey> = []
        var unknown = KeyPair()
        // Which entries were unknown, as bits (no array per record); a record has a handful of keys.
        var unknownBits: UInt64 = 0
        var unknownSlots: [Slot] = []
        for i in 0..<prepared.entries {
            guard let (slot, key) = prepared.entry(i) else { continue }
            guard let c = get(slot) else {
                unknown.add(key)
                if i < 64 { unknownBits |= 1 << UInt64(i) } else { unknownSlots.append(slot) }
                continue
            }
            let r = find(c)
            if let current = root, r != current {
                // The record links two customers: the older number survives.
                let (keep, drop) = r < current ? (r, current) : (current, r)
                parent[drop] = keep
                root = keep
                mergedOn.insert(IdentityResolver.kind(key))
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
        var i = 0
        while unknownBits != 0 {
            if unknownBits & 1 != 0, let (slot, _) = prepared.entry(i) { set(slot, customer) }
            unknownBits >>= 1
            i += 1
        }
        for slot in unknownSlots { set(slot, customer) }
        return Resolution(customer: customer, newKeys: unknown, mergedOn: mergedOn)
    }

    private static func kind(_ key: IdentityKey) -> MergeKey {
        switch key {
        case .buyer: return .buyer
        case .phone: return .phone
        case .order: return .order
        }
    }

    /// Customers merged into another one in this session: merged number → surviving number.
    public mutating func merges() -> [Int: Int] {
        var result: [Int: Int] = [:]
        for c in parent.keys { result[c] = find(c) }
        return result
    }

}
