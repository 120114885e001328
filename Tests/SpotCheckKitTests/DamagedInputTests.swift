import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Values that used to trap (issue 7): they are bad values, named like any other.
@Suite("Absurd values in input files are named, never a crash")
struct DamagedInputTests {
    @Test func integersFromCellsRefuseWhatNoIntHolds() {
        #expect(FilledWorkbook.integer(.number(1e20)) == nil)
        #expect(FilledWorkbook.integer(.number(.nan)) == nil)
        #expect(FilledWorkbook.integer(.date(.infinity)) == nil)
        #expect(FilledWorkbook.integer(.number(-1e300)) == nil)
        #expect(FilledWorkbook.integer(.number(2.5)) == nil)
        #expect(FilledWorkbook.integer(.number(51)) == 51)
        #expect(FilledWorkbook.integer(.text("99999999999999999999")) == nil)
        #expect(FilledWorkbook.score(.number(1e20)) == nil && FilledWorkbook.score(.number(.nan)) == nil)
    }

    @Test func aHugeNumberInTheItemAndDrawColumnsIsARowError() throws {
        let w = try drawnWorkspace()
        let list = "\(w.dir)/list.xlsx", bad = "\(w.dir)/bad.xlsx"
        _ = try CallListExporter(workspace: try w.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: list)
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["回访名单"]
            col = {c.value: c.column for c in ws[1]}
            ws.cell(2, col["客户键"]).value = 1e20
            ws.cell(2, col["第1次拨打时间"]).value = "2026-11-24 10:30"; ws.cell(2, col["第1次结果"]).value = "无人接听"
            ws.cell(3, col["第1次拨打时间"]).value = 1e20; ws.cell(3, col["第1次结果"]).value = "无人接听"
            ws.cell(3, col["第1次拨打时间"]).number_format = "yyyy-mm-dd hh:mm"
            wb.save(sys.argv[2])
            """#, [list, bad])
        let before = try w.snapshot()
        do {
            _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: bad)
            Issue.record("the import should fail")
        } catch let e as ResultsError {
            #expect(e.problems.map(\.row) == [2, 3])
            #expect(e.problems.map(\.column) == ["客户键", "第1次拨打时间"])
            #expect(e.problems.map(\.reason) == [Catalog.Calls.badKey, Catalog.Calls.needTime])
        } catch let e as FileError {
            Issue.record("a file problem instead of the rows: \(e.message.en)")
        }
        #expect(try w.snapshot() == before)
    }

    @Test func anOffsetNoTimeCanHoldIsABadTime() throws {
        let w = try TestWorkspace()
        let lines = [
            #"{"id":"N1","agent":"刘洋","channel":"call","started_at":"2026-09-05 14:00:00","utterances":[{"role":"坐席","start":1e20,"end":2,"text":"您好"}]}"#,
            #"{"id":"N2","agent":"刘洋","channel":"call","started_at":"2026-09-05 14:00:00","utterances":[{"role":"坐席","start":"NaN","end":"inf","text":"您好"}]}"#,
        ]
        do {
            try importTranscripts(w, [w.csv("n.jsonl", lines)], channel: .call)
            Issue.record("imported")
        } catch let e as ImportError {
            #expect(e.issues.map(\.issue.row) == [1, 2])
            #expect(e.issues.map(\.issue.column) == ["utterances[0].start", "utterances[0].start"])
            #expect(e.issues.map(\.issue.reason) == [Catalog.QA.badTime, Catalog.QA.badTime])
        }
        #expect(try w.count("transcripts") == 0)
    }

    @Test func aByteThatIsNotUTF8FarIntoJSONLinesIsRefusedNotReplaced() throws {
        // Found by Scripts/fuzz: a UTF-8 transcript file with one bad byte after its first lines
        // was imported with U+FFFD in place of the text.
        let w = try TestWorkspace()
        let path = "\(repositoryRoot)/Tests/Fixtures/fuzz/regress-bad-utf8-late.jsonl"
        do {
            try importTranscripts(w, [path], channel: .call)
            Issue.record("imported")
        } catch let e as FileError {
            #expect(e.message.en.hasPrefix("cannot be read as UTF-8 (at byte "))
        }
        #expect(try w.count("transcripts") == 0)
    }

    @Test func jsonLinesWithInvalidUTF8IsRefused() throws {
        let w = try TestWorkspace()
        let path = "\(w.dir)/bad.jsonl"
        let line = Array(#"{"id":"B1","agent":"刘"#.utf8) + [0xFF] + Array(#"洋","utterances":[]}"#.utf8) + [0x0A]
        try Data(line).write(to: URL(fileURLWithPath: path))
        // Not UTF-8, and not GB18030 either (0xFF starts no GB18030 character).
        #expect(throws: FileError(file: path, message: Catalog.File.badEncoding("GB18030", offset: 22))) {
            try importTranscripts(w, [path], channel: .call)
        }
    }
}
