import SpotCheckCore

extension Catalog {
    /// The monthly draw (`spotcheck sample`).
    public enum Sample {
        public static func header(month: String, window: String, drawID: Int64, seed: UInt64) -> Message {
            Message(
                "\(month) 服务回访抽查（抽样编号 \(drawID)，区间 \(window)，随机种子 \(seed)）",
                "\(month) service spot-check (draw \(drawID), window \(window), seed \(seed))")
        }
        public static func pool(customers: Int, bySource: String) -> Message {
            Message(
                "候选客户 \(grouped(customers)) 位（按来源：\(bySource)）",
                "pool: \(grouped(customers)) customers (by source: \(bySource))")
        }
        public static func rows(_ text: String) -> Message {
            Message("  区间内的表格行：\(text)", "  sheet rows in the window: \(text)")
        }
        public static func merged(_ n: Int) -> Message {
            Message(
                "  其中出现在多张表中的客户 \(grouped(n)) 位（已合并为一人）",
                "  \(grouped(n)) customers stand in several sheets (merged into one)")
        }
        public static func excluded(_ n: Int, months: Int) -> Message {
            Message(
                "  近 \(months) 个月已回访、本次排除 \(grouped(n)) 位",
                "  \(grouped(n)) excluded: spot-checked in the last \(months) months")
        }
        public static func drawn(main: Int, minimum: Int, byStratum: String, reserves: Int) -> Message {
            Message(
                "抽取正选 \(main) 位（最低要求 \(minimum)；分层抽取：\(byStratum)），备选 \(reserves) 位",
                "drew \(main) customers (minimum \(minimum); by stratum: \(byStratum)) and \(reserves) reserves")
        }
        public static func drawnBySource(_ text: String) -> Message {
            Message(
                "  正选客户按来源（一人多表各计一次）：\(text)",
                "  main-list customers by source (a customer in several sheets counts in each): \(text)")
        }
        public static func deadline(_ day: String, daysLeft: Int) -> Message {
            daysLeft == 0
                ? Message("递交销售主管截止：\(day)（今天到期）", "due to the sales manager: \(day) (today)")
                : Message(
                    "递交销售主管截止：\(day)（还剩 \(daysLeft) 天）", "due to the sales manager: \(day) (\(daysLeft) day(s) left)")
        }
        public static func late(_ day: String, daysLate: Int) -> Message {
            Message(
                "已逾期：本月名单应于 \(day) 递交销售主管，现已晚 \(daysLate) 天",
                "LATE: this month's list was due to the sales manager on \(day), \(daysLate) day(s) ago")
        }
        public static func belowMinimum(eligible: Int, minimum: Int) -> Message {
            Message(
                "候选客户只有 \(eligible) 位，不足最低要求 \(minimum) 位：已全部抽取，没有备选。请补充导入本月的表格",
                "only \(eligible) eligible customers, below the minimum of \(minimum): all were taken and there are no reserves; import more of this month's sheets"
            )
        }
        public static func replaced(_ id: Int64) -> Message {
            Message(
                "已重新抽取：原抽样（编号 \(id)）保留在记录中，已标记为被替代",
                "redrawn: the earlier draw (no. \(id)) stays on record, marked as replaced")
        }
        public static func alreadyDrawn(month: String, at: String, seed: UInt64) -> Message {
            Message(
                "\(month) 已于 \(at) 抽取过（随机种子 \(seed)）。如需重新抽取，请加 --redraw（原抽样会保留在记录中）",
                "\(month) was drawn on \(at) (seed \(seed)); add --redraw to draw again (the earlier draw stays on record)"
            )
        }
        public static func emptyPool(month: String, window: String) -> Message {
            Message(
                "\(month) 的抽查区间（\(window)）内没有任何客户记录。请先导入本月的售后、快递、评价表或 VIP 名单",
                "no customer records in \(month)'s window (\(window)); import the month's sheets first")
        }
        public static func notDrawn(_ month: String) -> Message {
            Message(
                "\(month) 还没有抽样。请先运行 spotcheck sample --month \(month)",
                "\(month) has not been drawn yet; run spotcheck sample --month \(month) first")
        }
        public static func sizeBelowMinimum(size: Int, minimum: Int) -> Message {
            Message(
                "抽查数量 \(size) 低于最低要求 \(minimum)（抽查数量不得低于\(minimum)个）",
                "sample size \(size) is below the minimum of \(minimum)")
        }
        public static func minimumBelowOne(_ n: Int) -> Message {
            Message("最低抽查数量必须至少为 1（现为 \(n)）", "the minimum must be at least 1 (it is \(n))")
        }
        public static func badRatio(_ r: Double) -> Message {
            Message("备选比例必须在 0 到 1 之间（现为 \(r)）", "the reserve ratio must be between 0 and 1 (it is \(r))")
        }
        public static func exported(_ path: String, main: Int, reserves: Int) -> Message {
            Message(
                "回访名单已写入 \(path)：正选 \(main) 位，备选 \(reserves) 位",
                "call list written to \(path): \(main) main, \(reserves) reserves")
        }
        public static func counts(_ pairs: [(SourceKind, Int)], lang: Lang) -> String {
            pairs.map { "\(Names.source($0.0).text(lang)) \($0.1)" }.joined(separator: lang == .zh ? "、" : ", ")
        }
    }

