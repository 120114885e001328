import Foundation
import SpotCheckCore
import SpotCheckFormats
import Testing

@testable import SpotCheckKit

/// Uploads of several files (the workbench): the kind told by the headers, and one import
/// for them all.
@Suite("Several files at once: their kinds from the headers, imported all or nothing")
struct ImportBatchTests {
    /// Every sheet and export of the demo shop, with the kind the manifest imports it as.
    func manifestFiles() throws -> [(kind: String, path: String)] {
        struct Manifest: Decodable {
            struct File: Decodable { var kind: String; var file: String }
            struct Month: Decodable { var files: [File] }
            var months: [Month]
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(samples)/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data).months.flatMap(\.files).map {
            ($0.kind, "\(samples)/\($0.file)")
        }
    }

    @Test func everySampleSheetIsGuessedAsTheKindItIsImportedAs() throws {
        let t = try TestWorkspace()
        let columns = try t.on("2026-10-26").config.columns
        let files = try manifestFiles()
        #expect(files.count == 18)
        for (kind, path) in files {
            let guess = try SheetKindGuess.guess(path: path, columns: columns)
            #expect(guess.kind?.rawValue == kind, "\(path)")
        }
    }

    @Test func headersThatFitNoKindGiveNoGuess() throws {
        let t = try TestWorkspace()
        let columns = try t.on("2026-10-26").config.columns
        let notes = t.csv("备忘.csv", ["日期,事项", "2026-10-01,盘点"])
        #expect(try SheetKindGuess.guess(path: notes, columns: columns).kind == nil)
        // A review date alone is no review sheet: nobody to call.
        let dates = t.csv("评价日期.csv", ["评价时间,评价内容", "2026-10-01,好"])
        #expect(try SheetKindGuess.guess(path: dates, columns: columns).kind == nil)
        let renamed = "\(t.dir)/假的.xlsx"
        try "客户,手机号".write(toFile: renamed, atomically: true, encoding: .utf8)
        #expect(throws: FileError.self) { try SheetKindGuess.guess(path: renamed, columns: columns) }
    }

    @Test func aBadRowInOneFileImportsNoneOfTheOthersAndListsEveryProblem() throws {
        let t = try TestWorkspace()
        let ws = try t.on("2026-10-26")
        let bad = t.csv(
            "售后.csv",
            [afterSalesHeader, "张三,13800138000,zs001,4001,枕头,2026-10-01,漏发,王敏,2026-10-45"])
        let unreadable = t.csv("备忘.csv", ["日期,事项", "2026-10-01,盘点"])
        let before = try t.snapshot()
        let files: [ImportBatch.File] = [
            .init(path: "\(samples)/2026-10/淘宝-ExportOrderList202610251000.csv", kind: .orders),
            .init(path: "\(samples)/2026-10/快递异常登记表.xlsx", kind: .courier),
            .init(path: bad, kind: .afterSales), .init(path: unreadable, kind: .reviews),
        ]
        let e = try #require(throws: ImportBatchError.self) {
            try ImportBatch(workspace: ws).run(files, month: YearMonth(parsing: "2026-10"))
        }
        #expect(e.totalBadRows == 1 && e.files.map(\.file) == [unreadable])
        #expect(e.issues.map(\.file) == [bad] && e.issues.first?.issue.row == 2)
        #expect(e.issues.first?.issue.column == "处理日期" && e.issues.first?.issue.value == "2026-10-45")
        #expect(e.messages.first?.zh == "1 个文件无法读取，1 行数据有误：所有文件都未导入（数据库未改变）。修正后重新上传")
        #expect(try t.snapshot() == before)

        let good = try ImportBatch(workspace: ws).run(Array(files.prefix(2)), month: YearMonth(parsing: "2026-10"))
        #expect(good.orders?.files.first?.new ?? 0 > 0)
        #expect(good.sheets.map(\.kind) == [.courier] && good.sheets[0].files[0].new > 0)
    }
}
