import SpotCheckCore

extension Catalog {
    /// Labels of call results and complaint handling, as the drop-downs show them.
    public enum Call {
        public static func result(_ r: AttemptResult) -> Message {
            switch r {
            case .noAnswer: return Message("无人接听", "no answer")
            case .busy: return Message("占线/通话中", "busy")
            case .poweredOff: return Message("关机", "powered off")
            case .outOfService: return Message("停机/空号", "out of service")
            case .rejected: return Message("拒接（未接通）", "rejected (not picked up)")
            case .refusedAfterConnect: return Message("接通后拒绝/挂机", "refused after connecting")
            case .scored: return Message("已接通并评分", "connected and scored")
            }
        }
        public static func complaint(_ c: ComplaintHandling) -> Message {
            switch c {
            case .resolved: return Message("当场解决", "resolved on the spot")
            case .escalated:
                let m = Escalation.replyMinutes
                return Message("升级处理（\(m)分钟内回复）", "escalated (reply within \(m) min)")
            }
        }
        public static let yes = Message("是", "yes")
        public static let no = Message("否", "no")
    }

    /// The call list workbook handed to callers.
    public enum CallList {
        public static let listSheet = Message("回访名单", "Call list")
        public static let coverSheet = Message("说明", "Cover")
        public static let rank = Message("序号", "No.")
        public static let type = Message("类型", "Type")
        public static let main = Message("正选", "main")
        public static let reserve = Message("备选", "reserve")
        public static let customer = Message("客户", "Customer")
        public static let phone = Message("手机号", "Phone")
        public static let buyerID = Message("买家ID（旺旺）", "Buyer ID")
        public static let sources = Message("来源", "Sources")
        public static let order = Message("订单号", "Order")
        public static let product = Message("商品", "Product")
        public static let purchaseDate = Message("购买日期", "Purchase date")
        public static let situation = Message("情况", "Situation")
        public static let handler = Message("处理人", "Handler")
        public static let hours = Message("可拨打时段", "Calling hours")
        public static let script = Message("回访话术", "Call script")
        public static func attemptTime(_ n: Int) -> Message { Message("第\(n)次拨打时间", "Attempt \(n) time") }
        public static func attemptResult(_ n: Int) -> Message { Message("第\(n)次结果", "Attempt \(n) result") }
        public static let imLeft = Message("已旺旺/短信留言", "IM/SMS left")
        public static let score = Message("评分（1-5）", "Score (1-5)")
        public static let praise = Message("表扬", "Praise")
        public static let note = Message("建议/改进/不满意原因", "Suggestion / reasons")
        public static let complaint = Message("投诉处理", "Complaint handling")
        public static let repliedAt = Message("升级回复时间", "Escalation replied at")
        public static let caller = Message("回访人", "Caller")
        public static let drawID = Message("抽样编号", "Draw no.")

        /// Spans of a day joined: 09:00–12:00、13:00–20:00.
        public static func spans(_ spans: [String]) -> Message {
            Message(spans.joined(separator: "、"), spans.joined(separator: ", "))
        }
        public static func hoursText(_ workday: Message, _ restDay: Message) -> Message {
            Message("工作日 \(workday.zh)；节假日/周末 \(restDay.zh)", "workdays \(workday.en); weekends/holidays \(restDay.en)")
        }
        public static let resultPrompt = (
            Message("拨打结果", "Result"), Message("请从下拉列表选择本次拨打结果", "Pick the result of this attempt")
        )
        public static let resultError = (
            Message("无效的结果", "Invalid result"), Message("请从下拉列表中选择", "Pick a value from the list")
        )
        public static let scorePrompt = (
            Message("评分", "Score"),
            Message(
                "5 非常满意 4 满意 3 一般 2 不满意 1 非常不满意；接通后拒绝评分记 3 分",
                "5 very satisfied … 1 very dissatisfied; refusal after connecting counts as 3")
        )
        public static let scoreError = (
            Message("无效的评分", "Invalid score"), Message("评分只能是 1 到 5 的整数", "The score is a whole number from 1 to 5")
        )
        public static let timePrompt = (
            Message("拨打时间", "Time"),
            Message("填写拨打的日期和时间，如 2026-11-24 10:30", "Date and time of the call, e.g. 2026-11-24 10:30")
        )

