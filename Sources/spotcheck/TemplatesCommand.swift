import ArgumentParser
import SpotCheckKit
import SpotCheckText

/// `spotcheck templates`: blank XLSX templates of the four sheets, for shops that keep them by hand.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "生成四张抽查来源表的空白模板 XLSX (blank templates of the four sampling sheets).",
        discussion: "售后问题处理表, 快递件处理表, 评价收集表, VIP客户名单: headers the importer recognises "
            + "(under the workspace's columns.json), drop-downs and a guide sheet. No database is needed.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: "写入的文件夹，不存在则创建 (the folder to write into).")
    var output: String

    @Flag(name: .long, help: "覆盖已存在的模板 (overwrite templates that already exist).")
    var force = false

    func run() throws {
        try guarded(global.lang) {
            let out = Output(lang: global.lang)
            let result = try SheetTemplates(workspace: try global.workspace()).run(to: output, force: force)
            for path in result.paths { out.say(Catalog.Templates.written(path)) }
        }
    }
}
