import ArgumentParser
import SpotCheckKit
import SpotCheckText

/// `spotcheck init`: creates the database and an editable copy of the configuration.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "创建工作区：数据库和可编辑的配置 (create the database and an editable copy of the configuration).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "以演示店铺的身份创建工作区，使 Samples/ 中已填写的表格属于它 (create the workspace as the demo shop's).")
    var demo = false

    func run() throws {
        try guarded(global.lang) {
            let out = Output(lang: global.lang)
            let result = try Workspace.initialize(dbPath: global.dbPath, identity: demo ? Workspace.demoIdentity : nil)
            if !result.created { out.say(Catalog.Config.alreadyInitialized(db: global.dbPath)) }
            if result.keptExisting { out.note(Catalog.Config.configKept(result.configFolder)) }
            if result.created { out.say(Catalog.Config.initialized(db: global.dbPath, config: result.configFolder)) }
        }
    }
}
