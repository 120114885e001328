import SpotCheckCore

extension Catalog {
    /// The months over time in the summaries, and what the QA summary adds to its figures: the
    /// small-sample note, the common problems' two counts and the severity legend.
    public enum Trends {
        public static let title = Message("历月对比", "Months over time")
        public static func note(_ months: Int) -> Message {
            Message(
                "本月与记录中的往月（最多 \(months) 个月）；没有数据的月份留空",
                "this month beside the months on record (at most \(months)); a month without data is left blank")
        }
        public static let month = Message("月份", "Month")
        public static let chartSatisfaction = Message("服务满意度走势", "Satisfaction over time")
        public static let chartQA = Message("质检平均分走势", "Average QA score over time")

        // The QA summary.
        public static let note = Message("备注", "Note")
        /// Beside an agent (or the team) with fewer than `minimum` scored transcripts.
        public static func smallSample(_ minimum: Int) -> Message {
            Message("已评分少于 \(minimum) 个，平均分和合格率仅供参考", "fewer than \(minimum) scored: a rough guide only")
        }
        public static let foundByChecks = Message("其中自动检查发现", "Found by the checks")
        public static let lostOnItem = Message("其中评分失分", "Lost points on the item")
        public static let problemsNote = Message(
            "评分项与对应的自动检查（如「未使用服务忌语」与服务忌语检查）合为一行：会话在该项失分或被检查发现均计入",
            "a scorecard item and the automatic check it covers (未使用服务忌语 and the banned-phrase check) are one line: "
                + "a transcript counts when it lost points on the item or the check found it")
        public static let severityTitle = Message("严重程度说明（服务忌语）", "Severity (banned phrases)")
        public static let level = Message("级别", "Level")
        public static let meaning = Message("含义", "Meaning")
        public static func severity(_ level: Int) -> Message {
            switch level {
            case 1: return Message("轻微：用语欠妥，提醒即可", "minor: poor wording, a reminder is enough")
            case 2: return Message("较重：推诿、指责或质问，需辅导纠正", "serious: a brush-off, blame or interrogation; coach it")
            default:
                return Message(
                    "严重：讽刺或明显推诿、指责，须复盘并重点辅导", "grave: sarcasm, or a plain brush-off or blame; review and coach closely")
            }
        }
        /// The severity column's prompt in the findings sheet.
        public static let severityPrompt = Message(
            "1 轻微；2 较重；3 严重（见质检汇总表的说明）", "1 minor; 2 serious; 3 grave (see the QA summary's legend)")
    }
}
