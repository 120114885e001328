import SpotCheckCore

extension Catalog {
    /// `people.json` (one person, several spellings) and the manager's 服务质量对照 sheet:
    /// callback satisfaction beside QA results, per person.
    public enum People {
        // people.json.
        public static let notNames = Message(
            "应为这个人的其他写法组成的列表，如 [\"lina\", \"店铺:李娜\"]",
            "must be a list of the person's other spellings, such as [\"lina\", \"shop:李娜\"]")
        public static let blankName = Message("人名不能为空", "a person's name cannot be blank")
        public static let blankAlias = Message("别名不能为空", "an alias cannot be blank")
        public static func sharedSpelling(_ spelling: String, first: String) -> Message {
            Message(
                "「\(spelling)」已属于「\(first)」：一个写法只能属于一个人",
                "\"\(spelling)\" already belongs to \"\(first)\": a spelling names one person only")
        }

        // The sheet.
        public static let sheet = Message("服务质量对照", "Service vs QA")
        public static func title(_ month: String) -> Message {
            Message("\(month) 服务质量对照：回访满意度与质检结果", "Callback satisfaction beside QA results, \(month)")
        }
        public static let explanation = Message(
            "列出本月既是回访抽查中的售后处理人、又是质检中的客服的人员（名字按 people.json 归并）；两边只出现一边的人不列出",
            "the people who are both an after-sales handler of this month's callbacks and an agent of its QA (names "
                + "joined by people.json); someone on one side only is not listed")
        public static let person = Message("人员", "Person")
        public static let handlerNames = Message("回访中的名字", "Names as handler")
        public static let agentNames = Message("质检中的名字", "Names as agent")
        public static let allPer100 = Message("问题数（每百会话）", "Findings per 100")
        public static let noSatisfaction = Message("无计入打分的回访", "no counted callback")
        public static let noScored = Message("无已评分会话", "no scored transcript")
        public static let chart = Message("回访满意度与质检平均分", "Callback satisfaction and QA average score")
        public static func compared(_ n: Int) -> Message {
            Message(
                "服务质量对照：\(n) 人既是售后处理人又是质检客服",
                "service vs QA: \(n) person(s) are both an after-sales handler and a QA agent")
        }
    }
}
