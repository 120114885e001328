import ArgumentParser
import SpotCheckCore

/// `spotcheck qa`: transcript QA (客服质检), from import to the sales manager's sheets.
struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "客服质检：导入会话、自动检查、抽检、评分与报表 (transcript QA).",
        discussion: "In order: qa import, qa check, qa sample, qa export audit, qa scores import, qa report.",
        subcommands: [
            QAImportCommand.self, QACheckCommand.self, QASampleCommand.self, QAExportCommand.self, QAScoresCommand.self,
            QAReportCommand.self,
        ])
}

extension Channel: ExpressibleByArgument {}
