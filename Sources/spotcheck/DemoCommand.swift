import ArgumentParser
import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckText

/// `spotcheck demo`: the demo shop's months, end to end, in a throw-away workspace.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "演示：用 Samples/ 的三个月数据完整走一遍 (run the demo months from Samples/ end to end).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "输出文件的文件夹，默认 ./spotcheck-demo (where to write the output files).")
    var out: String = "spotcheck-demo"

    @Option(name: .long, help: "Samples/ 文件夹，默认 ./Samples 或源码中的 (the Samples/ folder).")
    var samples: String?

    @Option(
        name: .long,
        help: "保留演示用的工作区（数据库和配置）到此文件夹，之后可用 serve 打开 (keep the demo's workspace here, e.g. to serve it).",
        completion: .directory)
    var workspace: String?

    struct Manifest: Decodable {
        struct File: Decodable { var kind: String; var file: String }
        struct Results: Decodable { var file: String; var today: String }
        /// `vip derive` after the imports (the month's files include order exports).
        struct DeriveVIP: Decodable { var min_spend: String?; var inactive_months: Int? }
        struct Month: Decodable {
            var month: String; var today: String; var seed: UInt64; var files: [File]; var results: Results?;
            var derive_vip: DeriveVIP?
        }
        struct Transcripts: Decodable { var file: String; var channel: Channel }
        struct QA: Decodable {
            var period: String; var today: String; var seed: UInt64; var files: [Transcripts]
            var scores: Results?
        }
        var months: [Month]
        var qa: QA?
    }

    func run() throws {
        try guarded(global.lang) {
            let output = Output(lang: global.lang)
            let samplesDir = try locateSamples()
            let manifest = try JSONDecoder().decode(
                Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: "\(samplesDir)/manifest.json")))
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let scratch =
                workspace
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-demo-\(getpid())").path
            let db = "\(scratch)/spotcheck.db"
            if workspace != nil, FileManager.default.fileExists(atPath: db) {
                throw UserError(Catalog.CLI.demoWorkspaceExists(db))
            }
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { if workspace == nil { try? FileManager.default.removeItem(atPath: scratch) } }
            _ = try Workspace.initialize(dbPath: db, identity: Workspace.demoIdentity)
            for (i, m) in manifest.months.enumerated() {
                let month = try parseMonth(m.month)
                let ws = try workspace(db, on: m.today)
                let role = i == manifest.months.count - 1 ? Catalog.CLI.thisMonth : Catalog.CLI.lastMonth
                output.say("")
                output.say(Catalog.CLI.demoStep(Catalog.CLI.demoMonth(m.month, role).text(global.lang)))
                for f in m.files {
                    let file = "\(samplesDir)/\(f.file)"
                    if f.kind == "orders" {
                        try ImportCommand.perform(OrderImportRequest(files: [file]), in: ws, output: output)
                        continue
                    }
                    guard let kind = SourceKind(rawValue: f.kind) else {
                        throw UserError(Catalog.Import.unknownKind(f.kind))
                    }
                    try ImportCommand.perform(
                        ImportRequest(kind: kind, files: [file], month: month), in: ws, output: output)
                }
                if let d = m.derive_vip {
                    var rule = VIPDerivation()
                    if let s = d.min_spend, let fen = Money.fen(s) { rule.minimumFen = fen }
                    if let n = d.inactive_months { rule.inactiveMonths = n }
                    try VIPDeriveCommand.perform(VIPDeriveRequest(month: month, rule: rule), in: ws, output: output)
                }
                try SampleCommand.perform(
                    MonthlyDraw.Request(month: month, seed: m.seed, drawnBy: "demo"), in: ws, output: output)
                try CallListCommand.perform(month: month, to: path(.callList, m.month), in: ws, output: output)
                // The callers' filled list comes back; the month's figures go to the sales manager.
                if let results = m.results {
                    let after = try workspace(db, on: results.today)
                    output.say("")
                    output.say(Catalog.CLI.demoStep(Catalog.CLI.demoResults(m.month, results.today).text(global.lang)))
                    try ResultsImportCommand.perform(file: "\(samplesDir)/\(results.file)", in: after, output: output)
                    try StatusCommand.perform(month: month, in: after, output: output)
                    try ReportCommand.perform(
                        month: month, to: path(.report, m.month), showPhones: false, in: after, output: output)
                }
            }
            if let qa = manifest.qa { try runQA(qa, samples: samplesDir, db: db, output: output) }
            output.say("")
            output.say(Catalog.CLI.demoDone(out))
        }
    }

    /// Transcript QA of the demo month: import, check, sample, the auditor's workbook, the
    /// scored workbook back, and the QA report.
    private func runQA(_ qa: Manifest.QA, samples: String, db: String, output: Output) throws {
        let period = try parseMonth(qa.period)
        let ws = try workspace(db, on: qa.today)
        output.say("")
        output.say(Catalog.CLI.demoStep(Catalog.CLI.demoQA(qa.period).text(global.lang)))
        for f in qa.files {
            try QAImportCommand.perform(files: ["\(samples)/\(f.file)"], channel: f.channel, in: ws, output: output)
        }
        try QACheckCommand.perform(period: period, json: false, in: ws, output: output)
        try QASampleCommand.perform(
            period: period, rate: nil, seed: qa.seed, by: "demo", json: false, in: ws, output: output)
        try QAExportAuditCommand.perform(period: period, to: path(.audit, qa.period), in: ws, output: output)
        var last = ws
        if let scores = qa.scores {
            last = try workspace(db, on: scores.today)
            output.say("")
            output.say(Catalog.CLI.demoStep(Catalog.CLI.demoScores(qa.period, scores.today).text(global.lang)))
            try QAScoresImportCommand.perform(file: "\(samples)/\(scores.file)", in: last, output: output)
        }
        try QAReportCommand.perform(period: period, to: path(.qaReport, qa.period), in: last, output: output)
    }

    /// The demo's workspace on a day of the manifest, at 09:00.
    private func workspace(_ db: String, on day: String) throws -> Workspace {
        guard let d = try? DateText.parse(day) else { throw UserError(Catalog.Config.badToday(day)) }
        return try Workspace(
            dbPath: db, configDirectory: global.config, lang: global.lang, now: LocalDateTime(day: d.day, hour: 9)!,
            nowIsDayOnly: true)
    }

    /// Where an output file of a month goes.
    private func path(_ file: Catalog.CLI.DemoFile, _ month: String) -> String {
        "\(out)/" + Catalog.CLI.demoFileName(file, month).text(global.lang)
    }

    private func locateSamples() throws -> String {
        var tried: [String] = []
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for candidate in [samples, "Samples", here.appendingPathComponent("Samples").path].compactMap({ $0 }) {
            tried.append(candidate)
            if FileManager.default.fileExists(atPath: "\(candidate)/manifest.json") { return candidate }
        }
        throw UserError(Catalog.CLI.samplesNotFound(tried))
    }
}
