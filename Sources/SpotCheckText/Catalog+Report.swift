import SpotCheckCore

extension Catalog {
    /// The sales manager's workbook: 服务抽查明细表 and 服务抽查汇总表.
    public enum Report {
        public static let detailSheet = Message("服务抽查明细表", "Spot-check detail")
        public static let summarySheet = Message("服务抽查汇总表", "Spot-check summary")
        public static func title(_ month: String) -> Message {
            Message("\(month) 服务抽查汇总表", "Service spot-check summary, \(month)")
        }

        // Detail columns.
        public static let attemptsLog = Message("拨打记录", "Attempts")
        public static let attemptCount = Message("拨打次数", "No. of attempts")
        public static let outsideHours = Message("时段外拨打", "Outside hours")
        public static let finalStatus = Message("最终状态", "Status")
        public static let score = Message("评分", "Score")
        public static let counted = Message("是否计入", "Counted")
        public static let escalationDue = Message("升级回复截止", "Reply due")
        public static let repliedAt = Message("回复时间", "Replied at")
        public static let replyStatus = Message("回复情况", "Reply")
        public static func reply(_ e: Escalation, now: LocalDateTime) -> Message {
            switch e {
            case .onTime: return Message("按时回复", "on time")
            case .late: return Message("超时回复", "late")
            case .open:
                return e.isOverdue(at: now)
                    ? Message("未回复（已超时）", "not replied (overdue)") : Message("待回复", "awaiting reply")
            }
        }
        public static func attemptLine(_ at: String, _ result: Message, outside: Bool) -> Message {
            outside
                ? Message("\(at) \(result.zh)（时段外）", "\(at) \(result.en) (outside hours)")
                : Message("\(at) \(result.zh)", "\(at) \(result.en)")
        }

        // Summary.
        public static let month = Message("抽查月份", "Month")
        public static let drawID = Message("抽样编号", "Draw no.")
        public static let generatedAt = Message("报表生成时间", "Generated at")
        public static let sampleSize = Message("抽查数量（正选）", "Sample size (main list)")
        public static let reservesUsed = Message("已启用备选", "Reserves used")
        public static let countedCases = Message("计入打分的回访数", "Counted cases")
        public static let excludedUnreachable = Message("不计入：联系不上", "Not counted: unreachable")
        public static let excludedRejected = Message("不计入：拒接", "Not counted: rejected")
        public static let openCases = Message("进行中", "Open")
        public static let satisfaction = Message("服务满意度", "Satisfaction")
        public static let formulaText = Message(
            "服务满意度 = 客户打分总和 ÷ 抽查回访总和（计入打分的回访数；联系不上、拒接不计入，接通后拒绝记 3 分）",
            "satisfaction = sum of scores ÷ number of counted cases (unreachable and rejected are not counted; a refusal counts as 3)"
        )
        public static let scoreSum = Message("客户打分总和", "Sum of scores")
        public static let target = Message("目标", "Target")
        public static let meetsTarget = Message("是否达标", "Meets the target")
        public static let notAvailable = Message("无数据", "n/a")
        public static let praise = Message("表扬", "Praise")
        public static let resolvedOnSpot = Message("投诉当场解决", "Complaints resolved on the spot")
        public static let escalatedOnTime = Message("升级投诉按时回复", "Escalations replied on time")
        public static let escalatedLate = Message("升级投诉超时回复", "Escalations replied late")
        public static let escalatedOpen = Message("升级投诉待回复", "Escalations awaiting reply")
        public static let attemptsOutside = Message("时段外拨打次数", "Attempts outside calling hours")
        public static let distribution = Message("评分分布", "Score distribution")
        public static let scoreLabel = Message("分值", "Score")
        public static let people = Message("人数", "Customers")
        public static func scoreName(_ s: Int) -> Message {
            let zh = ["", "1分 非常不满意", "2分 不满意", "3分 一般", "4分 满意", "5分 非常满意"][s]
            let en = ["", "1 very dissatisfied", "2 dissatisfied", "3 neutral", "4 satisfied", "5 very satisfied"][s]
            return Message(zh, en)
        }
        public static let bySource = Message("按来源", "By source")
        public static let byHandler = Message("按处理人（奖惩依据）", "By handler (reward and penalty basis)")
        public static let byCaller = Message("按回访人", "By caller")
        public static let name = Message("名称", "Name")
        public static let cases = Message("抽查数", "Cases")
        public static let chartDistribution = Message("评分分布", "Score distribution")
        public static let chartHandlers = Message("各处理人服务满意度", "Satisfaction by handler")
        public static let unknownHandler = Message("（未填写）", "(none)")
        public static func yesNo(_ b: Bool) -> Message { b ? Call.yes : Call.no }
        public static func written(_ path: String, cases: Int, masked: Bool) -> Message {
            masked
                ? Message(
                    "服务抽查报表已写入 \(path)：\(cases) 个个案（手机号已隐藏中间四位）",
                    "report written to \(path): \(cases) cases (phones masked)")
                : Message(
                    "服务抽查报表已写入 \(path)：\(cases) 个个案（含完整手机号）", "report written to \(path): \(cases) cases (full phones)")
        }
    }
}
