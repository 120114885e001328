import SpotCheckCore

extension Catalog.QA {
    // Recording one transcript's scorecard (the workbench's scorecard page).
    public static let noScores = Message("还没有打分：请为每一项选择分值", "nothing scored yet: choose a score for every item")
    public static func itemNotAllowed(_ item: Scorecard.Item) -> Message {
        let a = notAllowed(item.allowed), name = itemName(item)
        return Message("「\(name.zh)」\(a.zh)", "\"\(name.en)\": \(a.en)")
    }
    public static func unknownItem(_ id: String) -> Message {
        Message("评分标准中没有评分项「\(id)」", "the scorecard has no item \"\(id)\"")
    }
    public static func itemsMissing(_ items: [Scorecard.Item]) -> Message {
        let zh = Catalog.list(items.map { itemName($0).zh }).zh, en = Catalog.list(items.map { itemName($0).en }).en
        return Message("评分不完整，还没有打分的项：\(zh)", "incomplete: not yet scored: \(en)")
    }
    public static func auditChangedMeanwhile(by: String) -> Message {
        Message(
            "这个会话的评分刚刚被他人（\(by)）保存，你的这次保存没有写入：请看下面的最新评分，再决定是否重新评分",
            "this transcript was just scored by someone else (\(by)); your save was not stored: see the latest scores below and score again if still needed"
        )
    }
}
