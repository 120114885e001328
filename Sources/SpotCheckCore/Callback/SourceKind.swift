/// The four sheets the monthly spot-check draws customers from (SPEC Part 1, "Sources").
public enum SourceKind: String, CaseIterable, Sendable, Codable, Comparable {
    /// 售后问题处理表: return, exchange, refund and quality cases.
    case afterSales = "after-sales"
    /// 快递件处理表: lost, late and damaged parcels, re-shipments.
    case courier
    /// 评价收集表: good and bad reviews.
    case reviews
    /// VIP 客户名单: VIP customers; the list carries no event date and belongs to a named month.
    case vip

    /// A small stable number for storage and bit sets (0–3).
    public var code: Int {
        switch self {
        case .afterSales: return 0
        case .courier: return 1
        case .reviews: return 2
        case .vip: return 3
        }
    }

    /// The kind with the given storage code.
    public init?(code: Int) {
        switch code {
        case 0: self = .afterSales
        case 1: self = .courier
        case 2: self = .reviews
        case 3: self = .vip
        default: return nil
        }
    }

    public static func < (a: SourceKind, b: SourceKind) -> Bool { a.code < b.code }
}

/// A set of source kinds, as a bit set.
public struct SourceSet: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The set holding one kind.
    public init(_ kind: SourceKind) { rawValue = 1 << kind.code }

    /// The kinds in the set, in canonical order.
    public var kinds: [SourceKind] { SourceKind.allCases.filter { contains(SourceSet($0)) } }

    /// Whether the set holds `kind`.
    public func contains(_ kind: SourceKind) -> Bool { contains(SourceSet(kind)) }

    /// Number of kinds in the set.
    public var count: Int { rawValue.nonzeroBitCount }
}
