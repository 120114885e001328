import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Two chats of 王敏 (a 千牛 sub-account: the shop's name is dropped) and three calls of 刘洋,
/// written so that each check has one hit and one near-miss:
/// - Q1: a first reply at exactly 15.000 s (fine) and 沒辦法 in traditional characters;
/// - Q2: a first reply at 15.001 s, an exception phrase (如有不清楚的地方), no closing;
/// - C1: 3.001 s of silence after the greeting and no prompt; dead air of exactly 3.000 s (fine);
/// - C2: the prompt after 3.5 s, then 3.5 s more and no apology; no closing;
/// - C3: a customer saying banned phrases (fine), a wait announced before 20 s of silence
///   (fine), then 3.501 s of dead air.
/// The checked transcripts as the tests compare them: ``QAChecker/run(period:)`` stores what each run gave as it
/// comes and keeps nothing in time order, so the order the reports read is made here.
extension QAChecker {
    /// Reads and checks a period's stored transcripts on every core. The period's ids are cut
    /// into runs that threads take in turn, each reading its runs' transcripts and utterances
    /// on a connection of its own (this thread on the store's) and checking them. The
    /// transcripts in time order (as ``QAData/transcripts(period:_:)`` gives them), with their
    /// findings: how the stored findings read back. (``run(period:)`` needs no order and takes what each run
    /// gave as it comes: ``checkRuns(period:with:store:threads:perThread:each:finish:)``.)
    /// A thread takes on at least `perThread` ids of the period.
    static func check(
        period: String, with checks: TranscriptChecks, store: Store, threads: Int = QAChecker.threads,
        perThread: Int = 2000
    ) throws -> (rows: [TranscriptRow], findings: [[Finding]]) {
        let checked = try checkRuns(period: period, with: checks, store: store, threads: threads, perThread: perThread)
        // In time order: the keys are sorted and the rows then taken once (sorting the rows themselves moved their
        // texts and findings at every merge).
        var keys: [(started: Int64, id: Int, run: Int32, at: Int32)] = []
        keys.reserveCapacity(checked.reduce(0) { $0 + $1.count })
        for (k, run) in checked.enumerated() {
            for (i, r) in run.enumerated() { keys.append((r.0.started.milliseconds, r.0.id, Int32(k), Int32(i))) }
        }
        keys.sort { ($0.started, $0.id) < ($1.started, $1.id) }
        return (keys.map { checked[Int($0.run)][Int($0.at)].0 }, keys.map { checked[Int($0.run)][Int($0.at)].1 })
    }

    /// ``check(period:with:store:threads:perThread:)``'s transcripts and findings as its runs of ids gave them, each
    /// run in id order.
    fileprivate static func checkRuns(
        period: String, with checks: TranscriptChecks, store: Store, threads: Int = QAChecker.threads,
        perThread: Int = 2000
    ) throws -> [[(TranscriptRow, [Finding])]] {
        try checkRuns(
            period: period, with: checks, store: store, threads: threads, perThread: perThread, each: { $0 },
            finish: { results in
                var all: [[(TranscriptRow, [Finding])]] = []
                while let run = try results.next() { all.append(run) }
                return all
            }) ?? []
    }

}

enum QAFixture {
    static let chatHeader = "会话ID,客服昵称,买家昵称,发送方,发送时间,消息内容"
    static let chat = [
        chatHeader,
        "Q1,棉语家纺:王敏,tb_a,买家,2026-09-03 10:00:00,在吗",
        "Q1,棉语家纺:王敏,tb_a,客服,2026-09-03 10:00:15.000,您好，请问有什么可以帮您",
        "Q1,棉语家纺:王敏,tb_a,买家,2026-09-03 10:00:30,退款到哪了",
        "Q1,棉语家纺:王敏,tb_a,客服,2026-09-03 10:00:40,沒辦法，系統就是這樣",
        "Q1,棉语家纺:王敏,tb_a,客服,2026-09-03 10:01:00,感谢您的耐心，再见",
        "Q2,棉语家纺:王敏,tb_b,买家,2026-09-04 11:00:00,在吗",
        "Q2,棉语家纺:王敏,tb_b,客服,2026-09-04 11:00:15.001,亲，在的",
        "Q2,棉语家纺:王敏,tb_b,客服,2026-09-04 11:00:30,如有不清楚的地方随时联系我",
    ]
    static func callLine(_ id: String, _ started: String, _ u: [(String, Double, Double, String)]) -> String {
        let list = u.map { #"{"role":"\#($0.0)","start":\#($0.1),"end":\#($0.2),"text":"\#($0.3)"}"# }.joined(
            separator: ",")
        return
            #"{"id":"\#(id)","agent":"刘洋","customer":"138****0001","started_at":"\#(started)","utterances":[\#(list)]}"#
    }
    static let calls = [
        callLine(
            "C1", "2026-09-05 14:00:00",
            [
                ("坐席", 0, 2, "您好，棉语家纺售后服务"), ("客户", 5.001, 6, "喂，你好"), ("坐席", 6.5, 8, "请问有什么可以帮您"),
                ("客户", 8.5, 10, "我的退款到哪了"), ("坐席", 13, 15, "已经退回了，感谢来电，再见"),
            ]),
        callLine(
            "C2", "2026-09-06 09:30:00",
            [("坐席", 0, 2, "您好"), ("坐席", 5.5, 7, "您好，您的电话已接通，请讲"), ("坐席", 10.5, 12, "喂？我先挂了")]),
        callLine(
            "C3", "2026-09-07 16:00:00",
            [
                ("坐席", 0, 2, "您好，请问有什么可以帮您"), ("客户", 2.5, 4, "我不知道怎么办，客服也没办法"),
                ("坐席", 4.5, 6, "请稍等，我帮您查询"), ("客户", 6.2, 7, "好"), ("坐席", 27, 29, "查到了，已经发货"),
                ("客户", 29.5, 30, "那我等等"), ("坐席", 33.501, 35, "好的，感谢您的耐心，再见"),
            ]),
    ]

    /// The fixture's five transcripts with an October chat imported between the chats and the calls, so that its id
    /// lies among September's.
    static func importedWithOctoberBetween() throws -> TestWorkspace {
        let w = try TestWorkspace()
        try importTranscripts(w, [w.csv("chat.csv", chat)], channel: .chat)
        let october = [chatHeader, "O1,王敏,tb_o,买家,2026-10-02 10:00:00,在吗", "O1,王敏,tb_o,客服,2026-10-02 10:00:20,在的"]
        try importTranscripts(w, [w.csv("october.csv", october)], channel: .chat)
        try importTranscripts(w, [w.csv("calls.jsonl", calls)], channel: .call)
        return w
    }

    /// A workspace holding the fixture's five transcripts.
    /// September: 240 chats of three agents, some with a banned phrase (48), a late first reply (60) or no closing.
    static func busyMonth() throws -> TestWorkspace {
        let w = try TestWorkspace()
        var lines = ["会话ID,渠道,客服,顾客,角色,开始时间,结束时间,内容"]
        for n in 0..<240 {
            let start = LocalDateTime(day: Day(year: 2026, month: 9, day: 1 + n % 28)!, hour: 10, minute: n % 60)!
            let agent = ["王敏", "刘洋", "张婷"][n % 3]
            lines.append("C\(n),聊天,\(agent),buyer\(n),顾客,\(start),,在吗")
            let reply = start.adding(milliseconds: n % 4 == 0 ? 40_000 : 5_000)
            lines.append("C\(n),聊天,\(agent),buyer\(n),客服,\(reply),,\(n % 5 == 0 ? "这个没办法" : "您好，在的")")
            if n % 2 == 0 {
                lines.append("C\(n),聊天,\(agent),buyer\(n),客服,\(reply.adding(milliseconds: 3_000)),,感谢您的耐心，祝您生活愉快")
            }
        }
        _ = try importTranscripts(w, [w.csv("month.csv", lines)], channel: nil)
        return w
    }

    static func imported() throws -> TestWorkspace {
        let w = try TestWorkspace()
        try importTranscripts(w, [w.csv("chat.csv", chat)], channel: .chat)
        try importTranscripts(w, [w.csv("calls.jsonl", calls)], channel: .call)
        return w
    }
}

@discardableResult
func importTranscripts(
    _ w: TestWorkspace, _ files: [String], channel: Channel?, today: String = "2026-10-08"
) throws -> TranscriptImporter.Outcome {
    try TranscriptImporter(workspace: try w.on(today)).run(files: files, channel: channel)
}

let september = YearMonth(parsing: "2026-09")!

/// Whether a cell's text is the number expected (to 1e-9).
func close(_ text: String?, _ expected: Double) -> Bool {
    guard let text, let d = Double(text) else { return false }
    return abs(d - expected) < 1e-9
}

@Suite("Importing transcripts")
struct TranscriptImportTests {
    @Test func chatsCallsAndTheirTimes() throws {
        let w = try TestWorkspace()
        let chat = try importTranscripts(w, [w.csv("chat.csv", QAFixture.chat)], channel: .chat)
        #expect(chat.files.map { [$0.new, $0.known, $0.utterances] } == [[2, 0, 8]])
        try importTranscripts(w, [w.csv("calls.jsonl", QAFixture.calls)], channel: .call)
        let rows = try Store(path: w.db).read { try QAData.transcripts(period: "2026-09", $0) }
        #expect(rows.map(\.externalID) == ["Q1", "Q2", "C1", "C2", "C3"])
        #expect(rows.map(\.agent) == ["王敏", "王敏", "刘洋", "刘洋", "刘洋"])
        #expect(rows.map(\.channel) == [.chat, .chat, .call, .call, .call])
        let u = try Store(path: w.db).read { try QAData.utterances(period: "2026-09", $0) }
        let c1 = u[rows[2].id]!
        #expect(c1.map(\.speaker) == [.agent, .customer, .agent, .customer, .agent])
        #expect(c1[1].start.description == "2026-09-05 14:00:05.001")
        #expect(c1[1].end?.description == "2026-09-05 14:00:06")
        let q1 = u[rows[0].id]!
        #expect(q1[1].start.description == "2026-09-03 10:00:15" && q1[1].end == nil)
        #expect(q1[3].text == "沒辦法，系統就是這樣")
    }

    /// A month large enough for a bulk load (more than 50,000 utterances into an empty workspace: a rollback journal,
    /// utterances written 64 to a statement): every utterance is stored with its own transcript, position, speaker,
    /// times and text, transcripts of 1 to 29 utterances straddling the statements, calls with end times and chats
    /// without; the workspace is in WAL afterwards, and importing the file again changes nothing.
    @Test func aLargeImportStoresEveryUtteranceAndLeavesTheDatabaseInWAL() throws {
        let w = try TestWorkspace()
        var lines = ["会话ID,渠道,客服,顾客,角色,开始时间,结束时间,内容"]
        var expected: [String: [String]] = [:]  // by transcript: "seq speaker start end text"
        var total = 0
        for n in 0..<4_000 {
            let id = "T\(n)", call = n % 3 == 0
            let start = LocalDateTime(day: Day(year: 2026, month: 9, day: 1 + n % 28)!, hour: 9, minute: n % 60)!
            for k in 0..<(1 + (n * 7) % 29) {
                let at = start.adding(milliseconds: Int64(k) * 1_500)
                let end = call ? at.adding(milliseconds: 1_000).description : ""
                let speaker = k % 2 == 0 ? "客服" : "顾客"
                let text = "第\(k)句，会话\(n)" + String(repeating: "退款", count: k % 5)
                lines.append("\(id),\(call ? "电话" : "聊天"),王敏,buyer\(n),\(speaker),\(at),\(end),\(text)")
                expected[id, default: []].append("\(k) \(k % 2 == 0 ? "agent" : "customer") \(at) \(end) \(text)")
                total += 1
            }
        }
        #expect(total > SheetImporter.bulkRows)
        let file = w.csv("month.csv", lines)
        #expect(SheetImporter.isBulk(expected: TranscriptImporter.expectedUtterances([file]), stored: 0))
        let outcome = try importTranscripts(w, [file], channel: nil)
        #expect(outcome.files.map { [$0.new, $0.known, $0.utterances] } == [[4_000, 0, total]])
        #expect(try BulkImportTests.journalMode(w.db) == "wal")
        let store = try Store(path: w.db)
        let rows = try store.read { try QAData.transcripts(period: "2026-09", $0) }
        let utterances = try store.read { try QAData.utterances(period: "2026-09", $0) }
        #expect(rows.count == 4_000)
        var stored: [String: [String]] = [:]
        for r in rows {
            stored[r.externalID] = (utterances[r.id] ?? []).map {
                "\($0.seq) \($0.speaker) \($0.start) \($0.end?.description ?? "") \($0.text)"
            }
        }
        #expect(stored == expected)
        #expect(try store.read { try QAData.utteranceCount($0) } == total)
        let before = try w.snapshot()
        #expect(try importTranscripts(w, [file], channel: nil, today: "2026-10-09").unchanged)
        #expect(try w.snapshot() == before)
    }

    /// The bulk rule counts utterances: a table's rows, and in JSON Lines (a transcript to a line) the utterances of
    /// the lines, estimated from the first megabyte.
    @Test func theUtterancesExpectedAreCountedInJSONLinesToo() throws {
        let w = try TestWorkspace()
        var utterances: [(String, Double, Double, String)] = []
        for k in 0..<30 {
            let role = k % 2 == 0 ? "坐席" : "客户", start = Double(k)
            utterances.append((role, start, start + 0.5, "第\(k)句话"))
        }
        let lines = (0..<2_000).map { n in QAFixture.callLine("C\(n)", "2026-09-05 14:00:00", utterances) }
        let calls = w.csv("calls.jsonl", lines)
        let expected = TranscriptImporter.expectedUtterances([calls])
        #expect(abs(expected - 60_000) < 3_000, "\(expected)")
        #expect(SheetImporter.isBulk(expected: expected, stored: 0))
        // A small file is counted whole; a table by its rows.
        let few = w.csv("few.jsonl", Array(lines.prefix(3)))
        #expect(TranscriptImporter.expectedUtterances([few]) == 90)
        let chat = w.csv("chat.csv", QAFixture.chat)
        #expect(TranscriptImporter.expectedUtterances([chat, few]) == 8 + 90)
    }

    @Test func reimportingChangesNothing() throws {
        let w = try QAFixture.imported()
        let before = try w.snapshot()
        let chats = try importTranscripts(w, ["\(w.dir)/chat.csv"], channel: .chat, today: "2026-10-09")
        let calls = try importTranscripts(w, ["\(w.dir)/calls.jsonl"], channel: .call, today: "2026-10-09")
        #expect(chats.unchanged && calls.unchanged)
        #expect((chats.files + calls.files).map(\.known) == [2, 3])
        #expect(try w.snapshot() == before)
    }

    @Test func anXLSXWithAbsoluteTimesWrittenByAnotherProgram() throws {
        let w = try TestWorkspace()
        let path = "\(w.dir)/calls.xlsx"
        try python(
            #"""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "补录"
            ws.append(["通话编号", "坐席", "客户", "角色", "开始时间", "结束时间", "识别文本"])
            t = lambda s, ms=0: datetime.datetime(2026, 9, 8, 10, 0, s, ms * 1000)
            ws.append(["X1", "陈静", "139****0002", "坐席", t(0), t(2), "您好"])
            ws.append(["X1", "陈静", "139****0002", "客户", t(5, 250), t(6), "喂"])
            ws.append(["X1", "陈静", "139****0002", "坐席", "2026-09-08 10:00:07.500", "2026-09-08 10:00:09", "您好，您的电话已接通，请讲"])
            for c in ws["E"][1:] + ws["F"][1:]:
                if isinstance(c.value, datetime.datetime): c.number_format = "yyyy-mm-dd hh:mm:ss.000"
            wb.save(sys.argv[1])
            """#, [path])
        try importTranscripts(w, [path], channel: .call)
        let u = try Store(path: w.db).read { try QAData.utterances(period: "2026-09", $0) }.values.first!
        #expect(
            u.map(\.start.description) == ["2026-09-08 10:00:00", "2026-09-08 10:00:05.250", "2026-09-08 10:00:07.500"])
        #expect(u.map { $0.end!.description } == ["2026-09-08 10:00:02", "2026-09-08 10:00:06", "2026-09-08 10:00:09"])
        let s = try QAChecker(workspace: try w.on("2026-10-08")).run(period: september)
        #expect(s.byRule["silence-reprompt"] == 1)
    }

    /// Imports a bad file: it must fail with these problems and change nothing.
    func rejects(
        _ w: TestWorkspace, _ name: String, _ lines: [String], channel: Channel?,
        _ expected: [(row: Int, column: String?, reason: Message)]
    ) throws {
        try rejects(w, path: w.csv(name, lines), channel: channel, expected)
    }

    /// Imports a bad file already written: it must fail with these problems and change nothing.
    func rejects(
        _ w: TestWorkspace, path: String, channel: Channel?, _ expected: [(row: Int, column: String?, reason: Message)]
    ) throws {
        let name = (path as NSString).lastPathComponent
        let before = try w.snapshot()
        do {
            try importTranscripts(w, [path], channel: channel)
            Issue.record("\(name) was imported")
        } catch let e as ImportError {
            #expect(e.issues.map(\.file) == expected.map { _ in path })
            #expect(e.issues.map(\.issue.row) == expected.map(\.row))
            #expect(e.issues.map(\.issue.column) == expected.map(\.column))
            #expect(e.issues.map(\.issue.reason) == expected.map(\.reason))
            #expect(!e.canSkipBad)
        }
        #expect(try w.snapshot() == before)
    }

    @Test func badRowsAreNamedAndNothingIsImported() throws {
        let w = try QAFixture.imported()
        typealias Q = Catalog.QA
        let h = QAFixture.chatHeader
        try rejects(
            w, "order.csv", [h, "Z1,王敏,tb,买家,2026-09-03 10:00:10,在吗", "Z1,王敏,tb,客服,2026-09-03 10:00:05,您好"],
            channel: .chat,
            [(3, "发送时间", Q.outOfOrder)])
        try rejects(
            w, "role.csv", [h, "Z2,王敏,tb,主管,2026-09-03 10:00:10,在吗"], channel: .chat, [(2, "发送方", Q.unknownRole)])
        try rejects(
            w, "time.csv", [h, "Z3,王敏,tb,买家,,在吗", "Z3,王敏,tb,客服,昨天,您好"], channel: .chat,
            [(2, "发送时间", Q.noTime), (3, "发送时间", Q.badTime)])
        try rejects(
            w, "nochannel.csv", [h, "Z4,王敏,tb,买家,2026-09-03 10:00:10,在吗"], channel: nil, [(2, nil, Q.noChannel)])
        // A call needs the start and end of every utterance.
        let callHeader = "通话编号,坐席,角色,开始时间,结束时间,识别文本"
        try rejects(
            w, "calltimes.csv", [callHeader, "Z5,刘洋,坐席,,,您好", "Z5,刘洋,客户,2026-09-03 10:00:05,,喂"], channel: .call,
            [(2, "开始时间", Q.noTime), (3, "结束时间", Q.noEnd)])
        try rejects(
            w, "end.csv", [callHeader, "Z6,刘洋,坐席,2026-09-03 10:00:00,2026-09-03 09:59:58,您好"], channel: .call,
            [(2, "结束时间", Q.endBeforeStart)])
        // JSON Lines: the line and the field.
        try rejects(
            w, "bad.jsonl",
            [
                QAFixture.callLine("Z7", "2026-09-05 14:00:00", [("坐席", 0, 2, "您好"), ("客户", 5, 4, "喂")]),
                #"{"id":"Z8","agent":"刘洋","utterances":[{"role":"agent","start":0,"end":2,"text":"您好"}]}"#,
                #"{"id":"Z9","agent":"刘洋","#,
            ], channel: .call,
            [
                (3, nil, Q.badJSON), (1, "utterances[1].end", Q.endBeforeStart),
                (2, "utterances[0].start", Q.offsetNeedsStart),
            ])
        // The same id with other content.
        let changed = QAFixture.callLine("C1", "2026-09-05 14:00:00", [("坐席", 0, 2, "您好")])
        try rejects(w, "conflict.jsonl", [changed], channel: .call, [(1, nil, Q.conflicting("C1"))])
    }

    /// Transcripts are written as their rows are read: a bad row after hundreds of good
    /// transcripts (some of them written by then) still leaves the database as it was.
    @Test func aBadRowLateInALargeFileChangesNothing() throws {
        let w = try QAFixture.imported()
        var lines = [QAFixture.chatHeader]
        for n in 0..<600 {
            lines.append("L\(n),王敏,tb_\(n),买家,2026-09-10 10:00:00,在吗")
            lines.append("L\(n),王敏,tb_\(n),客服,2026-09-10 10:00:05,您好")
        }
        lines.append("L600,王敏,tb,主管,2026-09-10 10:00:00,在吗")
        try rejects(w, "late.csv", lines, channel: .chat, [(1202, "发送方", Catalog.QA.unknownRole)])
        // A bad second file undoes the good first one too.
        let good = w.csv("good.csv", Array(lines.dropLast()))
        let before = try w.snapshot()
        #expect(throws: ImportError.self) { try importTranscripts(w, [good, "\(w.dir)/late.csv"], channel: .chat) }
        #expect(try w.snapshot() == before)
    }

    /// A table whose transcripts' rows interleave (sorted by time, say) gives the transcripts
    /// the same table sorted by transcript gives.
    @Test func interleavedRowsAreReadAsWhenTheyComeTogether() throws {
        let h = QAFixture.chatHeader
        let together = [
            h, "A1,王敏,tb_a,买家,2026-09-03 10:00:00,在吗", "A1,王敏,tb_a,客服,2026-09-03 10:00:05,您好",
            "A2,王敏,tb_b,买家,2026-09-03 10:00:01,你好", "A2,王敏,tb_b,客服,2026-09-03 10:00:09,在的",
        ]
        let interleaved = [together[0], together[1], together[3], together[2], together[4]]
        var stored: [[String]] = []
        for lines in [together, interleaved] {
            let (counts, rows) = try storedTable(lines)
            #expect(counts == [[2, 4]])
            stored.append(rows)
        }
        #expect(
            stored[0].map { $0.replacingOccurrences(of: "chat.csv", with: "") }
                == stored[1].map { $0.replacingOccurrences(of: "chat.csv", with: "") })
        // A bad row of an interleaved table is named as in any other.
        let w = try TestWorkspace()
        try rejects(
            w, "bad.csv", interleaved + ["A1,王敏,tb_a,主管,2026-09-03 10:00:10,在吗"], channel: .chat,
            [(6, "发送方", Catalog.QA.unknownRole)])
    }

    /// An interleaved table whose first transcripts fill statements of utterances (64 to one) before a transcript's
    /// rows come again: those written are undone with the savepoint and the table read again whole, as when its rows
    /// come together.
    @Test func interleavedRowsAfterFullStatementsOfUtterancesAreReadAsWhenTheyComeTogether() throws {
        func line(_ id: String, _ k: Int) -> String {
            "\(id),王敏,tb_\(id),\(k % 2 == 0 ? "买家" : "客服"),2026-09-03 10:\(String(format: "%02d:%02d", k / 60, k % 60)),第\(k)句"
        }
        let a = (0..<150).map { line("A1", $0) }, b = (0..<70).map { line("A2", $0) }
        let together = [QAFixture.chatHeader] + a + b + [line("A2", 70)]
        let interleaved = [QAFixture.chatHeader] + a.dropLast() + b + [a.last!, line("A2", 70)]
        var stored: [[String]] = []
        for lines in [together, interleaved] {
            let (counts, rows) = try storedTable(lines)
            #expect(counts == [[2, 221]])
            stored.append(rows)
        }
        #expect(stored[0].count == 223 && stored[0] == stored[1])
    }

    /// A chat table imported into a new workspace: the import's (new, utterances) per file, and the transcripts and
    /// utterances stored, a row each.
    func storedTable(_ lines: [String]) throws -> (counts: [[Int]], rows: [String]) {
        let w = try TestWorkspace()
        let r = try importTranscripts(w, [w.csv("chat.csv", lines)], channel: .chat)
        let snapshot = try w.snapshot()
        let rows = (snapshot["transcripts"]! + snapshot["utterances"]!).map { $0.joined(separator: "|") }
        return (r.files.map { [$0.new, $0.utterances] }, rows)
    }

    @Test func gbkJSONLinesAreReadLikeAGBKCSV() throws {
        let w = try TestWorkspace()
        let path = "\(w.dir)/calls-gbk.jsonl"
        try Data(TextEncoding.gb18030Bytes(QAFixture.calls.joined(separator: "\r\n") + "\r\n")).write(
            to: URL(fileURLWithPath: path))
        let r = try importTranscripts(w, [path], channel: .call)
        #expect(r.files.map { [$0.new, $0.utterances] } == [[3, 15]])
        let rows = try Store(path: w.db).read { try QAData.transcripts(period: "2026-09", $0) }
        #expect(rows.map(\.agent) == ["刘洋", "刘洋", "刘洋"])
        let u = try Store(path: w.db).read { try QAData.utterances(period: "2026-09", $0) }
        #expect(u[rows[0].id]!.map(\.text).prefix(2) == ["您好，棉语家纺售后服务", "喂，你好"])
        #expect(u[rows[0].id]!.map(\.speaker).prefix(2) == [.agent, .customer])  // 坐席/客户 read as GBK
        // The same transcripts in UTF-8 are the same transcripts.
        let again = try importTranscripts(w, [w.csv("calls.jsonl", QAFixture.calls)], channel: .call)
        #expect(again.unchanged)
    }

    @Test func negativeTimesAndEmptyTranscriptsAreRefusedInEveryFormat() throws {
        let w = try QAFixture.imported()
        typealias Q = Catalog.QA
        let header = "通话编号,坐席,角色,通话开始时间,开始时间,结束时间,识别文本"
        try rejects(
            w, "negative.csv",
            [
                header,
                "N1,刘洋,坐席,2026-09-03 10:00:00,-0.5,2,您好",
                "N1,刘洋,客户,2026-09-03 10:00:00,3,-1,喂",
                "N2,刘洋,坐席,2026-09-03 10:00:00,2026-09-03 09:59:59.999,2026-09-03 10:00:02,您好",
            ], channel: .call,
            [
                (2, "开始时间", Q.negativeTime), (3, "结束时间", Q.negativeTime),
                (4, "开始时间", Q.beforeTranscriptStart("2026-09-03 10:00:00")),
            ])
        // At the transcript's start exactly, and 0 s: fine.
        try importTranscripts(
            w,
            [
                w.csv(
                    "zero.csv",
                    [
                        header, "N0,刘洋,坐席,2026-09-03 10:00:00,0,2,您好",
                        "N0,刘洋,客户,2026-09-03 10:00:00,2026-09-03 10:00:03,4,喂",
                    ])
            ], channel: .call)

        let xlsx = "\(w.dir)/negative.xlsx"
        try python(
            #"""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["通话编号", "坐席", "角色", "通话开始时间", "开始时间", "结束时间", "识别文本"])
            ws.append(["N6", "刘洋", "坐席", "2026-09-08 10:00:00", 0, 2, "您好"])
            ws.append(["N6", "刘洋", "客户", "2026-09-08 10:00:00", -1.5, 4, "喂"])
            ws.append(["N7", "刘洋", "坐席", "2026-09-08 11:00:00", datetime.datetime(2026, 9, 8, 10, 59, 59), 3, "您好"])
            wb.save(sys.argv[1])
            """#, [xlsx])
        try rejects(
            w, path: xlsx, channel: .call,
            [(3, "开始时间", Q.negativeTime), (4, "开始时间", Q.beforeTranscriptStart("2026-09-08 11:00:00"))])

        try rejects(
            w, "negative.jsonl",
            [
                QAFixture.callLine("N3", "2026-09-05 14:00:00", [("坐席", -0.5, 2, "您好")]),
                #"{"id":"N4","agent":"刘洋","started_at":"2026-09-05 14:00:00","utterances":[{"role":"agent","start":"2026-09-05 13:59:00","end":2,"text":"您好"}]}"#,
                #"{"id":"N5","agent":"刘洋","started_at":"2026-09-05 14:00:00","utterances":[]}"#,
            ], channel: .call,
            [
                (3, "utterances", Q.noUtterances), (1, "utterances[0].start", Q.negativeTime),
                (2, "utterances[0].start", Q.beforeTranscriptStart("2026-09-05 14:00:00")),
            ])
    }

    @Test func aFileWithoutTheColumnsSaysWhichAreAccepted() throws {
        let w = try TestWorkspace()
        let path = w.csv("x.csv", ["编号,内容", "1,你好"])
        do {
            try importTranscripts(w, [path], channel: .chat)
            Issue.record("imported")
        } catch let e as FileError {
            #expect(e.file == path)
            #expect(e.message.zh.hasPrefix("找不到必需的列（会话编号、客服、角色、时间、内容）。文件中的表头：编号、内容。可用表头：会话ID/会话编号/通话ID"))
        }
        #expect(try w.count("transcripts") == 0)
    }
}

@Suite("Checking a period")
struct QACheckTests {
    @Test func theExportsFindingReaderReadsWhatThePeriodsQueryReads() throws {
        // Two decoders of a findings row (GRDB's rows for the reports, the statement stepped
        // for the export): they must agree field by field.
        let w = try QAFixture.imported()
        try QAChecker(workspace: try w.on("2026-10-08")).run(period: september)
        try Store(path: w.db).read { db in
            let stored = try QAData.findings(period: "2026-09", db)
            #expect(stored.count == 7)
            #expect(stored.contains { $0.finding.phrase != nil && $0.finding.span != nil })
            let reader = try QAData.FindingReader(db)
            for t in Set(stored.map(\.transcript)) {
                #expect(try reader.findings(of: t) == stored.filter { $0.transcript == t }.map(\.finding))
            }
        }
    }

    @Test func everyRuleOnEveryTranscriptAndIdempotent() throws {
        let w = try QAFixture.imported()
        let s = try QAChecker(workspace: try w.on("2026-10-08")).run(period: september)
        #expect(s.transcripts == 5)
        #expect(s.findings == 7)
        #expect(
            s.byRule == [
                "banned-phrase": 1, "first-response": 1, "no-closing": 2, "silence-reprompt": 1, "silence-apology": 1,
                "dead-air": 1, "no-greeting": 0,
            ])
        #expect(
            s.agents.map { [$0.agent, String($0.transcripts), String($0.findings)] } == [
                ["刘洋", "3", "4"], ["王敏", "2", "3"],
            ])
        let stored = try Store(path: w.db).read { try QAData.findings(period: "2026-09", $0) }
        let described = stored.map { f in
            [
                f.finding.rule.rawValue, f.finding.at.description, f.finding.matched,
                f.finding.gapMs.map(String.init) ?? "-",
            ]
        }
        #expect(
            described == [
                ["banned-phrase", "2026-09-03 10:00:40", "沒辦法", "-"],
                ["first-response", "2026-09-04 11:00:00", "在吗", "15001"],
                ["no-closing", "2026-09-04 11:00:30", "如有不清楚的地方随时联系我", "-"],
                ["silence-reprompt", "2026-09-05 14:00:02", "您好，棉语家纺售后服务", "3001"],
                ["silence-apology", "2026-09-06 09:30:07", "您好，您的电话已接通，请讲", "3500"],
                ["no-closing", "2026-09-06 09:30:10.500", "喂？我先挂了", "-"],
                ["dead-air", "2026-09-07 16:00:30", "那我等等", "3501"],
            ])
        #expect(stored[0].finding.phrase == BannedPhrase(pattern: "没办法", category: "推诿", severity: 2))
        #expect(stored[0].finding.utterance == 3 && stored[0].finding.span == 0..<3)
        let before = try w.snapshot()
        let again = try QAChecker(workspace: try w.on("2026-10-08")).run(period: september)
        #expect(again == s)
        #expect(try w.snapshot() == before)
    }

    /// Threads reading runs of ids side by side, on connections of their own, find what one
    /// thread finds, in the same order, also when another period's transcript sits between.
    @Test func threadsReadingSideBySideFindWhatOneFinds() throws {
        let w = try QAFixture.importedWithOctoberBetween()
        let checks = try w.on("2026-10-08").qa().checks
        let store = try Store(path: w.db)
        let one = try QAChecker.check(period: "2026-09", with: checks, store: store, threads: 1)
        let three = try QAChecker.check(period: "2026-09", with: checks, store: store, threads: 3, perThread: 1)
        #expect(one.rows.map(\.externalID) == ["Q1", "Q2", "C1", "C2", "C3"])
        #expect(three.rows == one.rows && three.findings == one.findings)
        #expect(one.findings.map(\.count) == [1, 2, 1, 2, 1])
        let october = try QAChecker.check(period: "2026-10", with: checks, store: store, threads: 3, perThread: 1)
        #expect(october.rows.map(\.externalID) == ["O1"] && october.findings.map(\.count) == [2])
    }

    /// The runs the threads take cover the period's ids once each, in order, and the last are shorter.
    @Test func theRunsCoverTheSpanOnceAndEndShorter() {
        for span in [1...1, 5...7, 1000...100_999] {
            for threads in [1, 2, 3] {
                let runs = QAChecker.runs(of: span, threads: threads)
                #expect(runs.first?.lowerBound == span.lowerBound && runs.last?.upperBound == span.upperBound)
                #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound + 1 == $1.lowerBound })
                #expect(runs.allSatisfy { !$0.isEmpty })
                #expect(runs.count <= threads * 16)
                if span.count >= 1000 {
                    #expect(runs.count == threads * 16)
                    #expect(runs.last!.count * 3 <= runs.first!.count + 3)
                }
            }
        }
    }

    /// The figures tallied transcript by transcript add up to those of all at once, and to what a check on three
    /// threads (each tallying the runs it checked) reports.
    @Test func talliesOfRunsAddUpToTheTallyOfTheWhole() throws {
        let w = try QAFixture.importedWithOctoberBetween()
        let checks = try w.on("2026-10-08").qa().checks
        let store = try Store(path: w.db)
        let checked = try QAChecker.check(period: "2026-09", with: checks, store: store, threads: 1)
        let pairs = Array(zip(checked.rows, checked.findings))
        let whole = QAChecker.Tally(pairs).summary(period: september, checkedAt: "now")
        let summed = pairs.reduce(into: QAChecker.Tally()) { $0.add(QAChecker.Tally([$1])) }
            .summary(period: september, checkedAt: "now")
        #expect(summed == whole)
        #expect(whole.transcripts == 5 && whole.findings == 7 && whole.byRule.count == QARule.allCases.count)
        #expect(
            whole.agents.map { [$0.agent, String($0.transcripts), String($0.findings)] } == [
                ["刘洋", "3", "4"], ["王敏", "2", "3"],
            ])
        let stored = try QAChecker(workspace: try w.on("2026-10-08")).run(period: september, threads: 3, perThread: 1)
        #expect(stored.byRule == whole.byRule && stored.agents == whole.agents)
        #expect(stored.transcripts == whole.transcripts && stored.findings == whole.findings)
    }

    /// Three threads (this one writing while the others check the last runs) store what one stores: 240 chats,
    /// some with a banned phrase, a late first reply or no closing.
    @Test func aCheckOnThreeThreadsStoresWhatOneStores() throws {
        let w = try QAFixture.busyMonth()
        let checker = QAChecker(workspace: try w.on("2026-10-08"))
        func stored() throws -> [QAData.StoredFinding] {
            try Store(path: w.db).read { try QAData.findings(period: "2026-09", $0) }
        }
        let one = try checker.run(period: september, threads: 1)
        let oneStored = try stored()
        #expect(one.transcripts == 240 && one.findings == oneStored.count)
        #expect(one.byRule["banned-phrase"] == 48 && one.byRule["first-response"] == 60)
        let three = try checker.run(period: september, threads: 3, perThread: 1)
        #expect(
            three
                == QAChecker.Summary(
                    period: one.period, transcripts: one.transcripts, findings: one.findings, byRule: one.byRule,
                    agents: one.agents, checkedAt: three.checkedAt))
        #expect(try stored() == oneStored)
    }

    /// The runs handed out: the writing thread stops before the runs it leaves to the others; what the runs gave
    /// is read in id order however they finish, waited for when not yet done, and a failure ends the waiting.
    @Test func theRunsAreHandedOutAndReadInOrder() throws {
        struct Broken: Error {}
        let work = CheckRuns<String>([1...10, 11...20, 21...30], leaving: 1)
        #expect(work.take(mine: true)?.0 == 0 && work.take(mine: true)?.0 == 1)
        #expect(work.take(mine: true) == nil)
        #expect(work.take(mine: false)?.1 == 21...30)
        #expect(work.take(mine: false) == nil)
        let other = Thread {
            usleep(20_000)
            work.done(2, "c")
            work.done(0, "a")
            usleep(20_000)
            work.done(1, "b")
        }
        other.start()
        try work.waitForAll()
        #expect(try work.next() == "a" && work.next() == "b" && work.next() == "c" && work.next() == nil)
        let failing = CheckRuns<String>([1...1, 2...2], leaving: 0)
        _ = failing.take(mine: true)
        _ = failing.take(mine: false)
        failing.done(0, "a")
        Thread {
            usleep(20_000)
            failing.fail(Broken())
        }.start()
        #expect(throws: Broken.self) { try failing.waitForAll() }
        #expect(try failing.next() == "a")
        #expect(throws: Broken.self) { try failing.next() }
        #expect(failing.take(mine: false) == nil)
    }

    /// A thread whose check fails stops the check: the error comes out, nothing waits forever, and the findings
    /// stored before are all still there.
    @Test func aThreadThatFailsLeavesTheStoredFindingsAsTheyWere() throws {
        struct Broken: Error {}
        let w = try QAFixture.busyMonth()
        let ws = try w.on("2026-10-08")
        try QAChecker(workspace: ws).run(period: september)
        let store = try Store(path: w.db)
        let before = try store.read { try QAData.findings(period: "2026-09", $0) }
        let checks = try ws.qa().checks
        // The first run (this thread's) and the last (left to the others while this one writes).
        for failing in ["C0", "C239"] {
            #expect(throws: Broken.self) {
                _ = try QAChecker.checkRuns(
                    period: "2026-09", with: checks, store: store, threads: 3, perThread: 1,
                    each: { run in
                        if run.contains(where: { $0.0.externalID == failing }) { throw Broken() }
                        return run.flatMap { r, found in found.map { (r.id, $0) } }
                    },
                    finish: { results in
                        try store.write { db in
                            try QAData.replaceFindings(period: "2026-09", checkedAt: "now", db) { insert in
                                while let found = try results.next() { try insert(found) }
                                return 240
                            }
                        }
                    })
            }
            #expect(try store.read { try QAData.findings(period: "2026-09", $0) } == before)
        }
        // A writer that gives up before reading anything: the threads are still waited for.
        #expect(throws: Broken.self) {
            _ = try QAChecker.checkRuns(
                period: "2026-09", with: checks, store: store, threads: 3, perThread: 1, each: { $0 },
                finish: { _ in throw Broken() })
        }
    }

    /// Checking a period again replaces its findings only: another period's transcript whose id lies between the
    /// period's keeps its findings.
    @Test func checkingAPeriodAgainKeepsTheFindingsOfAnotherPeriodAmongItsIds() throws {
        let w = try QAFixture.importedWithOctoberBetween()
        let checker = QAChecker(workspace: try w.on("2026-10-08"))
        try checker.run(period: YearMonth(parsing: "2026-10")!)
        try checker.run(period: september)
        func findings(_ period: String) throws -> [String] {
            try Store(path: w.db).read { try QAData.findings(period: period, $0) }.map {
                "\($0.transcript) \($0.finding.rule.rawValue) \($0.finding.at)"
            }
        }
        let october = try findings("2026-10"), before = try findings("2026-09")
        #expect(october.count == 2 && before.count == 7)
        try checker.run(period: september)
        #expect(try findings("2026-10") == october)
        #expect(try findings("2026-09").count == 7)
        let count = try Store(path: w.db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM findings") }
        #expect(count == 9)
    }

    @Test func aPeriodWithoutTranscriptsSaysSo() throws {
        let w = try QAFixture.imported()
        #expect(throws: QAError(Catalog.QA.noTranscripts("2026-08"))) {
            try QAChecker(workspace: try w.on("2026-10-08")).run(period: YearMonth(parsing: "2026-08")!)
        }
    }
}

@Suite("The audit sample")
struct AuditSampleTests {
    /// Chats for agents with 1, 4, 5 and 6 transcripts.
    func chats(_ counts: [(String, Int)], start: Int = 0) -> [String] {
        var lines = [QAFixture.chatHeader]
        var n = start
        for (agent, count) in counts {
            for _ in 0..<count {
                n += 1
                let day = String(format: "%02d", 1 + n % 28)
                lines.append("S\(n),\(agent),tb\(n),买家,2026-09-\(day) 10:00:00,在吗")
                lines.append("S\(n),\(agent),tb\(n),客服,2026-09-\(day) 10:00:03,您好，第\(n)位顾客")
            }
        }
        return lines
    }

    @Test func perAgentTwentyPercentRoundedUpRecordedAndNeverTwice() throws {
        let w = try TestWorkspace()
        try importTranscripts(w, [w.csv("a.csv", chats([("王敏", 1), ("张婷", 4), ("刘洋", 5), ("陈静", 6)]))], channel: .chat)
        let s = try AuditSample(workspace: try w.on("2026-10-08")).run(
            period: september, rate: nil, seed: 42, drawnBy: "孙悦")
        #expect(
            s.agents.map { [$0.agent, String($0.volume), String($0.share), String($0.drawn)] }
                == [["刘洋", "5", "1", "1"], ["张婷", "4", "1", "1"], ["王敏", "1", "1", "1"], ["陈静", "6", "2", "2"]])
        #expect(s.drawn == 5 && s.drawId == 1 && s.rate == 0.2)
        let draws = try Store(path: w.db).read { db in
            try Row.fetchAll(db, sql: "SELECT period, seed, rate, drawn_by, drawn FROM qa_draws").map { r -> [String] in
                [r[0] as String, String(r[1] as Int64), String(r[2] as Double), r[3] as String, String(r[4] as Int)]
            }
        }
        #expect(draws == [["2026-09", "42", "0.2", "孙悦", "5"]])
        // Again: every agent has their share, nothing is drawn or recorded.
        let before = try w.snapshot()
        let again = try AuditSample(workspace: try w.on("2026-10-09")).run(
            period: september, rate: nil, seed: 43, drawnBy: "孙悦")
        #expect(again.drawn == 0 && again.drawId == nil)
        #expect(try w.snapshot() == before)
        // Five more chats for 王敏: her share is now 2, she gets one more, not the one drawn before.
        try importTranscripts(w, [w.csv("b.csv", chats([("王敏", 5)], start: 100))], channel: .chat)
        let more = try AuditSample(workspace: try w.on("2026-10-10")).run(
            period: september, rate: nil, seed: 44, drawnBy: "孙悦")
        #expect(
            more.agents.filter { $0.drawn > 0 }.map { [$0.agent, String($0.drawn), String($0.sampled)] } == [
                ["王敏", "1", "2"]
            ])
        #expect(!s.agents.flatMap(\.transcripts).contains(more.agents.first { $0.agent == "王敏" }!.transcripts[0]))
        #expect(try w.count("qa_items") == 6)
    }

    @Test func theSameSeedDrawsTheSameTranscriptsWhateverTheImportOrder() throws {
        let lines = chats([("张婷", 10), ("刘洋", 7)])
        let a = try TestWorkspace(), b = try TestWorkspace()
        try importTranscripts(a, [a.csv("a.csv", lines)], channel: .chat)
        // The same transcripts, last first.
        let pairs = stride(from: 1, to: lines.count, by: 2).map { [lines[$0], lines[$0 + 1]] }
        try importTranscripts(b, [b.csv("b.csv", [lines[0]] + pairs.reversed().flatMap { $0 })], channel: .chat)
        let sa = try AuditSample(workspace: try a.on("2026-10-08")).run(
            period: september, rate: 0.3, seed: 9, drawnBy: "x")
        let sb = try AuditSample(workspace: try b.on("2026-10-08")).run(
            period: september, rate: 0.3, seed: 9, drawnBy: "x")
        #expect(sa.agents.map { Set($0.transcripts) } == sb.agents.map { Set($0.transcripts) })
        #expect(sa.agents.map(\.drawn) == [3, 3])
    }

    @Test func aRateOutsideZeroToOneIsRefused() throws {
        let w = try QAFixture.imported()
        for rate in [0.0, 1.5, -0.2] {
            #expect(throws: QAError(Catalog.QA.badRate)) {
                try AuditSample(workspace: try w.on("2026-10-08")).run(
                    period: september, rate: rate, seed: 1, drawnBy: "x")
            }
        }
        #expect(try w.count("qa_draws") == 0)
    }
}

/// Scores the fixture's audit workbook as an auditor in another program would: rows
/// reversed, a column inserted in front, scores as numbers and one as text. Q1 loses the
/// critical 未使用服务忌语 (90, fail), Q2 is perfect (100), C1 loses half of 及时响应 (92.5);
/// C2 and C3 stay unscored.
let scoreScript = #"""
    import sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["抽检评分"]
    hr = next(r for r in range(1, 6) if ws.cell(r, 2).value == "会话编号")
    ws.insert_cols(1); ws.cell(hr, 1).value = "我的备注"
    col = {str(c.value).split("\n")[0]: c.column for c in ws[hr] if c.value}
    rows = {ws.cell(r, col["会话编号"]).value: r for r in range(hr + 1, ws.max_row + 1)}
    items = ["及时响应（15秒内，含自动回复）", "主动确认客户需求", "按流程结束服务（二次确认、结束语）", "开场问候与规范用语", "未使用服务忌语",
             "问题得到解决或给出明确方案", "信息准确、无误导", "耐心礼貌、不推诿"]
    def score(tid, values, auditor, comment):
        for name, v in zip(items, values): ws.cell(rows[tid], col[name]).value = v
        ws.cell(rows[tid], col["审核人"]).value = auditor; ws.cell(rows[tid], col["评语"]).value = comment
    score("Q1", [10, 10, 10, 10, 0, 10, 10, 10], "孙悦", "用了服务忌语")
    score("Q2", [10, "10", 10, 10, 10, 10, 10, 10], "孙悦", None)
    score("C1", [5, 10, 10, 10, 10, 10, 10, 10], "何磊", "冷场未提示")
    data = [[c.value for c in ws[r]] for r in range(hr + 1, ws.max_row + 1)]
    for i, values in enumerate(reversed(data)):
        for j, v in enumerate(values): ws.cell(hr + 1 + i, 1 + j).value = v
    wb.save(sys.argv[2])
    """#

@Suite("The audit workbook and the scores")
struct AuditWorkbookTests {
    /// The fixture, checked, all five transcripts sampled, the workbook exported.
    func exported() throws -> (TestWorkspace, String) {
        let w = try QAFixture.imported()
        try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let path = "\(w.dir)/audit.xlsx"
        let r = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: path)
        #expect(r.transcripts == 5 && r.checkedFirst)
        return (w, path)
    }

    @Test func oneRowPerSampledTranscriptWithConversationFindingsAndDropDowns() throws {
        let (w, path) = try exported()
        defer { withExtendedLifetime(w) {} }  // the folder goes with the workspace
        let book = try Workbook(path)
        #expect(book.sheets == ["抽检评分", "评分标准", "_spotcheck"])
        let rows = try book.rows("抽检评分")
        #expect(Array(rows[2]!.prefix(8)) == ["序号", "会话编号", "渠道", "客服", "顾客", "开始时间", "对话内容", "自动检查结果"])
        #expect(rows[2]![8] == "及时响应（15秒内，含自动回复）\n权重 15")
        #expect(rows[2]![12] == "未使用服务忌语\n权重 10·否决项")
        #expect(Array(rows[2]!.suffix(5)) == ["总分", "是否合格", "审核人", "评语", "内部编号（勿改）"])
        // Agent by agent (刘洋 before 王敏), each in time order.
        #expect((3...7).map { rows[$0]![1] } == ["C1", "C2", "C3", "Q1", "Q2"])
        #expect(
            rows[3]![6]
                == "14:00:00–14:00:02 客服：您好，棉语家纺售后服务\n14:00:05.001–14:00:06 顾客：喂，你好\n14:00:06.500–14:00:08 客服：请问有什么可以帮您\n"
                + "14:00:08.500–14:00:10 顾客：我的退款到哪了\n14:00:13–14:00:15 客服：已经退回了，感谢来电，再见")
        #expect(rows[3]![7] == "14:00:02 静音未重复提示：静音 3.001 秒")
        #expect(rows[6]![7] == "10:00:40 服务忌语：「沒辦法」（推诿）")
        #expect(rows[5]![7] == "16:00:30 冷场（未接话）：静音 3.501 秒")
        let sheet = try book.part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<formula1>\"0,5,10\"</formula1>"))
        #expect(sheet.contains("<formula1>\"0,10\"</formula1>"))
        #expect(sheet.contains("hidden=\"1\""))
        // Scores typed as text count (issue 9): each cell is taken as the number it spells.
        #expect(
            sheet.contains(
                "<f>IF((I4&lt;&gt;\"\")*ISNUMBER(--I4)+(J4&lt;&gt;\"\")*ISNUMBER(--J4)+(K4&lt;&gt;\"\")*ISNUMBER(--K4)+(L4&lt;&gt;\"\")*ISNUMBER(--L4)+(M4&lt;&gt;\"\")*ISNUMBER(--M4)+(N4&lt;&gt;\"\")*ISNUMBER(--N4)+(O4&lt;&gt;\"\")*ISNUMBER(--O4)+(P4&lt;&gt;\"\")*ISNUMBER(--P4)&lt;8,\"\",ROUND((--I4)*1.5+(--J4)*1.5+(--K4)*1+(--L4)*1+(--M4)*1+(--N4)*2+(--O4)*1+(--P4)*1,2))</f>"
            ))
        // Live highlights: 不合格, and the critical item (未使用服务忌语) at its lowest score, typed as text or not.
        #expect(
            sheet.contains(
                "<conditionalFormatting sqref=\"R3:R7\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"1\"><formula>R3=\"不合格\"</formula>"
            ))
        #expect(sheet.contains("<conditionalFormatting sqref=\"M3:M7\">"))
        #expect(sheet.contains("<formula>AND(M3&lt;&gt;\"\",IFERROR(--M3,-1)=0)</formula>"))
        // The cells an auditor fills in have borders; the title and header rows print on every page, even
        // though the sheet is written in constant memory.
        for cell in ["I3", "P7", "S3", "T7"] {
            #expect(try book.hasThinBorders("xl/worksheets/sheet1.xml", cell), "\(cell)")
        }
        #expect(try !book.hasThinBorders("xl/worksheets/sheet1.xml", "G3"))
        #expect(sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"))
        #expect(try book.part("xl/workbook.xml").contains("localSheetId=\"0\">'抽检评分'!$1:$2</definedName>"))
        let card = try book.rows("评分标准")
        #expect(card[3]!.prefix(4) == ["及时响应（15秒内，含自动回复）", "流程合规性", "15", "0、5、10"])
        #expect(card[7] == ["未使用服务忌语", "话术规范性", "10", "0、10", "否决项"])
    }

    /// The conversation cell is built in place, line by line as the catalog writes a line,
    /// and cut where a cell ends (UTF-16 units, as Excel counts them).
    @Test func conversationLinesAreTheCatalogsInEitherLanguage() {
        let t0 = LocalDateTime(day: Day(year: 2026, month: 9, day: 5)!, hour: 14)!
        func utterance(_ n: Int, _ speaker: Speaker, _ text: String) -> Utterance {
            Utterance(
                seq: n, speaker: speaker, start: t0.adding(milliseconds: Int64(n) * 1_250),
                end: n % 2 == 0 ? t0.adding(milliseconds: Int64(n) * 1_300) : nil,
                text: text)
        }
        let short = [utterance(0, .agent, "您好"), utterance(1, .customer, "喂 😀"), utterance(2, .system, "auto reply")]
        let long = (0..<2_000).map { utterance($0, $0 % 3 == 0 ? .agent : .customer, "𠀀退款到哪了 \($0)") }
        for lang in Lang.allCases {
            for channel in [Channel.chat, .call] {
                for u in [short, long] {
                    // What the cell held before it was built in place.
                    var expected = "", length = 0
                    for (n, x) in u.enumerated() {
                        let time = channel == .call ? "\(x.start.clockText)–\(x.finish.clockText)" : x.start.clockText
                        let line = Catalog.QA.utteranceLine(time, Catalog.QA.speaker(x.speaker), x.text).text(lang)
                        let added = line.utf16.count + (expected.isEmpty ? 0 : 1)
                        if length + added > AuditWorkbook.cellLimit {
                            expected += "\n" + Catalog.QA.truncated(u.count - n).text(lang)
                            break
                        }
                        expected += (expected.isEmpty ? "" : "\n") + line
                        length += added
                    }
                    #expect(AuditWorkbook.conversation(u, channel: channel, lang: lang).text == expected)
                }
            }
        }
    }

    @Test func aWorkbookScoredInAnotherProgramRoundTrips() throws {
        let (w, path) = try exported()
        let scored = "\(w.dir)/scored.xlsx"
        try python(scoreScript, [path, scored])
        let r = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)
        #expect((r.scored, r.changed, r.withdrawn) == (3, 3, 0))
        let audits = try Store(path: w.db).read { db in
            try QAData.audits(db).values.map { a in
                (
                    try String.fetchOne(
                        db, sql: "SELECT external_id FROM transcripts WHERE id = ?", arguments: [a.transcript])!, a
                )
            }
        }.sorted { $0.0 < $1.0 }
        #expect(audits.map(\.0) == ["C1", "Q1", "Q2"])
        let card = try w.on("2026-10-15").qa().scorecard
        #expect(audits.map { card.score($0.1.scores)!.total } == [92.5, 90, 100])
        #expect(audits.map { card.score($0.1.scores)!.passed } == [true, false, true])
        #expect(audits.map(\.1.auditor) == ["何磊", "孙悦", "孙悦"])
        #expect(audits.map(\.1.comment) == ["冷场未提示", "用了服务忌语", nil])

        // The same file again changes nothing.
        let before = try w.snapshot()
        #expect(try ScoresImporter(workspace: try w.on("2026-10-16")).run(file: scored).unchanged)
        #expect(try w.snapshot() == before)

        // Exported again, the scores are filled in; clearing a row withdraws its audit.
        let again = "\(w.dir)/again.xlsx", cleared = "\(w.dir)/cleared.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-16")).export(period: september, to: again)
        let rows = try Workbook(again).rows("抽检评分")
        #expect(rows[6]![8...15].joined(separator: ",") == "10,10,10,10,0,10,10,10")
        #expect(rows[6]![16] == "90" && rows[6]![17] == "不合格" && rows[6]![18] == "孙悦")
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["抽检评分"]
            for r in range(3, ws.max_row + 1):
                if ws.cell(r, 2).value == "Q2":
                    for c in range(9, 17): ws.cell(r, c).value = None
                    ws.cell(r, 19).value = None
            wb.save(sys.argv[2])
            """#, [again, cleared])
        let w2 = try ScoresImporter(workspace: try w.on("2026-10-17")).run(file: cleared)
        #expect((w2.scored, w2.changed, w2.withdrawn) == (2, 0, 1))
        #expect(try w.count("audits") == 2)
    }

    @Test func aScoreThatIsNotAllowedImportsNothing() throws {
        let (w, path) = try exported()
        let scored = "\(w.dir)/scored.xlsx", bad = "\(w.dir)/bad.xlsx"
        try python(scoreScript, [path, scored])
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["抽检评分"]
            hr = 2
            col = {str(c.value).split("\n")[0]: c.column for c in ws[hr] if c.value}
            for r in range(hr + 1, ws.max_row + 1):
                tid = ws.cell(r, col["会话编号"]).value
                if tid == "Q2": ws.cell(r, col["主动确认客户需求"]).value = 7
                if tid == "C1": ws.cell(r, col["信息准确、无误导"]).value = None
                if tid == "C2": ws.cell(r, col["内部编号（勿改）"]).value = 999
                if tid == "C2": ws.cell(r, col["主动确认客户需求"]).value = 10
            wb.save(sys.argv[2])
            """#, [scored, bad])
        let before = try w.snapshot()
        do {
            _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: bad)
            Issue.record("imported")
        } catch let e as ResultsError {
            #expect(e.workbook == .audit)
            let byReason = e.problems.map {
                [$0.sheet, String($0.row), $0.column ?? "-", $0.value ?? "-", $0.reason.zh]
            }
            #expect(
                byReason.contains([
                    "抽检评分", String(e.problems.first { $0.value == "7" }!.row), "主动确认客户需求", "7", "不是允许的分值；可选：0、5、10",
                ]))
            #expect(e.problems.contains { $0.column == "信息准确、无误导" && $0.reason == Catalog.QA.incomplete })
            #expect(e.problems.contains { $0.reason == Catalog.QA.incomplete })
            #expect(e.problems.count == 3)
        }
        #expect(try w.snapshot() == before)
        // The unknown key: on its own, it is refused as not in the sample.
        let onlyKey = "\(w.dir)/key.xlsx"
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["抽检评分"]
            col = {str(c.value).split("\n")[0]: c.column for c in ws[2] if c.value}
            for r in range(3, ws.max_row + 1):
                if ws.cell(r, col["会话编号"]).value == "C2": ws.cell(r, col["内部编号（勿改）"]).value = 999
            wb.save(sys.argv[2])
            """#, [path, onlyKey])
        do {
            _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: onlyKey)
            Issue.record("imported")
        } catch let e as ResultsError {
            #expect(
                e.problems.map { [$0.column ?? "-", $0.value ?? "-", $0.reason.zh] } == [
                    ["内部编号（勿改）", "999", "这个会话不在抽检样本中"]
                ])
        }
        #expect(try w.snapshot() == before)
    }

    @Test func aKeyThatDoesNotMatchItsTranscriptIsRefused() throws {
        let (w, path) = try exported()
        let scored = "\(w.dir)/scored.xlsx", swapped = "\(w.dir)/swapped.xlsx"
        try python(scoreScript, [path, scored])
        // The keys of Q1 and C1 swapped, as a workbook of another database would have them.
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["抽检评分"]
            col = {str(c.value).split("\n")[0]: c.column for c in ws[2] if c.value}
            rows = {ws.cell(r, col["会话编号"]).value: r for r in range(3, ws.max_row + 1)}
            k = col["内部编号（勿改）"]
            a, b = ws.cell(rows["Q1"], k).value, ws.cell(rows["C1"], k).value
            ws.cell(rows["Q1"], k).value, ws.cell(rows["C1"], k).value = b, a
            wb.save(sys.argv[2])
            """#, [scored, swapped])
        let before = try w.snapshot()
        do {
            _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: swapped)
            Issue.record("imported")
        } catch let e as ResultsError {
            #expect(
                Set(e.problems.map(\.reason)) == [
                    Catalog.QA.keyMismatch("Q1", "C1"), Catalog.QA.keyMismatch("C1", "Q1"),
                ])
            #expect(e.problems.allSatisfy { $0.column == "内部编号（勿改）" })
        }
        #expect(try w.snapshot() == before)
    }

    @Test func twoCopiesOfTheAuditWorkbookThatDisagreeConflictUntilReplaced() throws {
        let (w, first) = try exported()
        let second = "\(w.dir)/audit-2.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: second)
        let scoredFirst = "\(w.dir)/scored-1.xlsx", scoredSecond = "\(w.dir)/scored-2.xlsx"
        try python(scoreScript, [first, scoredFirst])
        try python(
            scoreScript + "\n" + #"""
                wb = openpyxl.load_workbook(sys.argv[2]); ws = wb["抽检评分"]
                hr = next(r for r in range(1, 6) if "会话编号" in [c.value for c in ws[r]])
                col = {str(c.value).split("\n")[0]: c.column for c in ws[hr] if c.value}
                q1 = next(r for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, col["会话编号"]).value == "Q1")
                ws.cell(q1, col["未使用服务忌语"]).value = 10
                wb.save(sys.argv[2])
                """#, [second, scoredSecond])
        _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scoredFirst)
        let before = try w.snapshot()
        do {
            _ = try ScoresImporter(workspace: try w.on("2026-10-16")).run(file: scoredSecond)
            Issue.record("no conflict")
        } catch let e as ConflictError {
            #expect(e.workbook == .audit)
            #expect(e.conflicts.map { "\($0.column) \($0.recorded)→\($0.listed)" } == ["未使用服务忌语 0→10"])
        }
        #expect(try w.snapshot() == before)
        let r = try ScoresImporter(workspace: try w.on("2026-10-16")).run(file: scoredSecond, replace: true)
        #expect(r.replaced.count == 1 && r.changed == 1)
    }

    @Test func aWorkbookThatIsNotAnAuditWorkbookIsRefused() throws {
        let (w, _) = try exported()
        let other = "\(w.dir)/other.xlsx"
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.Workbook(); wb.active.append(["客户", "评分"]); wb.active.append(["张三", 5]); wb.save(sys.argv[1])
            """#, [other])
        #expect(throws: FileError(file: other, message: Catalog.QA.noBinding)) {
            try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: other)
        }
    }
}

