import SpotCheckCore

extension Catalog {
    /// Names of things users see everywhere.
    public enum Names {
        /// The sheet a source kind comes from.
        public static func sheet(_ kind: SourceKind) -> Message {
            switch kind {
            case .afterSales: return Message("售后问题处理表", "after-sales sheet")
            case .courier: return Message("快递件处理表", "courier sheet")
            case .reviews: return Message("评价收集表", "review sheet")
            case .vip: return Message("VIP客户名单", "VIP list")
            }
        }
        /// A platform's order export (import --kind orders).
        public static let orders = Message("订单导出", "order export")
        /// A short label of a source kind, for columns.
        public static func source(_ kind: SourceKind) -> Message {
            switch kind {
            case .afterSales: return Message("售后", "after-sales")
            case .courier: return Message("快递", "courier")
            case .reviews: return Message("评价", "reviews")
            case .vip: return Message("VIP", "VIP")
            }
        }
    }

    /// Importing the month's sheets.
    public enum Import {
        /// A field's name as users know it.
        public static func field(_ key: String) -> Message {
            switch key {
            case "buyer_id": return Message("买家ID（旺旺号）", "buyer ID")
            case "phone": return Message("手机号", "phone")
            case "name": return Message("客户姓名", "customer name")
            case "order_no": return Message("订单号", "order number")
            case "product": return Message("商品", "product")
            case "purchase_date": return Message("购买日期", "purchase date")
            case "situation": return Message("问题/情况", "issue")
            case "handler": return Message("处理人", "handler")
            case "handled_date": return Message("处理日期", "handled date")
            case "applied_date": return Message("登记/申请日期", "registered date")
            case "review_date": return Message("评价时间", "review date")
            case "review_level": return Message("评价等级", "review rating")
            case "refund_status": return Message("退款状态", "refund status")
            case "courier": return Message("快递公司", "courier company")
            case "tracking_no": return Message("运单号", "tracking number")
            case "spent": return Message("累计消费", "total spent")
            case "last_purchase": return Message("最近购买时间", "last purchase")
            case "amount": return Message("实付金额", "amount paid")
            case "order_status": return Message("订单状态", "order status")
            default: return Message(key, key)
            }
        }
        /// `missing` lists groups of alternatives: one column of each group is needed.
        public static func missingColumns(
            sheet: Message, missing: [[String]], found: [String], accepted: [String: [String]]
        ) -> Message {
            let fields = missing.flatMap { $0 }
            let zhAccepted = fields.map { "「\(field($0).zh)」可用表头：\(accepted[$0, default: []].joined(separator: "、"))" }
                .joined(separator: "；")
            let enAccepted = fields.map { "\(field($0).en): \(accepted[$0, default: []].joined(separator: ", "))" }
                .joined(separator: "; ")
            let zhMissing = missing.map { g in
                g.count == 1 ? field(g[0]).zh : g.map { field($0).zh }.joined(separator: "/") + " 其中之一"
            }.joined(separator: "；")
            let enMissing = missing.map { g in
                g.count == 1 ? field(g[0]).en : "one of " + g.map { field($0).en }.joined(separator: " / ")
            }.joined(separator: "; ")
            return Message(
                "找不到必需的列：\(zhMissing)（\(sheet.zh)）。文件中的表头：\(found.joined(separator: "、"))。\(zhAccepted)。可在配置 columns.json 中添加本店的表头",
                "missing a required column: \(enMissing) (\(sheet.en)). Headers in the file: \(found.joined(separator: ", ")). Accepted — \(enAccepted). Add your shop's headers to columns.json"
            )
        }
        public static let orderMissing = Message(
            "订单号为空：订单导出的每一行都要有订单号", "the order number is empty: every row of an order export needs one")
        public static let badAmount = Message("无法识别的金额；可用 168.99、¥1,234.50", "not an amount; use 168.99 or ¥1,234.50")
        public static let identityMissing = Message(
            "买家ID、手机号、订单号都为空，无法识别客户",
            "buyer ID, phone and order number are all empty: the customer cannot be identified")
        public static let dateMissing = Message("日期为空，无法确定属于哪个月", "the date is empty, so the row belongs to no month")
        public static let badDate = Message(
            "无法识别的日期；可用 2026-11-03、2026/11/3、2026年11月3日（可带时间）",
            "not a date; use 2026-11-03, 2026/11/3 or 2026年11月3日 (a time may follow)")
        public static let noSuchDate = Message("日期不存在", "no such date")
        public static let badTime = Message("时间超出范围", "the time is out of range")
        public static let phoneScientific = Message(
            "手机号被 Excel 显示成科学计数法，后几位已丢失；请把该列设为文本后重新导出",
            "Excel turned the phone into scientific notation and its last digits are lost; format the column as text and export again"
        )
        public static let phoneInvalid = Message("不是有效的手机号或电话号码", "not a valid mobile or landline number")
        public static let orderDigitsLost = Message(
            "订单号被 Excel 当成数字，后几位已丢失；请把该列设为文本后重新导出",
            "Excel stored the order number as a number and its last digits are lost; format the column as text and export again"
        )
        public static let errorCell = Message("单元格是 Excel 错误值", "the cell holds an Excel error value")

