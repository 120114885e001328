import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa check`: every automatic check on every transcript of a period.
struct QACheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "自动质检：服务忌语、静音规则、首次响应、问候语与结束语 (run every automatic check on the period's transcripts).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var period: String?
    @Flag(name: .long, help: "以 JSON 输出 (print the figures as JSON).") var json = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QACheckCommand.perform(
                period: try resolveMonth(period, in: ws, Output(lang: global.lang)), json: json, in: ws,
                output: Output(lang: global.lang))
        }
    }

    static func perform(period: YearMonth, json: Bool, in ws: Workspace, output out: Output) throws {
        let s = try QAChecker(workspace: ws).run(period: period)
        if json { out.say(s.json()); return }
        typealias Q = Catalog.QA
        out.say(Q.checked(period: s.period, transcripts: s.transcripts, findings: s.findings))
        out.say(Q.byRule)
        for rule in QARule.allCases { out.say(Q.line(Q.rule(rule).text(out.lang), s.byRule[rule.rawValue] ?? 0)) }
        out.say(Q.byAgent)
        for a in s.agents {
            let parts = QARule.allCases.compactMap { r in
                a.byRule[r.rawValue].map { Q.rule(r).text(out.lang) + " " + String($0) }
            }
            out.say(Q.agentLine(a.agent, transcripts: a.transcripts, findings: a.findings, parts: parts))
        }
    }
}
