import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Runs a Python script with Debian's python3 (which has python3-openpyxl).
func python(_ script: String, _ args: [String]) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-py-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = "\(dir)/edit.py"
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = [path] + args
    let err = Pipe()
    p.standardError = err
    try p.run()
    p.waitUntilExit()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard p.terminationStatus == 0 else { throw CallError(message: .init(stringLiteral: message)) }
}

extension Message {
    init(stringLiteral s: String) { self = Catalog.Context.data(s) }
}

/// Fills an exported list the way a person in a spreadsheet program would: rows re-sorted,
/// a column inserted in front, a date typed as text, a score as a number and one as text.
let fillScript = #"""
    import datetime, sys, openpyxl
    src, dst = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(src)
    ws = wb["回访名单"]
    ws.insert_cols(1)                        # an extra column, added by the caller
    ws.cell(1, 1).value = "备注（回访人自用）"
    col = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, col["序号"]).value: r for r in range(2, ws.max_row + 1)}
    def put(item, name, value): ws.cell(rows[item], col[name]).value = value
    put(1, "第1次拨打时间", datetime.datetime(2026, 11, 24, 10, 30)); put(1, "第1次结果", "已接通并评分"); put(1, "评分（1-5）", 5)
    put(1, "表扬", "客服很耐心"); put(1, "回访人", "李娜")
    put(2, "第1次拨打时间", "2026-11-24 09:10"); put(2, "第1次结果", "无人接听")
    put(2, "第2次拨打时间", "11-24 14:00");       put(2, "第2次结果", "关机")
    put(2, "第3次拨打时间", datetime.datetime(2026, 11, 25, 18, 30)); put(2, "第3次结果", "停机/空号")
    put(2, "已旺旺/短信留言", "是"); put(2, "回访人", "周敏")
    put(3, "第1次拨打时间", datetime.datetime(2026, 11, 24, 10, 0)); put(3, "第1次结果", "已接通并评分"); put(3, "评分（1-5）", "2")
    put(3, "建议/改进/不满意原因", "退款太慢"); put(3, "投诉处理", "升级处理（30分钟内回复）")
    put(3, "升级回复时间", datetime.datetime(2026, 11, 24, 10, 45)); put(3, "回访人", "李娜")
    put(4, "第1次拨打时间", datetime.datetime(2026, 11, 24, 11, 0)); put(4, "第1次结果", "接通后拒绝/挂机")
    # Re-sort the data rows: reverse their order.
    data = [[c.value for c in ws[r]] for r in range(2, ws.max_row + 1)]
    for i, values in enumerate(reversed(data)):
        for j, v in enumerate(values):
            ws.cell(2 + i, 1 + j).value = v
    wb.save(dst)
    """#

@Suite("Reading back the filled call list")
struct ResultsTests {
    func exported(_ w: TestWorkspace) throws -> String {
        let path = "\(w.dir)/list.xlsx"
        _ = try CallListExporter(workspace: try w.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: path)
        return path
    }

    @Test func aListEditedByAnotherProgramRoundTrips() throws {
        let w = try drawnWorkspace()
        let filled = "\(w.dir)/filled.xlsx"
        try python(fillScript, [try exported(w), filled])
        let r = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: filled)
        #expect((r.filledRows, r.added, r.removed, r.casesUpdated) == (4, 6, 0, 4))
        #expect(r.newlyInPlay.map(\.item) == [51])
        let m = try month(w)
        #expect(m.cases[0].status == .scored(5))
        #expect(m.cases[0].caseRow?.praise == "客服很耐心")
        #expect(m.cases[0].caller == "李娜")
        #expect(m.cases[1].status == .unreachable)
        #expect(
            m.cases[1].attempts.map(\.attemptAt.stamp) == [
                "2026-11-24 09:10:00", "2026-11-24 14:00:00", "2026-11-25 18:30:00",
            ])
        #expect(m.cases[2].status == .scored(2))
        #expect(
            m.cases[2].escalation
                == .late(
                    due: try DateText.parse("2026-11-24 10:30")!.moment,
                    repliedAt: try DateText.parse("2026-11-24 10:45")!.moment))
        #expect(m.cases[3].status == .refused)
        #expect(m.reservesInPlay == [51])

        // The same file again changes nothing.
        let before = try w.snapshot()
        let again = try ResultsImporter(workspace: try w.on("2026-12-01")).run(file: filled)
        #expect(again.unchanged)
        #expect(try w.snapshot() == before)
    }

    @Test func aCorrectedListWithdrawsTheAttemptItNoLongerHas() throws {
        let w = try drawnWorkspace()
        let filled = "\(w.dir)/filled.xlsx", corrected = "\(w.dir)/corrected.xlsx"
        try python(fillScript, [try exported(w), filled])
        _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: filled)
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["回访名单"]
            col = {c.value: c.column for c in ws[1]}
            for r in range(2, ws.max_row + 1):
                if ws.cell(r, col["序号"]).value == 2:
                    ws.cell(r, col["第3次拨打时间"]).value = None
                    ws.cell(r, col["第3次结果"]).value = None
            wb.save(sys.argv[2])
            """#, [filled, corrected])
        let r = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: corrected)
        #expect((r.added, r.removed) == (0, 1))
        #expect(try month(w).cases[1].status == .open)
    }

    @Test func aCellThatCannotBeUnderstoodImportsNothing() throws {
        let w = try drawnWorkspace()
        let bad = "\(w.dir)/bad.xlsx"
        try python(
            #"""
            import sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["回访名单"]
            col = {c.value: c.column for c in ws[1]}
            ws.cell(2, col["第1次拨打时间"]).value = datetime.datetime(2026, 11, 24, 10, 0)
            ws.cell(2, col["第1次结果"]).value = "已接通并评分"
            ws.cell(2, col["评分（1-5）"]).value = 7
            ws.cell(3, col["第1次拨打时间"]).value = "明天上午"
            ws.cell(3, col["第1次结果"]).value = "无人接听"
            ws.cell(4, col["第1次结果"]).value = "打不通"
            ws.cell(4, col["第1次拨打时间"]).value = datetime.datetime(2026, 11, 24, 10, 0)
            ws.cell(5, col["已旺旺/短信留言"]).value = "也许"
            ws.cell(5, col["第1次拨打时间"]).value = datetime.datetime(2026, 11, 24, 10, 0)
            wb.save(sys.argv[2])
            """#, [try exported(w), bad])
        let before = try w.snapshot()
        do {
            _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: bad)
            Issue.record("the import should fail")
        } catch let e as ResultsError {
            let lines = e.problems.map {
                Catalog.Calls.listProblem(
                    sheet: $0.sheet, row: $0.row, column: $0.column, value: $0.value, reason: $0.reason
                ).zh
            }
            #expect(
                lines == [
                    "工作表「回访名单」第 2 行，列「评分（1-5）」，值「7」：评分必须是 1 到 5 的整数",
                    "工作表「回访名单」第 3 行，列「第1次拨打时间」，值「明天上午」：需要日期和时间，例如 2026-11-24 10:30",
                    "工作表「回访名单」第 4 行，列「第1次结果」，值「打不通」：无法识别的拨打结果；可选：无人接听、占线/通话中、关机、停机/空号、拒接（未接通）、接通后拒绝/挂机、已接通并评分",
                    "工作表「回访名单」第 5 行，列「第1次结果」：填写了拨打时间但没有拨打结果",
                    "工作表「回访名单」第 5 行，列「已旺旺/短信留言」，值「也许」：请填写“是”或“否”",
                ])
        }
        #expect(try w.snapshot() == before)
    }

    @Test func anAttemptAfterNowOrBeforeTheWindowIsARowProblem() throws {
        let w = try drawnWorkspace()
        let bad = "\(w.dir)/dates.xlsx"
        try python(
            #"""
            import sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["回访名单"]
            col = {c.value: c.column for c in ws[1]}
            ws.cell(2, col["第1次拨打时间"]).value = datetime.datetime(2026, 12, 1, 0, 1)
            ws.cell(2, col["第1次结果"]).value = "无人接听"
            ws.cell(3, col["第1次拨打时间"]).value = datetime.datetime(2026, 11, 30, 23, 59)
            ws.cell(3, col["第1次结果"]).value = "无人接听"
            ws.cell(3, col["第2次拨打时间"]).value = "2025-11-28 10:00"
            ws.cell(3, col["第2次结果"]).value = "无人接听"
            ws.cell(4, col["第1次拨打时间"]).value = datetime.datetime(2026, 10, 27, 9, 0)
            ws.cell(4, col["第1次结果"]).value = "无人接听"
            wb.save(sys.argv[2])
            """#, [try exported(w), bad])
        let before = try w.snapshot()
        do {
            _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: bad)
            Issue.record("the import should fail")
        } catch let e as ResultsError {
            let lines = e.problems.map {
                Catalog.Calls.listProblem(
                    sheet: $0.sheet, row: $0.row, column: $0.column, value: $0.value, reason: $0.reason
                ).zh
            }
            #expect(
                lines == [
                    "工作表「回访名单」第 2 行，列「第1次拨打时间」，值「2026-12-01 00:01:00」：拨打时间 2026-12-01 00:01 晚于现在（2026-11-30）：还没有发生的拨打不能记录；请检查日期",
                    "工作表「回访名单」第 3 行，列「第2次拨打时间」，值「2025-11-28 10:00」：拨打时间 2025-11-28 10:00 早于 2026-11 抽查窗口（2026-10-27 至 2026-11-26）的开始：那时本月的客户还没有抽出；请检查日期",
                ])
        }
        #expect(try w.snapshot() == before)
    }

    @Test func aListOfAReplacedDrawIsRefused() throws {
        let w = try drawnWorkspace()
        let list = try exported(w)
        try w.draw("2026-11", seed: 4, redraw: true)
        do {
            _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(file: list)
            Issue.record("no error")
        } catch let e as FileError {
            #expect(e.message == Catalog.Calls.drawReplaced(1, month: "2026-11", seed: "3", by: 2))
        }
    }

    @Test func aWorkbookWithoutTheListIsRefused() throws {
        let w = try drawnWorkspace()
        do {
            _ = try ResultsImporter(workspace: try w.on("2026-11-30")).run(
                file: "\(fixtures)/openpyxl-after-sales.xlsx")
            Issue.record("no error")
        } catch let e as FileError {
            #expect(e.message == Catalog.Calls.noBinding)
        }
    }
}
