import SpotCheckCore

extension Catalog {
    /// Blank templates of the four sheets (`spotcheck templates`), for shops that keep them by hand.
    public enum Templates {
        /// The template's file name (headers stay Chinese in both languages: the importer reads them).
        public static func fileName(_ kind: SourceKind) -> Message {
            switch kind {
            case .afterSales: return Message("售后问题处理表.xlsx", "after-sales-sheet.xlsx")
            case .courier: return Message("快递件处理表.xlsx", "courier-sheet.xlsx")
            case .reviews: return Message("评价收集表.xlsx", "review-sheet.xlsx")
            case .vip: return Message("VIP客户名单.xlsx", "vip-list.xlsx")
            }
        }
        /// The tab of the data sheet.
        public static func dataSheet(_ kind: SourceKind) -> Message {
            switch kind {
            case .afterSales: return Message("售后问题处理表", "After-sales")
            case .courier: return Message("快递件处理表", "Courier")
            case .reviews: return Message("评价收集表", "Reviews")
            case .vip: return Message("VIP客户名单", "VIP list")
            }
        }
        /// The tab explaining the columns.
        public static let guideSheet = Message("填写说明", "How to fill in")
        /// The month in a blank template's printed header, to be written in by hand.
        public static let monthBlank = Message("月份：________", "Month: ________")
        public static let guideColumn = Message("列名", "Column")
        public static let guideMeaning = Message("说明", "What to enter")
        public static let guideRows = Message(
            "第 1 行是表头，请勿改名或删除；从第 2 行起每行一条记录。旺旺号、手机号、订单编号至少填一项。",
            "Row 1 holds the headers: do not rename or delete them. From row 2 on, one record per row. "
                + "Fill in at least one of buyer ID, phone and order number.")
        public static let guideDates = Message(
            "日期写成 2026-11-03 的格式；带下拉箭头的列请从列表中选择。",
            "Write dates as 2026-11-03; in columns with a drop-down arrow, choose from the list.")

        /// One line per column of the guide sheet.
        public static let name = Message("客户姓名（可写 张**）", "The customer's name (a masked 张** is fine)")
        public static let phone = Message(
            "客户手机号，11 位；可带脱敏号（138****5678）或隐私号分机。本列为文本格式，号码不会被改成科学计数",
            "The customer's mobile, 11 digits; masked (138****5678) or a privacy number with extension is fine. "
                + "The column is text, so no digit is lost")
        public static let buyerID = Message("买家的旺旺号/会员名", "The buyer's Wangwang ID / member name")
        public static let orderNo = Message(
            "平台订单编号（文本格式，保留全部位数）", "The platform's order number (text, every digit kept)")
        public static let product = Message("购买的商品（宝贝标题）", "The product bought (listing title)")
        public static let purchaseDate = Message("下单或付款日期", "The day the order was placed or paid")
        public static let afterSalesSituation = Message(
            "问题与处理经过：退货、换货、退款、质量问题等，回访话术会引用",
            "What went wrong and what was done (return, exchange, "
                + "refund, quality…); the call script quotes it")
        public static let courierSituation = Message(
            "快递异常类型：从下拉列表选择（丢件/破损/延误/错发/漏发/拒收/其他）",
            "The courier problem: choose from the list (lost, damaged, late, wrong item, missing item, refused, other)")
        public static let reviewSituation = Message("评价原文或要点", "The review's text or its gist")
        public static let handler = Message(
            "处理此单的售后客服（按人统计满意度，直接填写姓名）",
            "The after-sales agent who handled the case (satisfaction is broken down by agent; type the name)")
        public static let handledDate = Message(
            "处理完结的日期（决定记录属于哪个月）",
            "The day the case was closed (places the record in a month)")
        public static let appliedDate = Message(
            "登记或客户反馈的日期（尚未处理完时按此日期归月）", "The day the case was registered (places the record when not yet closed)")
        public static let reviewDate = Message(
            "评价的日期（决定记录属于哪个月）",
            "The day of the review (places the record in a month)")
        public static let reviewLevel = Message("好评/中评/差评：从下拉列表选择", "Good, neutral or bad review: choose from the list")
        public static let refundStatus = Message(
            "退款中/退款成功/退款关闭/换货/补发：从下拉列表选择",
            "Refund status (in progress, refunded, closed, exchange, "
                + "re-shipped): choose from the list")
        public static let courier = Message("快递公司", "The courier company")
        public static let trackingNo = Message("快递运单号（文本格式）", "The tracking number (text)")
        public static let spent = Message("累计消费金额（元），800 元以上为 VIP", "Total spent in yuan (800 or more makes a VIP)")
        public static let lastPurchase = Message(
            "最近一次购买的日期（三个月以上未购的 VIP 需回访）",
            "The day of the last purchase (VIPs who have not bought for three months are called)")

        /// The drop-down's message when a value is not in the list.
        public static let listErrorTitle = Message("请从列表选择", "Choose from the list")
        public static func listError(_ values: [String]) -> Message {
            Message("可选值：\(values.joined(separator: "、"))", "Allowed values: \(values.joined(separator: ", "))")
        }

        /// A template was written.
        public static func written(_ path: String) -> Message {
            Message("已写入模板：\(path)", "template written: \(path)")
        }
        /// A template would overwrite a file (the error names the file).
        public static let exists = Message(
            "文件已存在，未作改动；要覆盖请加 --force",
            "the file already exists; nothing written (add --force to overwrite it)")
        /// The output folder cannot be made (the error names the folder).
        public static func notFolder(_ reason: String) -> Message {
            Message("无法建立文件夹：\(reason)", "cannot create the folder: \(reason)")
        }
        /// The configuration names no header for a field a template needs.
        public static func noHeader(_ location: String, field: String) -> Message {
            Message(
                "\(location) 中字段 \(field) 没有任何列名，无法生成模板",
                "\(location) gives field \(field) no header; cannot write the template")
        }
        /// A template header would be read as another field.
        public static func headerClash(_ location: String, header: String, field: String, other: String) -> Message {
            Message(
                "\(location)：列名「\(header)」属于 \(field)，但导入时会被当作 \(other)；请在配置中去掉重复的列名",
                "\(location): header \"\(header)\" is given to \(field) but would import as \(other); "
                    + "remove the duplicate from the configuration")
        }
    }
}
