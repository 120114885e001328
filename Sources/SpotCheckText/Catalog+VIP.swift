import SpotCheckCore

extension Catalog {
    /// The VIP list derived from the order lookup (`spotcheck vip derive`, seed 003).
    public enum VIP {
        public static let noOrders = Message(
            "还没有导入订单：请先导入平台的订单导出（spotcheck import --kind orders 文件…），再生成 VIP 名单",
            "no orders imported yet: import the platforms' order exports first (spotcheck import --kind orders FILE…)")
        public static func alreadyDrawn(month: String, drawnAt: String) -> Message {
            Message(
                "\(month) 已于 \(drawnAt) 抽样：VIP 名单要在抽样前生成（抽样后更换名单，已抽出的客户会与名单不符）",
                "\(month) was drawn at \(drawnAt): derive the VIP list before the draw (a list changed after it would no longer match the customers drawn)"
            )
        }
        public static func badMinimum(_ text: String) -> Message {
            Message("无法识别的金额「\(text)」：请写成 800 或 800.50", "\"\(text)\" is not an amount: write 800 or 800.50")
        }
        public static func badInactiveMonths(_ n: Int) -> Message {
            Message(
                "--inactive-months 须为 1 到 36 之间的整数，而不是 \(n)",
                "--inactive-months must be a whole number from 1 to 36, not \(n)")
        }
        /// What was derived.
        public static func derived(
            month: String, selected: Int, buyers: Int, minimum: String, months: Int, cutoff: String
        ) -> Message {
            Message(
                "\(month) 的 VIP 名单：从 \(grouped(buyers)) 位有购买记录的客户中选出 \(grouped(selected)) 位（累计实付 \(minimum) 元及以上，且最近一次购买在 \(cutoff) 或更早，即本月抽查区间开始前 \(months) 个月以上未购买）",
                "VIP list of \(month): \(grouped(selected)) of \(grouped(buyers)) customers with purchases (paid \(minimum) yuan or more in total, last purchase on or before \(cutoff): \(months) months or more before the month's window opens)"
            )
        }
        public static func replaced(_ n: Int) -> Message {
            Message(
                "此前为该月生成的 VIP 名单（\(grouped(n)) 位）已被替换",
                "the month's earlier derived VIP list (\(grouped(n))) was replaced")
        }
        public static let noneQualify = Message(
            "没有客户符合条件，本月的 VIP 名单为空", "no customer qualifies: the month's VIP list is empty")
    }
}