        public static func rowProblem(
            file: String, row: Int, column: String?, value: String?, reason: Message
        ) -> Message {
            var zh = "\(file) 第 \(row) 行"
            var en = "\(file) row \(row)"
            if let column { zh += "，列「\(column)」"; en += ", column \"\(column)\"" }
            if let value, !value.isEmpty { zh += "，值「\(value)」"; en += ", value \"\(value)\"" }
            return Message(zh + "：" + reason.zh, en + ": " + reason.en)
        }
        public static func rejectedAll(badRows: Int) -> Message {
            Message(
                "有 \(badRows) 行数据有误，未导入任何数据（数据库未改变）。修正后重新导入，或加 --skip-bad 只导入正确的行",
                "\(badRows) bad row(s): nothing was imported (the database is unchanged). Fix them and import again, or add --skip-bad to import the good rows"
            )
        }
        /// A rejected row's reasons, in the rejects file: `「处理日期」日期不存在;「手机号」…`.
        public static func rejectReasons(_ reasons: [(column: String?, reason: Message)]) -> Message {
            Message(
                reasons.map { r in (r.column.map { "「\($0)」" } ?? "") + r.reason.zh }.joined(separator: ";"),
                reasons.map { r in (r.column.map { "\"\($0)\": " } ?? "") + r.reason.en }.joined(separator: "; "))
        }
        /// An upload of several files refused (the workbench): nothing of any file was imported.
        public static func batchRefused(badRows: Int, files: Int) -> Message {
            var zh: [String] = [], en: [String] = []
            if files > 0 { zh.append("\(files) 个文件无法读取"); en.append("\(files) file(s) cannot be read") }
            if badRows > 0 { zh.append("\(badRows) 行数据有误"); en.append("\(badRows) bad row(s)") }
            return Message(
                zh.joined(separator: "，") + "：所有文件都未导入（数据库未改变）。修正后重新上传",
                en.joined(separator: ", ")
                    + ": none of the files was imported (the database is unchanged). Fix them and upload again")
        }
        public static func moreProblems(_ n: Int) -> Message {
            Message("……另有 \(n) 行有误未列出", "… and \(n) more bad row(s) not listed")
        }
        public static func fileSummary(
            file: String, sheet: Message, format: String, read: Int, new: Int, known: Int, blank: Int,
            rejected: Int
        ) -> Message {
            var zh = "\(sheet.zh) \(file)（\(format)）：读取 \(grouped(read)) 行，新增 \(grouped(new)) 行"
            var en = "\(sheet.en) \(file) (\(format)): read \(grouped(read)) rows, \(grouped(new)) new"
            if known > 0 { zh += "，已导入过 \(grouped(known)) 行"; en += ", \(grouped(known)) already imported" }
            if blank > 0 { zh += "，空行 \(grouped(blank)) 行已跳过"; en += ", \(grouped(blank)) blank skipped" }
            if rejected > 0 { zh += "，有误跳过 \(grouped(rejected)) 行"; en += ", \(grouped(rejected)) bad skipped" }
            return Message(zh, en)
        }
        public static func nothingNew(file: String) -> Message {
            Message("\(file) 的内容此前已全部导入，数据库未改变", "everything in \(file) was imported before: the database is unchanged")
        }
        /// Customers touched and the merges, by the key each was made on.
        public static func customers(touched: Int, merged: Int, buyer: Int, phone: Int, order: Int) -> Message {
            guard merged > 0 else {
                return Message(
                    "涉及客户 \(grouped(touched)) 位；没有把不同记录合并为同一客户",
                    "\(grouped(touched)) customers; no records were merged into one customer")
            }
            return Message(
                "涉及客户 \(grouped(touched)) 位；合并为同一客户 \(grouped(merged)) 次（买家ID相同 \(buyer) 次，手机号相同 \(phone) 次，订单号相同 \(order) 次）",
                "\(grouped(touched)) customers; \(grouped(merged)) merge(s) into one customer (same buyer ID \(buyer), phone \(phone), order number \(order))"
            )
        }
        public static func rejectsWritten(_ path: String, count: Int) -> Message {
            Message("有误的 \(count) 行及原因已写入 \(path)", "the \(count) bad row(s) and their reasons are in \(path)")
        }
        public static func outsideMonth(count: Int, month: String, window: String) -> Message {
            Message(
                "有 \(count) 行的日期不在 \(month) 的抽查区间（\(window)）内，已按各自日期归入相应月份",
                "\(count) row(s) are dated outside \(month)'s window (\(window)); they belong to their own months")
        }
        public static func vipMonth(_ month: String, window: String) -> Message {
            Message("VIP 名单归入 \(month)（抽查区间 \(window)）", "the VIP list belongs to \(month) (window \(window))")
        }
        public static func progress(rows: Int, rate: Int, percent: Int?) -> Message {
            let p = percent.map { " \($0)%" } ?? ""
            return Message(
                "已读取 \(grouped(rows)) 行（\(grouped(rate)) 行/秒）\(p)",
                "read \(grouped(rows)) rows (\(grouped(rate)) rows/s)\(p)")
        }
        public static let rejectsReasonHeader = Message("错误原因", "reason")
        public static let rejectsRowHeader = Message("原行号", "row")
        public static func unknownKind(_ kind: String) -> Message {
            Message(
                "未知的表类型「\(kind)」：可用 after-sales（售后）、courier（快递）、reviews（评价）、vip、orders（订单导出）",
                "unknown kind \"\(kind)\": use after-sales, courier, reviews, vip or orders")
        }
        /// What an order import added to the lookup.
        public static func ordersSummary(matched: Int, withPhone: Int) -> Message {
            Message(
                "订单查找表：\(grouped(withPhone)) 个订单带完整手机号；\(grouped(matched)) 个订单号与此前导入的记录对上。"
                    + "售后、快递、评价表中的订单号会由此找到买家ID、姓名和手机号（订单导出本身不进入抽样池）",
                "order lookup: \(grouped(withPhone)) orders with a full phone number; \(grouped(matched)) order numbers matched records imported "
                    + "before. Order numbers in the after-sales, courier and review sheets find their buyer ID, name and phone here (orders are "
                    + "not a sampling source)")
        }
    }
}
