import ArgumentParser
import SpotCheckKit
import SpotCheckText

/// `spotcheck assign`: shares a month's open cases among the callers (as the workbench's 分配).
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "把本月尚未分配的未结个案轮流分给回访员 (share the month's open, unassigned cases among callers).")

    @OptionGroup var global: GlobalOptions
    @Option(name: monthNames, help: monthHelp) var month: String?
    @Option(name: .long, parsing: .upToNextOption, help: "回访员姓名，可多个 (the callers).") var callers: [String]

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            let out = Output(lang: global.lang)
            let m = try resolveMonth(month, in: ws, out)
            let given = try CaseAssignments(workspace: ws).assignEvenly(
                month: m, callers: callers, by: GlobalOptions.userName)
            try AuditTrail.record(
                .assign, month: m, detail: "\(given.count) → \(callers.joined(separator: ", "))", in: ws)
            for c in callers {
                out.say(Catalog.Users.assigned(caller: c, items: given.filter { $0.value == c }.keys.sorted()))
            }
        }
    }
}
