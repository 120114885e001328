import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck submit`: the month's list and report went to the sales manager.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "记录本月名单已递交销售主管 (record that the month was handed in to the sales manager).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var month: String?
    @Option(name: .long, help: "谁递交 (who hands it in; default: $USER).") var by: String?

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try SubmitCommand.perform(
                month: try resolveMonth(month, in: ws, Output(lang: global.lang)), by: by ?? GlobalOptions.userName,
                in: ws,
                output: Output(lang: global.lang))
        }
    }

    static func perform(month: YearMonth, by: String, in ws: Workspace, output out: Output) throws {
        let o = try MonthSubmission(workspace: ws).submit(month: month, by: by)
        try AuditTrail.record(.submit, month: month, detail: by, in: ws)
        let s = o.submission
        out.say(
            Catalog.Status.submitted(
                at: s.submittedAt.minuteText, by: s.submittedBy, deadline: o.deadline.description,
                daysLate: s.daysLate))
        if o.shortOfMinimum > 0 || o.openCases > 0 {
            out.warn(Catalog.Status.submittedShort(short: o.shortOfMinimum, open: o.openCases))
        }
    }
}
