import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

extension AttemptResult: ExpressibleByArgument {}
extension ComplaintHandling: ExpressibleByArgument {}

/// `spotcheck call`: records one call attempt on one row of the call list.
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "记录一次回访拨打 (record one call attempt on one row of the call list).",
        discussion: "Without --at/--result, updates the row's details only (a reply time, praise, an IM left…).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var month: String?
    @Option(name: .long, help: "The row's number (序号) on the call list.") var item: Int
    @Option(name: .long, help: "拨打时间 (when the call was made): \"YYYY-MM-DD HH:MM\".") var at: String?
    @Option(
        name: .long,
        help:
            "拨打结果 (the attempt's result): no-answer | busy | powered-off | out-of-service | rejected | refused-after-connect | scored",
        completion: Choice<AttemptResult>.completion, transform: Choice<AttemptResult>.parse) var result: AttemptResult?
    @Option(name: .long, help: "客户评分 1–5，与 --result scored 一起填写 (the score).") var score: Int?
    @Option(name: .long, help: "客户要求记录的表扬，作为奖励依据 (praise to record).") var praise: String?
    @Option(name: .long, help: "4 分的建议、3 分的改进点或 2、1 分的不满原因 (the suggestion, what to improve, or the reasons).")
    var note: String?
    @Option(
        name: .long, help: "投诉处理 (complaint handling): resolved | escalated",
        completion: Choice<ComplaintHandling>.completion, transform: Choice<ComplaintHandling>.parse) var complaint:
        ComplaintHandling?
    @Option(name: .long, help: "升级投诉的回复时间 (when the escalated complaint was answered): \"YYYY-MM-DD HH:MM\".")
    var repliedAt: String?
    @Flag(name: .long, help: "An IM (旺旺) message or SMS was left and is unanswered.") var imLeft = false
    @Option(name: .long, help: "回访员 (who called).") var caller: String?

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            let out = Output(lang: global.lang)
            let month = try resolveMonth(month, in: ws, Output(lang: global.lang))
            let outcome = try CallBook(workspace: ws).record(
                .init(
                    month: month, item: item, at: at,
                    result: result, score: score, praise: praise, note: note,
                    complaint: complaint, repliedAt: repliedAt, imLeft: imLeft, caller: caller))
            try AuditTrail.record(
                .call, month: month, detail: "#\(item) \(result?.rawValue ?? "")".trimmingCharacters(in: .whitespaces),
                in: ws)
            for m in outcome.messages { out.say(m) }
            for w in outcome.warnings { out.warn(w) }
        }
    }
}
