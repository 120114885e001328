import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Fills rows of a list by customer name: `name=col:value;col:value|name=...`. Optional
/// `--reverse` re-sorts the data rows, `--delete NAME` deletes a row, `--swap-names A,B`
/// swaps the customer cells of two rows (a sort applied to one column only).
let fillByName = #"""
    import datetime, sys, openpyxl
    src, dst, spec = sys.argv[1], sys.argv[2], sys.argv[3]
    opts = sys.argv[4:]
    wb = openpyxl.load_workbook(src)
    ws = wb["回访名单"]
    col = {c.value: c.column for c in ws[1]}
    def row_of(name):
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, col["客户"]).value == name: return r
        raise SystemExit("no row " + name)
    for part in filter(None, spec.split("|")):
        name, cells = part.split("=", 1)
        r = row_of(name)
        for pair in cells.split(";"):
            k, v = pair.split(":", 1)
            if k.endswith("时间") and v:
                v = datetime.datetime.strptime(v, "%Y-%m-%d %H.%M")
            elif k == "评分（1-5）" and v:
                v = int(v)
            ws.cell(r, col[k]).value = v if v != "" else None
    if "--swap-names" in opts:
        a, b = opts[opts.index("--swap-names") + 1].split(",")
        ra, rb = row_of(a), row_of(b)
        c = col["客户"]
        ws.cell(ra, c).value, ws.cell(rb, c).value = b, a
    if "--delete" in opts:
        ws.delete_rows(row_of(opts[opts.index("--delete") + 1]))
    if "--reverse" in opts:
        data = [[c.value for c in ws[r]] for r in range(2, ws.max_row + 1)]
        for i, values in enumerate(reversed(data)):
            for j, v in enumerate(values):
                ws.cell(2 + i, 1 + j).value = v
    wb.save(dst)
    """#

@Suite("Filled workbooks belong to their workspace and draw")
struct RoundTripTests {
    let november = YearMonth(parsing: "2026-11")!

    func export(_ w: TestWorkspace, _ name: String = "list.xlsx", today: String = "2026-11-25") throws -> String {
        let path = "\(w.dir)/\(name)"
        _ = try CallListExporter(workspace: try w.on(today)).run(month: november, to: path)
        return path
    }

    func fill(_ list: String, _ spec: String, _ options: [String] = []) throws -> String {
        let out = list.replacingOccurrences(of: ".xlsx", with: "-filled.xlsx")
        try python(fillByName, [list, out, spec] + options)
        return out
    }

    func importList(_ w: TestWorkspace, _ file: String, replace: Bool = false) throws -> ResultsImporter.Outcome {
        try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: file, replace: replace)
    }

    @Test func aListOfAnotherWorkspaceIsRefusedNamingItsMonthAndSeed() throws {
        let a = try drawnWorkspace(), b = try drawnWorkspace()
        let filled = try fill(try export(a), "客户1=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:5;表扬:很好")
        let before = try b.snapshot()
        #expect(throws: FileError(file: filled, message: Catalog.Calls.otherWorkspace(month: "2026-11", seed: "3"))) {
            try importList(b, filled)
        }
        #expect(try b.snapshot() == before)
    }

    @Test func reSortedFilteredAndPartlyDeletedListsApplyEachRowToItsOwnCustomer() throws {
        let w = try drawnWorkspace()
        let list = try export(w)
        let names = try month(w).cases.prefix(3).map { $0.context.name! }
        let spec =
            "\(names[0])=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:5;表扬:耐心|"
            + "\(names[2])=第1次拨打时间:2026-11-24 11.00;第1次结果:已接通并评分;评分（1-5）:2"
        let filled = try fill(list, spec, ["--delete", names[1], "--reverse"])
        let r = try importList(w, filled)
        #expect((r.filledRows, r.added) == (2, 2))
        let cases = try month(w).cases
        #expect(cases[0].context.name == names[0] && cases[0].status == .scored(5) && cases[0].caseRow?.praise == "耐心")
        #expect(cases[1].status == .open && cases[1].attempts.isEmpty)
        #expect(cases[2].context.name == names[2] && cases[2].status == .scored(2))
    }

    @Test func aRowWhoseVisibleCustomerIsNotItsKeysIsRefusedBySheetRowAndColumn() throws {
        let w = try drawnWorkspace()
        let names = try month(w).cases.prefix(2).map { $0.context.name! }
        let filled = try fill(
            try export(w), "\(names[0])=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:5",
            ["--swap-names", "\(names[0]),\(names[1])"])
        let before = try w.snapshot()
        do {
            _ = try importList(w, filled)
            Issue.record("no error")
        } catch let e as ResultsError {
            #expect(
                e.problems == [
                    .init(
                        sheet: "回访名单", row: 2, column: "客户", value: names[1],
                        reason: Catalog.Calls.rowMoved(expected: names[0], item: 1))
                ])
        }
        #expect(try w.snapshot() == before)
    }

    @Test func whatWasRecordedSinceTheExportIsAConflictNotOverwritten() throws {
        let w = try drawnWorkspace()
        let list = try export(w)
        let name = try month(w).cases[0].context.name!
        // Recorded with `spotcheck call` after the list went out: scored 4.
        try call(w, 1, "2026-11-26 10:00", .scored, score: 4)
        // The list comes back with an earlier no-answer on that row and no score.
        let filled = try fill(list, "\(name)=第1次拨打时间:2026-11-24 09.10;第1次结果:无人接听")
        let before = try w.snapshot()
        do {
            _ = try importList(w, filled)
            Issue.record("no error")
        } catch let e as ConflictError {
            #expect(
                e.conflicts == [
                    .init(
                        sheet: "回访名单", row: 2, column: "拨打记录", recorded: "2026-11-26 10:00 已接通并评分", listed: "（名单中没有）"),
                    .init(sheet: "回访名单", row: 2, column: "评分（1-5）", recorded: "4", listed: "（空）"),
                    .init(sheet: "回访名单", row: 2, column: "回访人", recorded: "李娜", listed: "（空）"),
                ])
        }
        #expect(try w.snapshot() == before)
        #expect(try month(w).cases[0].status == .scored(4))

        // --replace applies the list and says what it replaced.
        let r = try importList(w, filled, replace: true)
        #expect(r.replaced.map(\.column) == ["拨打记录", "评分（1-5）", "回访人"])
        #expect(
            try month(w).cases[0].attempts.map { "\($0.attemptAt) \($0.result.rawValue)" } == [
                "2026-11-24 09:10:00 no-answer"
            ])
    }

    @Test func aListExportedAfterACallShowsItAndAddsToItWithoutConflict() throws {
        let w = try drawnWorkspace()
        try call(w, 1, "2026-11-24 09:10", .noAnswer)
        let list = try export(w)
        let row = try Workbook(list).cells("回访名单")[2]!
        #expect(row[CallListColumn.attemptTime(1).index].text == "2026-11-24 09:10:00")
        #expect(row[CallListColumn.attemptResult(1).index] == .text("无人接听"))
        #expect(row[CallListColumn.caller.index] == .text("李娜"))
        // Imported untouched, it changes nothing.
        let before = try w.snapshot()
        #expect(try importList(w, list).unchanged)
        #expect(try w.snapshot() == before)
        // The caller adds the second attempt.
        let name = try month(w).cases[0].context.name!
        let filled = try fill(list, "\(name)=第2次拨打时间:2026-11-25 14.00;第2次结果:已接通并评分;评分（1-5）:4")
        let r = try importList(w, filled)
        #expect((r.added, r.removed, r.replaced.count) == (1, 0, 0))
        #expect(try month(w).cases[0].status == .scored(4))
    }

    @Test func anAttemptTheListHadNoRoomForIsKept() throws {
        let w = try drawnWorkspace()
        for (day, hour) in [(20, 9), (20, 14), (21, 9), (21, 14), (22, 9), (22, 14)] {
            try call(w, 1, "2026-11-\(day) \(hour):00", .busy)
        }
        let list = try export(w)
        #expect(try importList(w, list).unchanged)
        #expect(try month(w).cases[0].attempts.count == 6)
    }

    @Test func twoCopiesOfTheListThatDisagreeConflict() throws {
        let w = try drawnWorkspace()
        let a = try export(w, "a.xlsx"), b = try export(w, "b.xlsx")
        let name = try month(w).cases[0].context.name!
        _ = try importList(w, try fill(a, "\(name)=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:5"))
        let other = try fill(b, "\(name)=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:3")
        do {
            _ = try importList(w, other)
            Issue.record("no error")
        } catch let e as ConflictError {
            #expect(e.conflicts == [.init(sheet: "回访名单", row: 2, column: "评分（1-5）", recorded: "5", listed: "3")])
        }
        // The first copy, corrected by its own caller, is not a conflict.
        let corrected = try fill(a, "\(name)=第1次拨打时间:2026-11-24 10.30;第1次结果:已接通并评分;评分（1-5）:4")
        #expect(try importList(w, corrected).replaced.isEmpty)
        #expect(try month(w).cases[0].status == .scored(4))
    }

    @Test func aRedrawRefusesWhileCallsAreRecordedUnlessTheyAreDiscarded() throws {
        let w = try drawnWorkspace()
        try call(w, 1, "2026-11-24 09:10", .noAnswer)
        try call(w, 2, "2026-11-24 09:20", .scored, score: 5)
        let before = try w.snapshot()
        #expect(throws: DrawError.callsRecorded(month: november, attempts: 2, cases: 2)) {
            try w.draw("2026-11", seed: 9, redraw: true)
        }
        #expect(try w.snapshot() == before)
        let s = try MonthlyDraw(workspace: try w.on("2026-11-25"))
            .run(.init(month: november, seed: 9, redraw: true, discardCalls: true, drawnBy: "测试"))
        #expect((s.discardedAttempts, s.discardedCases, s.replaces) == (2, 2, 1))
    }
}

@Suite("Private numbers in free text")
struct PrivateTextInSheetsTests {
    @Test func theManagersDetailSheetMasksPhonesAndIDsInTheSituationUnlessAsked() throws {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "a.csv",
                    [afterSalesHeader]
                        + (1...55).map {
                            "客户\($0),139\(String(format: "%08d", $0)),buyer\($0),\(800 + $0),羽绒被,2026-10-01,"
                                + "客户留了电话 138 1234 5678 和身份证 11010519491231002X，订单 3612345678901234567,张婷,2026-11-05"
                        })
            ])
        try w.draw("2026-11", seed: 3)
        let path = "\(w.dir)/r.xlsx"
        _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: false)
        let detail = try Workbook(path).rows("服务抽查明细表")
        let situation = detail[1]!.firstIndex(of: "情况")!
        #expect(detail[2]![situation] == "【售后】客户留了电话 138****5678 和身份证 110***********002X，订单 3612345678901234567")
        let shown = "\(w.dir)/full.xlsx"
        _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: shown, showPhones: true)
        #expect(try Workbook(shown).rows("服务抽查明细表")[2]![situation].contains("138 1234 5678 和身份证 11010519491231002X"))
    }

    @Test func theDatabaseAndTheRejectsFileAreTheOwnersOnlyAndRejectsCannotRunAsFormulas() throws {
        let w = try TestWorkspace()
        var st = stat()
        #expect(stat(w.db, &st) == 0 && st.st_mode & 0o777 == 0o600)
        let file = w.csv(
            "bad.csv",
            [
                afterSalesHeader,
                "客户1,13900000001,buyer1,801,羽绒被,2026-10-01,好,张婷,2026-11-05",
                "\"=HYPERLINK(\"\"http://x\"\")\",+1+1,@SUM(A1),801,羽绒被,不是日期,好,张婷,2026-11-05",
            ])
        let report = try w.importFiles(.afterSales, [file], skipBad: true)
        let rejects = try #require(report.files.first?.rejectsFile)
        #expect(stat(rejects, &st) == 0 && st.st_mode & 0o777 == 0o600)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        let row = text.split(separator: "\r\n")[1]
        #expect(row.hasPrefix("3,\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,'@SUM(A1),801,"))
    }
}
