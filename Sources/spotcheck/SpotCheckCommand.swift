import ArgumentParser
import SpotCheckText

/// `spotcheck`: the after-sales quality inspection tool.
@main
struct SpotCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotcheck",
        abstract: "SpotCheck 售后服务质检：服务回访抽查与客服质检 (after-sales spot-checks and QA).",
        usage: "spotcheck [--db PATH] [--config DIR] [--lang zh|en] [--today YYYY-MM-DD] <command>",
        discussion:
            "The database defaults to ./spotcheck.db (or $SPOTCHECK_DB); the configuration to the spotcheck-config/ folder beside it (made by `init`), else the built-in defaults.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, SampleCommand.self, ExportCommand.self, CallCommand.self,
            ResultsCommand.self,
            StatusCommand.self, ReportCommand.self, SubmitCommand.self, VIPCommand.self, QACommand.self,
            TemplatesCommand.self, DemoCommand.self, ServeCommand.self, UserCommand.self, LogCommand.self,
            AssignCommand.self,
        ]
    )

    /// Global options may stand before the command (`spotcheck --db x.db import …`).
    /// ArgumentParser only reads a subcommand's options after its name, so they are moved there.
    static func main() async {
        let arguments = GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser explains usage errors in English; say first, in the user's
            // language, that the command line is wrong and where help is.
            let code = exitCode(for: error)
            if code != .success && !(error is ExitCode) {
                let lang = GlobalOptions.requestedLang(arguments)
                Output(lang: lang).eprint(Catalog.CLI.errorPrefix.text(lang) + Catalog.CLI.usageError.text(lang))
            }
            exit(withError: error)
        }
    }
}
