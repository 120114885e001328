/// Customer identity across the four sheets (SPEC Part 1, "Size, deduplication, reserves").
///
/// Two records are the same customer when their buyer IDs match, their normalized full
/// phone numbers match, or (an extension the sheets make safe: one order has one buyer)
/// their order numbers match; the relation is transitive. A masked phone is never a key.
public enum IdentityKey: Hashable, Sendable, Comparable {
    case buyer(String)
    case phone(String)
    case order(String)

    /// The key as stored: `b:…`, `p:…` or `o:…`.
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

    /// The identity keys of one record. Buyer IDs compare without surrounding spaces, with
    /// full-width letters and digits folded and ASCII letters lower-cased.
    public static func keys(buyerID: String?, phone: PhoneNumber?, orderNo: String?) -> [IdentityKey] {
        var keys: [IdentityKey] = []
        if let b = buyerID.map(normalizeBuyerID), !b.isEmpty { keys.append(.buyer(b)) }
        if case .full(let p)? = phone { keys.append(.phone(p)) }
        if let o = orderNo?.trimmingASCIIWhitespace(), !o.isEmpty { keys.append(.order(o)) }
        return keys
    }

    /// The buyer ID as compared.
    public static func normalizeBuyerID(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.trimmingASCIIWhitespace().unicodeScalars {
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

/// Assigns customer numbers to records by their identity keys, merging customers when one
/// record links two of them (a union–find over customer numbers).
///
/// Load it with the keys already known, resolve each new record, then read ``merges`` and
/// ``changedKeys`` to persist what changed. The older (smaller) customer number survives a merge.
public struct IdentityResolver: Sendable {
    private var owner: [String: Int]
    private var parent: [Int: Int] = [:]
    private var newKeys: Set<String> = []
    /// The next customer number to hand out.
    public private(set) var nextCustomer: Int

    /// Creates a resolver from the stored key → customer map.
    public init(known: [String: Int], nextCustomer: Int) {
        owner = known
        self.nextCustomer = max(nextCustomer, (known.values.max() ?? 0) + 1)
    }

    /// The current customer number of `customer` after merges.
    public mutating func find(_ customer: Int) -> Int {
        var root = customer
        while let p = parent[root] { root = p }
        var c = customer
        while let p = parent[c], p != root { parent[c] = root; c = p }
        return root
    }

    /// The customer a record with these keys belongs to; creates one or merges as needed.
    public mutating func resolve(_ keys: [IdentityKey]) -> Int {
        var root: Int? = nil
        for key in keys {
            guard let c = owner[key.stored] else { continue }
            let r = find(c)
            if let current = root {
                if r != current {
                    let (keep, drop) = r < current ? (r, current) : (current, r)
                    parent[drop] = keep
                    root = keep
                }
            } else {
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
        for key in keys where owner[key.stored] == nil {
            owner[key.stored] = customer
            newKeys.insert(key.stored)
        }
        return customer
    }

    /// Customers merged into another one in this session: merged number → surviving number.
    public mutating func merges() -> [Int: Int] {
        var result: [Int: Int] = [:]
        for c in parent.keys { result[c] = find(c) }
        return result
    }

    /// Keys to write: new keys and keys whose customer was merged, with their final customer.
    public mutating func changedKeys() -> [(key: String, customer: Int)] {
        let merged = merges()
        var out: [(String, Int)] = []
        for (key, c) in owner {
            if newKeys.contains(key) { out.append((key, find(c))) } else if let m = merged[c] { out.append((key, m)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// Whether a key was first seen in this session.
    public func isNew(_ key: String) -> Bool { newKeys.contains(key) }
}