@Suite("The QA report")
struct QAReportTests {
    @Test func detailFindingsAndSummaryAsTheSalesManagerReadsThem() throws {
        let w = try QAFixture.imported()
        try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let audit = "\(w.dir)/audit.xlsx", scored = "\(w.dir)/scored.xlsx", path = "\(w.dir)/qa.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: audit)
        try python(scoreScript, [audit, scored])
        _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)
        let r = try QAReport(workspace: try w.on("2026-10-15")).run(period: september, to: path)
        #expect((r.transcripts, r.audited, r.findings, r.checkedFirst) == (5, 3, 7, false))
        let book = try Workbook(path)
        #expect(book.sheets == ["质检汇总表", "质检明细表", "问题明细"])

        let s = try book.rows("质检汇总表")
        func row(_ label: String) -> [String]? { s.values.first { $0.first == label } }
        #expect(row("服务量")?[1] == "5")
        #expect(row("已抽检")?[1] == "5")
        #expect(row("已评分")?[1] == "3")
        #expect(row("发现问题数")?[1] == "7")
        #expect(close(row("合格率")?[1], 2.0 / 3.0))
        let header = s.values.first { $0.first == "客服" }!
        #expect(
            header == [
                "客服", "服务量", "已抽检", "已评分", "服务忌语（每百会话）", "静音未重复提示（每百会话）", "静音未致歉结束（每百会话）",
                "冷场（未接话）（每百会话）", "首次响应超时（每百会话）", "缺少问候语（每百会话）", "缺少结束语（每百会话）", "平均分", "合格率", "备注",
            ])
        // Fewer than five scored: the average and pass rate carry a note.
        let small = "已评分少于 5 个，平均分和合格率仅供参考"
        #expect(row("王敏") == ["王敏", "2", "2", "2", "50", "0", "0", "0", "50", "0", "50", "95", "0.5", small])
        let liu = row("刘洋")!
        #expect(
            Array(liu[0...4]) + [liu[8], liu[9], liu[11], liu[12]] == ["刘洋", "3", "3", "1", "0", "0", "0", "92.5", "1"])
        #expect([5, 6, 7, 10].allSatisfy { close(liu[$0], 100.0 / 3.0) })
        #expect(row("团队")?[1...3] == ["5", "5", "3"])
        #expect(close(row("团队")?[11], (90 + 100 + 92.5) / 3))
        #expect(row("团队")?[13] == small)
        // Common problems: shares of the three audited transcripts, largest first. An item and the check it
        // covers are one line (Q1 lost points on 未使用服务忌语 and the check found its 沒辦法), with both counts.
        #expect(close(row("使用了服务忌语")?[1], 1.0 / 3.0))
        #expect(row("使用了服务忌语")?[2...5] == ["1", "1", "1", "33.3% 的会话使用了服务忌语"])
        #expect(!s.values.contains { $0.first?.hasPrefix("在「未使用服务忌语」") == true })
        // Q2 replied after 15.001 s (found), C1 lost points on 及时响应: two transcripts, one line.
        #expect(row("首次响应超过15秒")?[2...4] == ["2", "1", "1"])
        #expect(!s.values.contains { $0.first?.hasPrefix("在「及时响应") == true })
        #expect(row("静音超过3秒未重复规范用语")?[2...4] == ["1", "1", ""])  // no item covers it
        #expect(row("未使用结束语")?[2...4] == ["1", "1", "0"])  // Q2's; C2 has one too but is not scored
        #expect(row("在「主动确认客户需求」一项失分") == nil)
        // The severity legend.
        #expect(row("2")?[1] == "较重：推诿、指责或质问，需辅导纠正")
        let charts = try book.part("xl/charts/chart1.xml") + book.part("xl/charts/chart2.xml")
        #expect(charts.contains("各客服平均分") && charts.contains("团队共性问题"))

        let d = try book.rows("质检明细表")
        #expect(d.count == 4)
        #expect(d[2]!.prefix(6) == ["1", "Q1", "聊天", "王敏", "2026-09-03 10:00:00", "孙悦"])
        #expect(d[2]![6] == "10:00:40 服务忌语：「沒辦法」（推诿）")
        #expect(
            Array(d[2]![7...18]) == ["10", "10", "10", "10", "0", "10", "10", "10", "90", "不合格", "未使用服务忌语", "用了服务忌语"])
        #expect(d.values.first { $0[1] == "C1" }![15...16] == ["92.5", "合格"])
        // Highlighted, live: 不合格, the critical failures' column, a critical item at its lowest score.
        let detail = try book.part("xl/worksheets/sheet2.xml")
        #expect(
            detail.contains(
                "<conditionalFormatting sqref=\"Q2:Q4\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"1\"><formula>Q2=\"不合格\"</formula>"
            ))
        #expect(
            detail.contains(
                "<conditionalFormatting sqref=\"R2:R4\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"2\"><formula>LEN(R2)&gt;0</formula>"
            ))
        #expect(detail.contains("<conditionalFormatting sqref=\"L2:L4\">"))

        let f = try book.rows("问题明细")
        #expect(f.count == 8)
        #expect(f[1] == ["序号", "规则", "客服", "会话编号", "渠道", "时间", "匹配内容", "位置", "上下文", "静音/延迟（秒）", "类别", "严重程度", "已抽检"])
        #expect(
            f[2] == [
                "1", "服务忌语", "王敏", "Q1", "聊天", "2026-09-03 10:00:40", "沒辦法", "第 4 句第 1–3 字", "沒辦法，系統就是這樣", "", "推诿",
                "2", "是",
            ])
        #expect(
            f[5]!.prefix(10) == [
                "4", "静音未重复提示", "刘洋", "C1", "电话", "2026-09-05 14:00:02", "静音 3.001 秒", "第 1 句", "您好，棉语家纺售后服务", "3.001",
            ])
    }

    @Test func inEnglish() throws {
        let w = try QAFixture.imported()
        let path = "\(w.dir)/qa-en.xlsx"
        let r = try QAReport(workspace: try w.on("2026-10-15", lang: .en)).run(period: september, to: path)
        #expect(r.checkedFirst && r.audited == 0)
        let book = try Workbook(path)
        #expect(book.sheets == ["QA summary", "QA detail", "Findings"])
        let f = try book.rows("Findings")
        #expect(f[2]!.prefix(4) == ["1", "banned phrase", "王敏", "Q1"])
        #expect(
            try book.rows("QA summary").values.contains {
                $0.first == "no sampled transcript has been scored in this period"
            })
    }
}

