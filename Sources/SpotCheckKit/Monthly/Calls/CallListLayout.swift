import SpotCheckText

/// The columns of the call list, in order. The results import finds them again by their
/// headers (in either language), so a person may re-sort rows or insert columns.
public enum CallListColumn: Hashable, Sendable {
    case rank, type, customer, phone, alternates, route, platform, buyerID, sources, order, product, purchaseDate,
        situation, handler, hours, script
    case attemptTime(Int), attemptResult(Int)
    case imLeft, score, praise, note, complaint, repliedAt, caller
    /// Hidden: the row's customer (the list's draw is in its hidden sheet).
    case key

    /// Attempt columns on the list.
    public static let attempts = 5

    /// Every column, in sheet order.
    public static let all: [CallListColumn] =
        [
            .rank, .type, .customer, .phone, .alternates, .route, .platform, .buyerID, .sources, .order, .product,
            .purchaseDate,
            .situation, .handler, .hours, .script,
        ]
        + (1...attempts).flatMap { [CallListColumn.attemptTime($0), .attemptResult($0)] }
        + [.imLeft, .score, .praise, .note, .complaint, .repliedAt, .caller, .key]

    /// The column's header.
    public var header: Message {
        typealias L = Catalog.CallList
        switch self {
        case .rank: return L.rank
        case .type: return L.type
        case .customer: return L.customer
        case .phone: return L.phone
        case .alternates: return L.alternates
        case .route: return L.route
        case .platform: return L.platform
        case .buyerID: return L.buyerID
        case .sources: return L.sources
        case .order: return L.order
        case .product: return L.product
        case .purchaseDate: return L.purchaseDate
        case .situation: return L.situation
        case .handler: return L.handler
        case .hours: return L.hours
        case .script: return L.script
        case .attemptTime(let n): return L.attemptTime(n)
        case .attemptResult(let n): return L.attemptResult(n)
        case .imLeft: return L.imLeft
        case .score: return L.score
        case .praise: return L.praise
        case .note: return L.note
        case .complaint: return L.complaint
        case .repliedAt: return L.repliedAt
        case .caller: return L.caller
        case .key: return L.key
        }
    }

    /// The column's position on a freshly exported list.
    public var index: Int { CallListColumn.all.firstIndex(of: self)! }

    /// True for the columns a caller fills in.
    public var isInput: Bool {
        switch self {
        case .attemptTime, .attemptResult, .imLeft, .score, .praise, .note, .complaint, .repliedAt, .caller: return true
        default: return false
        }
    }
}
