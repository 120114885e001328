/// The VIP list derived from the order exports — seed 003, 电话回访注意事项: 「购买过800元以上的
/// 客户,在近三个月以上没有来我们店铺购买了,那就要进行回访」 (SPEC, "The four sheets": VIP
/// 客户名单).
///
/// - 「800元以上」: the customer's purchases add up to the amount or more (以上 includes the
///   number, as Chinese usage has it: exactly 800.00 qualifies, 799.99 does not).
/// - 「近三个月以上没有…购买」: their last purchase is on or before the day that many months
///   before the month's window opens (the same day of the month, or the month's last day when
///   it has fewer days).
/// - A purchase is an order that is dated (paid or placed) and neither closed nor cancelled
///   nor unpaid (``isPurchase(status:)``).
public struct VIPDerivation: Sendable, Equatable {
    /// The smallest total that qualifies, in fen (800 yuan: 80,000).
    public var minimumFen: Int64
    /// Months without a purchase.
    public var inactiveMonths: Int

    public init(minimumFen: Int64 = 80_000, inactiveMonths: Int = 3) {
        self.minimumFen = minimumFen
        self.inactiveMonths = inactiveMonths
    }

    /// The last day a VIP's last purchase may fall on, for a month whose window opens on `windowStart`.
    public func lastPurchaseCutoff(windowStart: Day) -> Day {
        let c = windowStart.components
        return YearMonth(year: c.year, month: c.month)!.adding(months: -inactiveMonths).day(clamping: c.day)
    }

    /// Whether a customer with these purchases is on the month's VIP list.
    public func qualifies(totalFen: Int64, lastPurchase: Day, windowStart: Day) -> Bool {
        totalFen >= minimumFen && lastPurchase <= lastPurchaseCutoff(windowStart: windowStart)
    }

    /// Whether an order in this state is a purchase: not 交易关闭, 已取消 or 等待买家付款 (the
    /// wordings of the four seller centres' order exports); an order without a state counts.
    public static func isPurchase(status: String?) -> Bool {
        guard let s = status else { return true }
        for word in ["关闭", "取消", "待付款", "未付款", "等待买家付款", "待支付"] where s.contains(word) { return false }
        return true
    }
}

/// Money as the exports write it: `168.99`, `¥1,234.5`, `168.99\t`, `800`.
public enum Money {
    /// The amount in fen; nil when the text is not an amount of at most two decimals.
    public static func fen(_ text: String) -> Int64? {
        var s = Substring(text.trimmingASCIIWhitespace())
        if s.hasPrefix("¥") || s.hasPrefix("￥") { s = s.dropFirst() }
        if s.hasSuffix("元") { s = s.dropLast() }
        s = Substring(s.filter { $0 != "," })
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let yuan = Int64(whole)
        else { return nil }
        var fen: Int64 = 0
        if parts.count == 2 {
            var decimals = parts[1]
            // Excel's binary fractions (168.99000000000001) are two decimals written long.
            if decimals.count > 2, decimals.dropFirst(2).allSatisfy({ $0 == "0" }) { decimals = decimals.prefix(2) }
            if decimals.count > 2, let d = Double(String(s)) { return Int64((d * 100).rounded()) }
            guard !decimals.isEmpty, decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fen = Int64(decimals)! * (decimals.count == 1 ? 10 : 1)
        }
        return yuan * 100 + fen
    }

    /// Fen as yuan text: `80000` → `800.00`.
    public static func yuanText(_ fen: Int64) -> String {
        let f = abs(fen) % 100
        return "\(fen / 100).\(f < 10 ? "0" : "")\(f)"
    }
}