    /// General CLI messages.
    public enum CLI {
        /// Where a file problem is: file, row, column.
        public static func location(file: String, row: Int?, column: String?) -> Message {
            var zh = file, en = file
            if let row { zh += " 第 \(row) 行"; en += " row \(row)" }
            if let column { zh += "，列「\(column)」"; en += ", column \"\(column)\"" }
            return Message(zh + "：", en + ": ")
        }
        /// A message with where it happened in front of it.
        public static func located(file: String, row: Int?, column: String?, _ m: Message) -> Message {
            let l = location(file: file, row: row, column: column)
            return Message(l.zh + m.zh, l.en + m.en)
        }
        public static let errorPrefix = Message("错误：", "error: ")
        /// A value not among those allowed, with the closest one.
        public static func unknownValue(_ value: String, closest: String?, all: [String]) -> Message {
            let hint = closest.map { ("您是否要输入「\($0)」？", "Did you mean \"\($0)\"? ") } ?? ("", "")
            return Message(
                "无法识别「\(value)」。\(hint.0)可用：\(all.joined(separator: "、"))",
                "\"\(value)\" is not one of the values. \(hint.1)Use one of: \(all.joined(separator: ", "))")
        }
        /// No --month given: the month whose window holds today.
        public static func defaultMonth(_ month: String, window: String) -> Message {
            Message(
                "未指定 --month，按今天所在的抽查区间处理 \(month)（\(window)）",
                "no --month given: \(month), whose window (\(window)) holds today")
        }
        public static let warningPrefix = Message("警告：", "warning: ")
        public static let notePrefix = Message("提示：", "note: ")
        public static func demoStep(_ text: String) -> Message { Message("== \(text)", "== \(text)") }
        public static func demoWorkspaceExists(_ db: String) -> Message {
            Message(
                "\(db) 已存在：演示会从头建立工作区，请换一个空文件夹",
                "\(db) exists: the demo builds its workspace from scratch; give an empty folder")
        }
        public static func demoDone(_ dir: String) -> Message {
            Message("演示完成。输出文件在 \(dir)/", "demo finished; the output files are in \(dir)/")
        }
        public static func demoMonth(_ month: String, _ role: Message) -> Message {
            Message("\(month)（\(role.zh)）", "\(month) (\(role.en))")
        }
        public static func demoResults(_ month: String, _ day: String) -> Message {
            Message("\(month) 回访结果（\(day) 收回已填写的名单）", "\(month) call results (the filled list returned on \(day))")
        }
        public static func demoQA(_ period: String) -> Message { Message("\(period) 客服质检", "\(period) transcript QA") }
        public static func demoScores(_ period: String, _ day: String) -> Message {
            Message(
                "\(period) 质检评分（\(day) 收回已评分的抽检评分表）", "\(period) audit scores (the scored workbook returned on \(day))")
        }
        /// The files the demo writes.
        public enum DemoFile: Sendable { case callList, report, audit, qaReport }
        public static func demoFileName(_ f: DemoFile, _ month: String) -> Message {
            switch f {
            case .callList: return Message("回访名单-\(month).xlsx", "call-list-\(month).xlsx")
            case .report: return Message("服务抽查报表-\(month).xlsx", "spot-check-report-\(month).xlsx")
            case .audit: return Message("抽检评分表-\(month).xlsx", "audit-\(month).xlsx")
            case .qaReport: return Message("质检报表-\(month).xlsx", "qa-report-\(month).xlsx")
            }
        }
        public static let lastMonth = Message("上月", "last month")
        public static let thisMonth = Message("本月", "this month")
        public static func samplesNotFound(_ tried: [String]) -> Message {
            Message(
                "找不到演示数据目录 Samples/（已查找：\(tried.joined(separator: "、"))）；请在仓库根目录运行或用 --samples 指定",
                "cannot find the demo data folder Samples/ (looked in: \(tried.joined(separator: ", "))); run from the repository or pass --samples"
            )
        }
        public static let usageError = Message(
            "命令行参数有误（说明见下方）；运行 spotcheck --help 或 spotcheck <命令> --help 查看用法",
            "the command line is not right (details below); see spotcheck --help or spotcheck <command> --help")
        public static func unexpected(_ detail: String) -> Message {
            Message("内部错误：\(detail)", "internal error: \(detail)")
        }
    }
}
