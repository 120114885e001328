import ArgumentParser
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa scores`: the auditors' scores.
struct QAScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "抽检评分 (the auditors' scores).",
        subcommands: [QAScoresImportCommand.self])
}

/// `spotcheck qa scores import`: reads back a scored audit workbook.
struct QAScoresImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入评分后的抽检评分表 (read back an audit workbook scored in Excel, WPS or LibreOffice).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "已评分的抽检评分表 XLSX (the scored audit workbook).", completion: .file(extensions: ["xlsx"])) var file:
        String

    @Flag(
        name: .long,
        help: "即使与导出后记录的评分冲突也按此表更新，并列出被替换的内容 (apply the workbook over later scores and list what it replaced).")
    var replace = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QAScoresImportCommand.perform(file: file, replace: replace, in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(file: String, replace: Bool = false, in ws: Workspace, output out: Output) throws {
        let r = try ScoresImporter(workspace: ws).run(file: file, replace: replace)
        try AuditTrail.record(.score, detail: AuditTrail.files([file]), in: ws)
        out.replaced(r.replaced)
        if r.unchanged {
            out.say(Catalog.QA.scoresUnchanged(file))
        } else {
            out.say(Catalog.QA.scoresImported(file: file, scored: r.scored, changed: r.changed))
        }
        if r.withdrawn > 0 { out.note(Catalog.QA.scoresWithdrawn(r.withdrawn)) }
    }
}
