/// No repeat visits (SPEC Part 1, "Size, deduplication, reserves": 避免重复抽查 — customers
/// already drawn within a look-back window, default 12 months, are excluded, and the tool says
/// how many).
///
/// - The window is the `lookback` months before the month drawn (that month's own draw is the
///   one being made or replaced, so it does not count).
/// - Only a month's current draw counts (a replaced draw was never called from).
/// - A customer counts as spot-checked when they stood on the main list, or were a reserve
///   brought into play; a reserve that was never needed was never called and stays eligible.
public enum History {
    /// One customer of an earlier draw.
    public struct DrawnCustomer: Sendable, Equatable {
        public var customer: Int
        public var isReserve: Bool
        public var inPlay: Bool

        public init(customer: Int, isReserve: Bool, inPlay: Bool) {
            self.customer = customer
            self.isReserve = isReserve
            self.inPlay = inPlay
        }
    }

    /// The months whose current draws exclude customers from `month`'s draw; nil when the
    /// look-back is off (0 months).
    public static func months(before month: YearMonth, lookback: Int) -> ClosedRange<YearMonth>? {
        lookback > 0 ? month.adding(months: -lookback)...month.previous : nil
    }

    /// Whether a customer of an earlier draw counts as spot-checked.
    public static func countsAsSpotChecked(_ c: DrawnCustomer) -> Bool { !c.isReserve || c.inPlay }

    /// The customers the look-back excludes, from the customers of the window's current draws.
    public static func excluded<S: Sequence>(_ drawn: S) -> Set<Int> where S.Element == DrawnCustomer {
        Set(drawn.lazy.filter(countsAsSpotChecked).map(\.customer))
    }
}