@Suite("QA configuration")
struct QAConfigurationTests {
    /// Writes a configuration file into the workspace's folder and loads the QA configuration.
    func load(_ w: TestWorkspace, _ name: String, _ text: String) throws -> Message? {
        try text.write(toFile: "\(w.dir)/spotcheck-config/\(name)", atomically: true, encoding: .utf8)
        do {
            _ = try w.on("2026-10-08").qa()
            return nil
        } catch let e as ConfigError {
            return e.message
        }
    }

    @Test func theRulesAreWordedWithTheConfiguredLimits() throws {
        let w = try TestWorkspace()
        let qa =
            #"{"silence_seconds": 5, "chat_first_response_seconds": 30, "greetings": ["您好"], "closings": ["再见"], "prompts": ["请讲"], "apologies": ["请您再拨"], "waits": ["稍等"]}"#
        try qa.write(toFile: "\(w.dir)/spotcheck-config/qa.json", atomically: true, encoding: .utf8)
        let config = try w.on("2026-10-08").qa()
        let limits = config.checks.rules
        #expect((limits.silenceMs, limits.responseMs) == (5000, 30000))
        let problems = [QARule.silenceReprompt, .deadAir, .firstResponse].map {
            Catalog.QA.ruleProblem($0, limits: limits)
        }
        #expect(problems.map(\.zh) == ["静音超过5秒未重复规范用语", "出现超过5秒的冷场", "首次响应超过30秒"])
        #expect(
            problems.map(\.en) == [
                "did not repeat the prompt after 5 s of silence", "left more than 5 s of dead air",
                "answered the first message after more than 30 s",
            ])
        // The scorecard's item names the limit with a placeholder; the default template does.
        #expect(config.scorecard.items.first { $0.id == "response" }?.name == "及时响应（30秒内，含自动回复）")
        #expect(
            try TestWorkspace().on("2026-10-08").qa().scorecard.items.first { $0.id == "response" }?.name
                == "及时响应（15秒内，含自动回复）")
        // Limits that are not whole seconds.
        #expect([3000, 2500, 250, 15000, 1050].map(Catalog.QA.seconds) == ["3", "2.5", "0.25", "15", "1.05"])
    }

    @Test func aBadFileSaysWhichFileWhichKeyAndWhy() throws {
        let w = try TestWorkspace()
        let dir = "\(w.dir)/spotcheck-config"
        #expect(
            try load(
                w, "scorecard.json",
                #"{"pass_mark": 80, "items": [{"id": "a", "name": "甲", "category": "c", "weight": 60, "allowed": [0, 10]}]}"#
            )
                == Catalog.Config.invalidValue(
                    "\(dir)/scorecard.json", "items", Catalog.Config.scorecard(.weightsAddUpTo(60))))
        #expect(
            try load(
                w, "scorecard.json",
                #"{"pass_mark": 80, "items": [{"id": "a", "name": "甲", "category": "c", "weight": 100, "allowed": [0, 10]}]}"#
            ) == nil)
        #expect(
            try load(
                w, "qa.json",
                #"{"sample_rate": 1.5, "greetings": [], "closings": [], "prompts": [], "apologies": [], "waits": []}"#)
                == Catalog.Config.invalidValue("\(dir)/qa.json", "sample_rate", "0–1"))
        try FileManager.default.removeItem(atPath: "\(dir)/qa.json")
        #expect(
            try load(w, "banned-phrases.json", #"{"phrases": [{"pattern": "不*", "category": "推诿", "severity": 1}]}"#)
                == Catalog.Config.invalidValue(
                    "\(dir)/banned-phrases.json", "phrases", Catalog.Config.phraseTooShort("不*")))
        try FileManager.default.removeItem(atPath: "\(dir)/banned-phrases.json")
        let roles = try load(w, "qa-columns.json", #"{"fields": {}, "roles": {"manager": ["主管"]}, "channels": {}}"#)
        #expect(roles?.zh == "配置文件 \(dir)/qa-columns.json 中「roles.manager」的值有误：无法识别的名称；可用：agent、customer、system")
    }
}
