import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa sample`: the period's audit sample, per agent.
struct QASampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract:
            "按服务量随机抽检会话 (draw the audit sample: per agent, the rate of their transcripts rounded up, at least one).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var period: String?
    @Option(name: .long, help: "每位客服抽检的会话比例，默认 0.2（qa.json）(share of each agent's transcripts).") var rate: Double?
    @Option(name: .long, help: "随机种子，默认新生成并记录 (seed of the random draw).") var seed: UInt64?
    @Option(name: .long, help: "抽取人，默认 $USER (who draws).") var by: String?
    @Flag(name: .long, help: "以 JSON 输出 (print the figures as JSON).") var json = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QASampleCommand.perform(
                period: try resolveMonth(period, in: ws, Output(lang: global.lang)), rate: rate, seed: seed,
                by: by ?? GlobalOptions.userName, json: json, in: ws,
                output: Output(lang: global.lang))
        }
    }

    static func perform(
        period: YearMonth, rate: Double?, seed: UInt64?, by: String, json: Bool, in ws: Workspace, output out: Output
    ) throws {
        let s = try AuditSample(workspace: ws).run(period: period, rate: rate, seed: seed, drawnBy: by)
        try AuditTrail.record(.draw, month: period, detail: "QA seed \(s.seed)", in: ws)
        if json { out.say(s.json()); return }
        if s.drawn == 0 {
            out.say(Catalog.QA.nothingToDraw(s.period))
        } else {
            out.say(Catalog.QA.sampled(period: s.period, drawn: s.drawn, seed: s.seed, rate: s.rate))
        }
        for a in s.agents {
            out.say(Catalog.QA.sampledAgent(a.agent, volume: a.volume, drawn: a.drawn, total: a.sampled))
        }
    }
}
