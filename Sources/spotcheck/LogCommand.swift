import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck log`: who imported, drew, recorded, scored and submitted what, and when.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "打印操作日志：谁在何时导入、抽样、记录、评分、递交了什么 (print the audit log).")

    @OptionGroup var global: GlobalOptions
    @Option(name: monthNames, help: "只看该月 YYYY-MM (only this month).") var month: String?
    @Option(name: .long, help: "只看此人 (only this person).") var by: String?
    @Option(name: .long, help: "最多显示几条，默认 200 (how many lines, latest first).") var limit = 200

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            let out = Output(lang: global.lang)
            let m = try month.map { try parseMonth($0) }
            let rows = try AuditLog(workspace: ws).entries(month: m, actor: by, limit: limit)
            guard !rows.isEmpty else { return out.say(Catalog.AuditLog.empty) }
            out.say(Catalog.AuditLog.header)
            for r in rows {
                out.say(
                    [
                        r.at.description.prefix(19).description, r.actor, r.via.rawValue,
                        Catalog.AuditLog.action(r.action).text(global.lang), r.month?.description ?? "-", r.detail,
                    ]
                    .joined(separator: "\t"))
            }
        }
    }
}
