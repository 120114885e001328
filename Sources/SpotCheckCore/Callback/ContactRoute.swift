/// How a drawn customer can be reached (SPEC Part 1, "Size, deduplication, reserves": every
/// drawn customer can be reached — by phone, through the platform's privacy-number calling, or
/// by IM; customers no route reaches are not drawn, and the tool says how many).
public enum ContactRoute: Int, Sendable, Codable, CaseIterable, Comparable {
    /// 手机: a full number (a privacy number with its extension counts).
    case phone = 0
    /// 平台隐私号: no full number, but an order on a platform whose seller backend calls the
    /// buyer through a privacy number.
    case platform = 1
    /// 旺旺: only a buyer ID (not masked), reached by IM.
    case im = 2
    /// No way to reach the customer.
    case none = 3

    /// The route of one record.
    public static func of(phone: PhoneNumber?, orderNo: String?, platform: Platform?, buyerID: String?) -> ContactRoute
    {
        if case .full? = phone { return .phone }
        if let o = orderNo, IdentityKey.isOrderNumber(o), platform != nil { return .platform }
        if let b = buyerID, !b.isEmpty, !Masking.isMasked(b) { return .im }
        return .none
    }

    /// The customer's route: the best of their records' routes.
    public static func best(_ a: ContactRoute, _ b: ContactRoute) -> ContactRoute { min(a, b) }

    /// The key used in JSON.
    public var key: String {
        switch self {
        case .phone: return "phone"
        case .platform: return "platform"
        case .im: return "im"
        case .none: return "none"
        }
    }

    public static func < (a: ContactRoute, b: ContactRoute) -> Bool { a.rawValue < b.rawValue }
}
