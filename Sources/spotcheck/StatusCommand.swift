import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck status`: where the month's spot-check stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "本月回访进度 (the month's progress: calls, counted cases, reserves, escalations).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var month: String?
    @Flag(name: .long, help: "以 JSON 输出 (print the figures as JSON).") var json = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try StatusCommand.perform(
                month: try resolveMonth(month, in: ws, Output(lang: global.lang)), in: ws,
                output: Output(lang: global.lang), json: json)
        }
    }

    static func perform(month: YearMonth, in ws: Workspace, output out: Output, json: Bool = false) throws {
        let s = try MonthStatus.load(month: month, in: ws)
        if json { out.say(s.json()); return }
        typealias S = Catalog.Status
        out.say(S.title(s.month, drawID: s.drawId))
        if let sub = s.submitted {
            out.say(S.submitted(at: sub.at, by: sub.by, deadline: s.deadline, daysLate: sub.daysLate))
        } else {
            if let left = s.daysLeft { out.say(Catalog.Sample.deadline(s.deadline, daysLeft: left)) }
            if let late = s.daysLate { out.warn(Catalog.Sample.late(s.deadline, daysLate: late)) }
        }
        out.say(S.called(s.called, of: s.rows))
        out.say(S.counted(s.counted, minimum: s.minimum))
        out.say(
            S.ended(
                scored: s.scored, refused: s.refused, unreachable: s.unreachable, rejected: s.rejected, open: s.open))
        out.say(S.reserves(s.reservesInPlay, total: s.reserves))
        let value = s.satisfaction.map { String(format: "%.2f", $0) } ?? S.notAvailable.text(out.lang)
        out.say(S.satisfaction(value, target: String(format: "%.1f", s.target)))
        let open = s.escalations.filter { $0.state == "open" || $0.state == "overdue" }
        out.say(
            S.escalations(
                open: open.count, overdue: s.escalations.filter { $0.state == "overdue" }.count,
                onTime: s.escalations.filter { $0.state == "on-time" }.count,
                late: s.escalations.filter { $0.state == "late" }.count))
        for e in open {
            out.say(S.escalationLine(item: e.item, name: e.customer, due: e.due, overdue: e.state == "overdue"))
        }
        out.say(S.outsideHours(s.attemptsOutsideHours))
    }
}
