import SpotCheckCore

extension Catalog {
    /// The sales manager's page of the workbench (主管).
    public enum WebManager {
        public static func title(_ month: String) -> Message { Message("\(month) 服务质量概览", "\(month) service overview") }
        public static let team = Message("全组", "Team")
        public static let trendLabel = Message("各月服务满意度（虚线为目标）", "Satisfaction by month (dashed: the target)")
        public static func notSubmitted(_ deadline: String) -> Message {
            Message("组长尚未递交本月名单（截止 \(deadline)）：以下为当前数据", "Not handed in yet (due \(deadline)): the figures so far")
        }

        public static let page: [String: Message] = [
            "month": Message("月份", "Month"), "show": Message("查看", "Show"),
            "satisfactionTitle": Message("服务满意度", "Satisfaction"), "satisfaction": Message("满意度", "Satisfaction"),
            "target": Message("目标", "target"), "counted": Message("计入打分", "Counted"),
            "sampleSize": Message("正选人数", "Main list"), "reservesUsed": Message("启用备选", "Reserves used"),
            "praise": Message("表扬", "Praise"), "resolved": Message("当场解决投诉", "Complaints resolved on the spot"),
            "escalations": Message("升级投诉", "Escalations"),
            "escalationsParts": Message("按时 / 超时 / 待回复", "on time / late / open"),
            "excluded": Message("不计入", "Not counted"),
            "excludedParts": Message("联系不上 / 拒接", "unreachable / rejected"),
            "formula": Message(
                "服务满意度 = 客户打分总和 ÷ 计入打分的回访数（接通后拒绝评分记 3 分；联系不上、拒接不计入）",
                "Satisfaction = sum of scores ÷ counted calls (a refusal after connecting counts as 3; unreachable and rejected are not counted)"
            ),
            "distributionTitle": Message("评分分布", "Score distribution"),
            "name": Message("名称", "Name"), "cases": Message("个案", "Cases"),
            "unreachable": Message("联系不上", "Unreachable"), "rejected": Message("拒接", "Rejected"),
            "open": Message("进行中", "Open"), "none": Message("暂无", "None"),
            "attentionTitle": Message("低分与升级投诉", "Low scores and escalations"),
            "item": Message("序号", "Row"), "customer": Message("客户", "Customer"), "phone": Message("电话", "Phone"),
            "handler": Message("处理人", "Handler"), "score": Message("评分", "Score"),
            "complaint": Message("投诉处理", "Complaint"), "note": Message("原因 / 建议", "Reasons / suggestion"),
            "caller": Message("回访人", "Caller"),
            "qaTitle": Message("客服质检（按客服）", "Transcript QA by agent"),
            "audited": Message("已评分抽检", "Audited"), "passMark": Message("合格线", "pass mark"),
            "agent": Message("客服", "Agent"), "volume": Message("服务量", "Volume"),
            "sampled": Message("抽检", "Sampled"), "scored": Message("已评分", "Scored"),
            "findings": Message("每百通问题", "Findings per 100"), "average": Message("平均分", "Average"),
            "passRate": Message("合格率", "Pass rate"),
            "small": Message("样本少", "small sample"),
            "problemsTitle": Message("团队共性问题", "The team's common problems"),
            "trendTitle": Message("各月趋势", "Months over time"),
            "downloadsTitle": Message("下载工作簿", "Download the workbooks"),
            "report": Message("服务抽查报表", "Spot-check report"), "qaReport": Message("质检报表", "QA report"),
            "audit": Message("抽检评分表", "Audit workbook"),
            "masked": Message(
                "工作簿与命令行生成的相同；手机号及自由文本中的号码均已隐藏（138****5678）",
                "The same workbooks the command line writes; phones, also in free text, are masked (138****5678)"),
        ]
    }
}
