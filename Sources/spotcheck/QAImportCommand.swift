import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa import`: chat and call transcripts in.
struct QAImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入聊天记录和通话录音转写 (import chat and call transcripts: CSV/XLSX one row per utterance, or JSON Lines).")

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .long, help: "chat 聊天 | call 通话：文件没有渠道列时使用 (for files without a channel column).",
        completion: Choice<Channel>.completion, transform: Choice<Channel>.parse)
    var channel: Channel?

    @Argument(
        help: "会话文件：CSV、XLSX 或 JSONL (transcript files).",
        completion: .file(extensions: ["csv", "xlsx", "jsonl", "json", "txt"]))
    var files: [String]

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QAImportCommand.perform(files: files, channel: channel, in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(files: [String], channel: Channel?, in ws: Workspace, output out: Output) throws {
        let r = try TranscriptImporter(workspace: ws).run(files: files, channel: channel)
        try AuditTrail.record(.import, detail: "transcripts: \(AuditTrail.files(files))", in: ws)
        for f in r.files {
            if f.new == 0 {
                out.say(Catalog.QA.unchanged(f.path))
            } else {
                out.say(Catalog.QA.imported(file: f.path, new: f.new, known: f.known, utterances: f.utterances))
            }
        }
    }
}
