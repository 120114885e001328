import SpotCheckCore

extension Catalog.Web {
    /// The auditor's queue (质检队列) and transcript pages.
    public static let auditQueue: [String: Message] = [
        "title": Message("质检队列", "Audit queue"),
        "period": Message("质检期间", "Period"),
        "agent": Message("客服", "Agent"),
        "sampled": Message("抽检数", "Sampled"),
        "scored": Message("已评分", "Scored"),
        "toScore": Message("待评分", "To score"),
        "next": Message("继续评分", "Score next"),
        "no": Message("序号", "No."),
        "transcript": Message("会话编号", "Transcript"),
        "channel": Message("渠道", "Channel"),
        "started": Message("开始时间", "Started"),
        "state": Message("评分", "Scoring"),
        "none": Message("还没有抽检样本：先运行 spotcheck qa sample", "No audit sample yet: run spotcheck qa sample first"),
    ]

    public static let auditTranscript: [String: Message] = [
        "back": Message("返回质检队列", "Back to the queue"),
        "conversation": Message("对话内容", "Conversation"),
        "findings": Message("自动检查结果", "Automatic findings"),
        "noFindings": Message("没有发现问题", "No findings"),
        "scorecard": Message("评分表", "Scorecard"),
        "critical": Message("否决项", "critical"),
        "criticalHint": Message("否决项打最低分即不合格", "a critical item at its lowest score fails the transcript"),
        "total": Message("总分", "Total"),
        "passMark": Message("合格线", "Pass mark"),
        "comment": Message("评语", "Comment"),
        "save": Message("保存", "Save"),
        "saveNext": Message("保存并下一条", "Save and next"),
        "incomplete": Message("未评完", "not complete"),
        "pass": Message("合格", "pass"),
        "fail": Message("不合格", "fail"),
        "weight": Message("权重", "weight"),
        "auditor": Message("审核人", "Auditor"),
    ]

    public static func auditSummary(sampled: Int, scored: Int) -> Message {
        Message(
            "本期抽检 \(sampled) 个会话，已评分 \(scored) 个，待评分 \(sampled - scored) 个",
            "\(sampled) transcripts sampled, \(scored) scored, \(sampled - scored) to score")
    }
    public static func scoredResult(total: String, passed: Bool) -> Message {
        passed ? Message("\(total) 分 合格", "\(total) pass") : Message("\(total) 分 不合格", "\(total) fail")
    }
    public static func transcriptTitle(_ id: String, agent: String) -> Message {
        Message("会话 \(id)（\(agent)）", "Transcript \(id) (\(agent))")
    }
    public static func silence(_ gap: Message) -> Message {
        Message("静音 \(gap.zh)", "silence \(gap.en)")
    }
    public static func savedScore(_ id: String, total: String, passed: Bool) -> Message {
        let r = scoredResult(total: total, passed: passed)
        return Message("已保存会话 \(id) 的评分：\(r.zh)", "saved the scores of \(id): \(r.en)")
    }
    public static let allScored = Message("本期的抽检会话已全部评分", "every sampled transcript of the period is scored")
    public static func failedCritical(_ items: [String]) -> Message {
        let l = Catalog.list(items)
        return Message("否决项最低分：\(l.zh)", "critical items at their lowest: \(l.en)")
    }
}