        // Cover sheet.
        public static func title(_ month: String) -> Message {
            Message("\(month) 服务回访抽查名单", "Service spot-check call list, \(month)")
        }
        public static let month = Message("抽查月份", "Month")
        public static let window = Message("抽查区间", "Window")
        public static let seed = Message("随机种子", "Seed")
        public static let drawnAt = Message("抽取时间", "Drawn at")
        public static let drawnBy = Message("抽取人", "Drawn by")
        public static let sampleSize = Message("抽查数量（正选）", "Sample size (main list)")
        public static let minimum = Message("最低要求", "Minimum")
        public static let reserves = Message("备选数量", "Reserves")
        public static let poolCustomers = Message("候选客户（去重后）", "Customers in the pool (distinct)")
        public static func poolOf(_ kind: SourceKind) -> Message {
            Message("  其中来自\(Names.sheet(kind).zh)", "  from the \(Names.sheet(kind).en)")
        }
        public static let merged = Message("多表合并的客户", "Customers in several sheets")
        public static func excluded(_ months: Int) -> Message {
            Message("近 \(months) 个月已回访而排除", "Excluded: spot-checked in the last \(months) months")
        }
        public static let eligible = Message("可抽客户", "Eligible customers")
        public static func drawnFrom(_ kind: SourceKind) -> Message {
            Message("  按\(Names.source(kind).zh)分层抽取", "  drawn from the \(Names.source(kind).en) stratum")
        }
        public static func drawnOf(_ kind: SourceKind) -> Message {
            Message("  正选中来自\(Names.sheet(kind).zh)", "  on the main list from the \(Names.sheet(kind).en)")
        }
        public static let deadline = Message("递交销售主管截止日期", "Due to the sales manager")
        /// The deadline with what is left of it: 2026-11-27（剩余 2 天）.
        public static func deadlineWith(_ day: String, _ left: Message) -> Message {
            Message("\(day)（\(left.zh)）", "\(day) (\(left.en))")
        }
        public static func daysLeft(_ n: Int) -> Message {
            n == 0 ? Message("今天到期", "due today") : Message("剩余 \(n) 天", "\(n) day(s) left")
        }
        public static func late(_ n: Int) -> Message { Message("已逾期 \(n) 天", "\(n) day(s) late") }
        public static let belowMinimum = Message(
            "候选客户不足最低要求，已全部抽取", "fewer eligible customers than the minimum: all were taken")
        public static let hoursTitle = Message("回访时段（避开客户休息时间）", "Calling hours (avoid customers' rest time)")
        public static let calendarTitle = Message("截止日前每天可拨打时段", "Calling hours day by day until the deadline")
        public static func dayLine(_ day: String, _ weekday: Message, _ kind: Message, _ spans: String) -> Message {
            Message("\(day) \(weekday.zh) \(kind.zh)：\(spans)", "\(day) \(weekday.en) \(kind.en): \(spans)")
        }
        public static func weekday(_ n: Int) -> Message {
            let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][n - 1]
            let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][n - 1]
            return Message(zh, en)
        }
        public static func dayKind(_ k: DayKind) -> Message {
            switch k {
            case .workday: return Message("工作日", "workday")
            case .makeUpWorkday(let n): return Message("调休上班（\(n)）", "make-up workday (\(n))")
            case .weekend: return Message("周末", "weekend")
            case .holiday(let n): return Message("节假日（\(n)）", "holiday (\(n))")
            }
        }
        public static let uncovered = Message("（日历未覆盖，按周末/工作日）", "(not in the calendar: by weekday)")
        public static let rulesTitle = Message("填写说明", "How to fill in")
        public static let rules: [Message] = [
            Message(
                "每次拨打填写时间和结果；同一时间段（上午/下午13-17点/晚上17-20点）或同一天内重复拨打不算不同时段。",
                "Fill in the time and result of every attempt; attempts in the same part of the same day do not count as different periods."
            ),
            Message(
                "联系不上（无人接听/占线/关机/停机）：分时间段 3 次及以上仍联系不上，且旺旺留言或短信未回复，结束抽查，不计入打分。",
                "Unreachable: after 3+ attempts in different periods and an unanswered IM/SMS, the case ends and is not counted."
            ),
            Message(
                "拒接（未接通）：分时间段 2 次及以上仍拒接，结束抽查，不计入打分。",
                "Rejected without answering: after 2+ attempts in different periods, the case ends and is not counted."),
            Message(
                "已接通后客户拒绝或挂机、不愿打分：结束抽查，记 3 分。",
                "Connected then refused or hung up, or no score given: the case ends and counts as 3."),
            Message(
                "5 分记录表扬；4 分记录建议；3 分记录改进意见；2、1 分记录不满意原因。",
                "5: record praise; 4: the suggestion; 3: what to improve; 2 or 1: the reasons."),
            Message(
                "当场无法解决的投诉按售后流程升级，半小时内回复客户，并填写回复时间。",
                "A complaint not resolved on the spot is escalated; reply within 30 minutes and fill in the reply time."
            ),
            Message(
                "正选客户结束且不计入打分时，按序号启用下一位备选客户。",
                "When a main-list case ends uncounted, bring in the next reserve by number."),
        ]
        public static let notes = Message("说明", "Notes")
    }

    /// How a customer's context reads on the lists.
    public enum Context {
        public static func situation(kind: SourceKind, text: Message?, extras: [Message]) -> Message {
            let zhTail = extras.isEmpty ? "" : "（" + extras.map(\.zh).joined(separator: "，") + "）"
            let enTail = extras.isEmpty ? "" : " (" + extras.map(\.en).joined(separator: ", ") + ")"
            let zh = "【\(Names.source(kind).zh)】" + (text?.zh ?? "") + zhTail
            let en = "[\(Names.source(kind).en)] " + (text?.en ?? "") + enTail
            return Message(zh, en)
        }
        public static func refundStatus(_ s: String) -> Message { Message("退款状态：\(s)", "refund: \(s)") }
        public static func courier(_ s: String) -> Message { Message("快递：\(s)", "courier: \(s)") }
        public static func spent(_ s: String) -> Message { Message("累计消费 \(s)", "spent \(s)") }
        public static func lastPurchase(_ s: String) -> Message { Message("最近购买 \(s)", "last bought \(s)") }
        /// A review: its rating, then its text.
        public static func review(level: String, text: String) -> Message {
            Message("\(level)：\(text)", "\(level): \(text)")
        }
        public static let vipCustomer = Message("VIP客户", "VIP customer")
        /// Text from a sheet, the same in both languages.
        public static func data(_ s: String) -> Message { Message(s, s) }
        public static let customerFallback = Message("机主", "the customer")
        public static func monthDay(month: Int, day: Int) -> Message { Message("\(month)月\(day)日", "\(month)/\(day)") }
    }
}
