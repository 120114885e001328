import SpotCheckCore

extension Catalog.QA {
    /// A scorecard item's name: `scorecard.json`'s `name`, and its `name_en` in English (the
    /// Chinese name when the scorecard gives none).
    public static func itemName(_ item: Scorecard.Item) -> Message {
        Message(item.name, item.englishName ?? item.name)
    }

    /// A scorecard item's category, as ``itemName(_:)`` (`category`, `category_en`).
    public static func itemCategory(_ item: Scorecard.Item) -> Message {
        Message(item.category, item.englishCategory ?? item.category)
    }

    // The 评分标准 sheet of the audit workbook.
    public static func scorecardTitle(_ period: String) -> Message {
        Message("\(period) 质检评分标准", "QA scorecard, \(period)")
    }
    /// The marker of a critical item in the scorecard's 否决项 column.
    public static let criticalMark = Message("否决项", "critical")
    public static let weightTotal = Message("合计", "Total")

    // What the markings of the audit workbook mean: where each is, a sample, and its meaning.
    public static let legend = Message("图例", "Legend")
    public static let legendWhere = Message("位置", "Where")
    public static let legendSample = Message("示例", "Looks like")
    public static let legendMeaning = Message("含义", "Meaning")
    public static let legendFailWhere = Message("「是否合格」列", "The Passed column")
    public static let legendFail = Message(
        "不合格：总分低于合格线，或否决项给了最低分；随填写的分值自动更新",
        "Fail: the total is below the pass mark, or a critical item got its lowest score; follows the scores as typed")
    public static let legendCriticalWhere = Message("否决项的评分列", "A critical item's column")
    public static let legendCritical = Message(
        "否决项给了最低分：无论总分多少，整通会话不合格", "A critical item at its lowest score: the transcript fails whatever the total")
    public static let legendCriticalHeaderWhere = Message("评分项的表头", "An item's header")
    public static let legendCriticalHeader = Message(
        "否决项：给最低分即整通不合格", "A critical item: its lowest score fails the transcript")
    public static let legendPhraseWhere = Message("「对话内容」列", "The Conversation column")
    /// The sample of a marked banned phrase: a speaker, then the phrase (marked).
    public static let legendPhraseSpeaker = utteranceSpeaker(speaker(.agent))
    public static let legendPhraseSample = Message("没办法", "no way")
    public static let legendPhrase = Message(
        "红色加粗：自动检查发现的服务忌语（与「自动检查结果」一列对应）",
        "Red bold: a banned phrase the automatic checks found (as listed under Automatic findings)")

    /// The short legend on the audit sheet, beside its title: the red fill, then (after the
    /// marked sample) the red bold text.
    public static let auditLegendFill = Message(
        "红底＝不合格，或否决项给了最低分；", "Red fill = fail, or a critical item at its lowest; ")
    public static let auditLegendText = Message("＝对话中的服务忌语", " = a banned phrase in the conversation")
    public static let auditLegendMarked = Message("红色加粗", "red bold")
}
