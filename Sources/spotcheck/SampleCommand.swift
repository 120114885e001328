import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck sample`: draws the month's spot-check sample.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "抽取本月回访客户 (draw the month's spot-check sample, with reserves).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp)
    var month: String?

    @Option(name: .long, help: "正选人数，默认且最少为配置的最低要求 50 (customers on the main list).")
    var size: Int?

    @Option(name: .long, help: "备选人数占正选的比例，默认 0.2 (reserves as a share of the size).")
    var reserveRatio: Double?

    @Option(name: .long, help: "随机种子，默认新生成并记录 (seed of the random draw).")
    var seed: UInt64?

    @Flag(name: .long, help: "重新抽取本月，之前的抽样仍保留记录 (draw a month again).")
    var redraw = false

    @Flag(name: .long, help: "与 --redraw 一起：即使当前抽样已有回访记录也重新抽取（记录留在旧抽样）(draw again although calls are recorded).")
    var discardCalls = false

    @Option(name: .long, help: "抽取人，默认 $USER (who draws).")
    var by: String?

    @Flag(name: .long, help: "以 JSON 输出 (print the figures as JSON).")
    var json = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            let request = MonthlyDraw.Request(
                month: try resolveMonth(month, in: ws, Output(lang: global.lang)), size: size,
                reserveRatio: reserveRatio, seed: seed,
                redraw: redraw, discardCalls: discardCalls, drawnBy: by ?? GlobalOptions.userName)
            try SampleCommand.perform(request, in: ws, output: Output(lang: global.lang), json: json)
        }
    }

    /// Draws and prints the figures (shared with the demo).
    static func perform(_ request: MonthlyDraw.Request, in ws: Workspace, output out: Output, json: Bool = false) throws
    {
        let s = try MonthlyDraw(workspace: ws).run(request)
        try AuditTrail.record(.draw, month: request.month, detail: "seed \(s.seed)", in: ws)
        let lang = out.lang
        if json {
            out.say(s.json())
        } else {
            func pairs(_ d: [String: Int]) -> String {
                Catalog.Sample.counts(SourceKind.allCases.compactMap { k in d[k.rawValue].map { (k, $0) } }, lang: lang)
            }
            out.say(
                Catalog.Sample.header(
                    month: s.month, window: "\(s.window.from) – \(s.window.to)", drawID: s.drawId, seed: s.seed))
            out.say(Catalog.Sample.pool(customers: s.poolCustomers, bySource: pairs(s.poolBySource)))
            out.say(Catalog.Sample.rows(pairs(s.rowsBySource)))
            out.say(Catalog.Sample.merged(s.mergedAcrossSheets))
            out.say(Catalog.Sample.excluded(s.excludedByHistory, months: s.lookbackMonths))
            out.say(
                Catalog.Sample.drawn(
                    main: s.drawn, minimum: s.minimum, byStratum: pairs(s.drawnByStratum), reserves: s.reserves))
            out.say(Catalog.Sample.drawnBySource(pairs(s.drawnBySource)))
            if let r = s.contactRoutes {
                out.say(Catalog.Sample.routes(phone: r["phone"] ?? 0, platform: r["platform"] ?? 0, im: r["im"] ?? 0))
            }
            if let left = s.daysLeft { out.say(Catalog.Sample.deadline(s.deadline, daysLeft: left)) }
        }
        if let late = s.daysLate { out.warn(Catalog.Sample.late(s.deadline, daysLate: late)) }
        if let n = s.noContactRoute, n > 0 { out.warn(Catalog.Sample.noContactRoute(n)) }
        if s.belowMinimum { out.warn(Catalog.Sample.belowMinimum(eligible: s.eligible, minimum: s.minimum)) }
        if let old = s.replaces { out.note(Catalog.Sample.replaced(old)) }
        if let old = s.replaces, let a = s.discardedAttempts, let c = s.discardedCases {
            out.warn(Catalog.Sample.callsDiscarded(attempts: a, cases: c, draw: old))
        }
    }
}
