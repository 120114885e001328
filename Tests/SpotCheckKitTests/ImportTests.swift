import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("Sheet import")
struct ImportTests {
    @Test func importsAHandMadeSheetWithItsMess() throws {
        let w = try TestWorkspace()
        let file = w.csv(
            "售后.csv",
            [
                "2026年11月售后问题处理表",
                afterSalesHeader,
                "张丽,138 1234 5678,tb_lily,=\"3612345678901234567\",纯棉四件套,2026/10/20,尺码不符退换,小王,2026-11-03",
                ",,,,,,,,",
                "李强,139****1111,liqiang88,'3612345678901234568,羽绒被,2026年10月1日,\"质量问题,要求退款\",小张,2026年11月5日 14:30",
                "王芳,+86 137-0000-1111,,3612345678901234569,枕芯,,物流破损,小王,2026-11-10",
            ])
        let report = try w.importFiles(.afterSales, [file])
        #expect(report.files.count == 1)
        let f = report.files[0]
        #expect((f.read, f.new, f.known, f.blank, f.rejected) == (3, 3, 0, 1, 0))
        #expect(f.format == "CSV UTF-8")
        #expect(report.customers == 3)
        let r = try w.records()
        #expect(r.map { $0["name"] } == ["张丽", "李强", "王芳"])
        #expect(r.map { $0["phone"] } == ["13812345678", "139****1111", "13700001111"])
        #expect(r.map { $0["order_no"] } == ["3612345678901234567", "3612345678901234568", "3612345678901234569"])
        #expect(r.map { $0["purchase_at"] } == ["2026-10-20", "2026-10-01", nil])
        #expect(r.map { $0["handled_at"] } == ["2026-11-03", "2026-11-05 14:30:00", "2026-11-10"])
        #expect(r.map { $0["situation"] } == ["尺码不符退换", "质量问题,要求退款", "物流破损"])
        let nov3 = Day(year: 2026, month: 11, day: 3)!.ordinal
        #expect(r[0]["event_day"] == String(nov3))
    }

    @Test func sameContentTwiceChangesNothing() throws {
        let w = try TestWorkspace()
        let file = w.csv("a.csv", [afterSalesHeader, "张丽,13812345678,tb_lily,1,四件套,2026-10-20,换货,小王,2026-11-03"])
        try w.importFiles(.afterSales, [file])
        let before = try w.snapshot()
        let again = try w.importFiles(.afterSales, [file])
        #expect(again.unchanged)
        #expect(again.files[0].known == 1 && again.files[0].new == 0)
        #expect(try w.snapshot() == before)
        // A later export with one more row adds just that row.
        let more = w.csv(
            "b.csv",
            [
                afterSalesHeader, "张丽,13812345678,tb_lily,1,四件套,2026-10-20,换货,小王,2026-11-03",
                "李强,13900001111,lq,2,枕芯,2026-10-21,退款,小张,2026-11-04",
            ])
        let third = try w.importFiles(.afterSales, [more])
        #expect((third.files[0].new, third.files[0].known) == (1, 1))
        #expect(try w.count("records") == 2)
    }

    @Test func aBadRowImportsNothingAndNamesRowColumnValueAndReason() throws {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales, [w.csv("ok.csv", [afterSalesHeader, "赵敏,13911112222,zm,9,枕,2026-10-01,少件,小王,2026-11-01"])])
        let before = try w.snapshot()
        let file = w.csv(
            "bad.csv",
            [
                afterSalesHeader,
                "张丽,13812345678,tb_lily,1,四件套,2026-10-20,换货,小王,2026-11-03",
                "李强,13900001111,lq,2,枕芯,2026-10-21,退款,小张,2026-13-04",
                "王芳,1.38123E+10,wf,3,被子,2026-10-22,破损,小王,2026-11-05",
                "孙丽,13600001111,sl,4,床笠,2026-02-30,退货,小王,2026-11-06",
                ",,,,四件套,2026-10-20,换货,小王,2026-11-07",
                "周杰,13500001111,zj,5,枕头,2026-10-20,换货,小王,",
            ])
        do {
            try w.importFiles(.afterSales, [file])
            Issue.record("the import should fail")
        } catch let e as ImportError {
            #expect(e.totalBadRows == 5)
            let lines = e.issues.map {
                Catalog.Import.rowProblem(
                    file: "bad.csv", row: $0.issue.row, column: $0.issue.column, value: $0.issue.value,
                    reason: $0.issue.reason
                ).zh
            }
            #expect(
                lines == [
                    "bad.csv 第 3 行，列「处理日期」，值「2026-13-04」：日期不存在",
                    "bad.csv 第 4 行，列「手机号」，值「1.38123E+10」：手机号被 Excel 显示成科学计数法，后几位已丢失；请把该列设为文本后重新导出",
                    "bad.csv 第 5 行，列「购买日期」，值「2026-02-30」：日期不存在",
                    "bad.csv 第 6 行：买家ID、手机号、订单号都为空，无法识别客户",
                    "bad.csv 第 7 行，列「处理日期」：日期为空，无法确定属于哪个月",
                ])
        }
        #expect(try w.snapshot() == before)
    }

    @Test func skipBadImportsTheGoodRowsAndWritesTheRejects() throws {
        let w = try TestWorkspace()
        let file = w.csv(
            "售后-11.csv",
            [
                afterSalesHeader,
                "张丽,13812345678,tb_lily,1,四件套,2026-10-20,换货,小王,2026-11-03",
                "李强,13900001111,lq,2,枕芯,2026-10-21,退款,小张,2026-13-04",
                "王芳,13700001111,wf,3,被子,2026-10-22,破损,小王,2026-11-05",
            ])
        let report = try w.importFiles(.afterSales, [file], skipBad: true)
        #expect((report.files[0].new, report.files[0].rejected) == (2, 1))
        let rejects = report.files[0].rejectsFile!
        #expect(rejects == "\(w.dir)/售后-11.rejects.csv")
        var rows: [[String]] = []
        try CSVReader(path: rejects).forEachRow { _, f in rows.append(f) }
        #expect(
            rows == [
                ["原行号"] + afterSalesHeader.split(separator: ",").map(String.init) + ["错误原因"],
                ["3", "李强", "13900001111", "lq", "2", "枕芯", "2026-10-21", "退款", "小张", "2026-13-04", "「处理日期」日期不存在"],
            ])
        #expect(try w.count("records") == 2)
    }

    @Test func aMissingColumnListsTheHeadersFoundAndTheAliasesAccepted() throws {
        let w = try TestWorkspace()
        let file = w.csv("x.csv", ["客户,手机号,商品", "张丽,13812345678,四件套"])
        do { try w.importFiles(.afterSales, [file]); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("找不到必需的列：处理日期/登记/申请日期 其中之一（售后问题处理表）。文件中的表头：客户、手机号、商品。「处理日期」可用表头：处理日期、处理时间"))
            #expect(e.message.zh.contains("「登记/申请日期」可用表头：申请退款的时间、申请时间"))
        }
        let noIdentity = w.csv("y.csv", ["客户,商品,处理日期", "张丽,四件套,2026-11-01"])
        do { try w.importFiles(.afterSales, [noIdentity]); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("找不到必需的列：买家ID（旺旺号）/手机号/订单号 其中之一（售后问题处理表）"))
        }
        #expect(try w.count("imports") == 0)
    }

    @Test func emptyAndHeaderOnlyFiles() throws {
        let w = try TestWorkspace()
        let empty = w.csv("e.csv", [])
        do { try w.importFiles(.afterSales, [empty]); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh == "文件只有表头，没有数据行" || e.message.zh == "文件是空的")
        }
        FileManager.default.createFile(atPath: "\(w.dir)/zero.csv", contents: Data())
        do { try w.importFiles(.afterSales, ["\(w.dir)/zero.csv"]); Issue.record("no error") } catch let e as FileError
        {
            #expect(e.message.zh == "文件是空的")
        }
        let header = w.csv("h.csv", [afterSalesHeader, ",,,,,,,,"])
        do { try w.importFiles(.afterSales, [header]); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh == "文件只有表头，没有数据行")
        }
        #expect(try w.count("imports") == 0)
    }

    @Test func severalFilesAreOneAtomicImport() throws {
        let w = try TestWorkspace()
        let good = w.csv("g.csv", [afterSalesHeader, "张丽,13812345678,tb_lily,1,四件套,2026-10-20,换货,小王,2026-11-03"])
        let fake = w.csv("fake.xlsx", [afterSalesHeader])
        #expect(throws: FileError.self) { try w.importFiles(.afterSales, [good, fake]) }
        #expect(try w.count("records") == 0)
    }

    @Test func readsTheOpenpyxlFixtureThroughTheImporter() throws {
        let w = try TestWorkspace()
        let report = try w.importFiles(.afterSales, ["\(fixtures)/openpyxl-after-sales.xlsx"])
        #expect(report.files[0].format == "XLSX「售后登记」")
        // openpyxl does not write empty rows.
        #expect((report.files[0].read, report.files[0].new, report.files[0].blank) == (4, 4, 0))
        let r = try w.records()
        #expect(r.map { $0["phone"] } == ["13812345678", "139****1111", "13700001111", "13911112222"])
        #expect(r.map { $0["handled_at"] } == ["2026-11-03 14:30:00", "2026-11-05", "2026-11-10", "2026-11-06"])
        #expect(r.map { $0["purchase_at"] } == ["2026-10-20", "2026-10-01", "2026-10-30", "2026-11-01"])
        #expect(r[3]["order_no"] == "3612345678901234570")
    }

    @Test func taobaoExportHeadersAreRecognised() throws {
        let w = try TestWorkspace()
        let refunds = w.csv(
            "refunds.csv",
            [
                "退款编号,订单编号,买家会员名,宝贝标题,退款金额,申请退款的时间,退款状态,退款原因,退款完结时间",
                "RF1,3612,tb_lily,四件套,199.00,2026-11-01 10:00:00,退款成功,质量问题,2026-11-02 15:00:00",
                "RF2,3613,liqiang88,羽绒被,399.00,2026-11-03 10:00:00,退款关闭,七天无理由,",
            ])
        let reviews = w.csv(
            "reviews.csv",
            [
                "评价时间,评价内容,评价等级,买家昵称,宝贝标题,订单编号",
                "2026-11-05 20:01:02,洗了就起球,差评,tb_lily,四件套,3612",
            ])
        let orders = w.csv(
            "vip.csv",
            [
                "订单编号,买家会员名,收货人姓名,联系手机,宝贝标题,订单付款时间",
                "3699,vip_wang,王芳,13700001111,蚕丝被,2026-06-01 12:00:00",
            ])
        try w.importFiles(.afterSales, [refunds])
        try w.importFiles(.reviews, [reviews])
        try w.importFiles(.vip, [orders], month: "2026-11")
        let r = try w.records()
        #expect(r.map { $0["buyer_id"] } == ["tb_lily", "liqiang88", "tb_lily", "vip_wang"])
        #expect(r.map { $0["situation"] } == ["质量问题", "七天无理由", "洗了就起球", nil])
        #expect(r.map { $0["refund_status"] } == ["退款成功", "退款关闭", nil, nil])
        #expect(r.map { $0["review_level"] } == [nil, nil, "差评", nil])
        #expect(r[1]["handled_at"] == nil)  // not finished: the application date places the row
        #expect(r[1]["event_day"] == String(Day(year: 2026, month: 11, day: 3)!.ordinal))
        #expect(r[3]["vip_month"] == "2026-11" && r[3]["event_day"] == nil)
        // The review and the refund of tb_lily are one customer.
        #expect(r[0]["customer_id"] == r[2]["customer_id"])
    }

    @Test func identityMergesAcrossSheetsButNeverOnAMaskedPhone() throws {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "a.csv",
                    [
                        afterSalesHeader,
                        "张丽,13812345678,,1001,四件套,2026-10-20,换货,小王,2026-11-03",
                        "李强,139****1111,,1002,羽绒被,2026-10-20,退款,小张,2026-11-03",
                    ])
            ])
        try w.importFiles(
            .courier,
            [
                w.csv(
                    "c.csv",
                    [
                        "登记日期,买家旺旺,收货人,联系电话,订单号,异常类型",
                        "2026-11-04,tb_lily,张丽,+86 138-1234-5678,2001,丢件",
                        "2026-11-04,,李强,139****1111,2002,破损",
                    ])
            ])
        try w.importFiles(
            .reviews,
            [
                w.csv(
                    "r.csv",
                    [
                        "评价时间,买家昵称,评价等级,评价内容,订单编号",
                        "2026-11-05,tb_lily,差评,慢,3001",
                    ])
            ])
        let r = try w.records()
        let ids = r.map { $0["customer_id"]! }
        // 张丽: phone links after-sales and courier; buyer ID links courier and review.
        #expect(ids[0] == ids[2] && ids[2] == ids[4])
        // 李强 with only a masked phone and different orders: not merged.
        #expect(ids[1] != ids[3])
        #expect(Set(ids).count == 3)
    }

    @Test func aRecordLinkingTwoKnownCustomersMergesThemEverywhere() throws {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "a.csv",
                    [
                        afterSalesHeader,
                        "张丽,13812345678,,1001,四件套,2026-10-20,换货,小王,2026-11-03",
                        "张丽,,tb_lily,1002,枕芯,2026-10-20,退款,小张,2026-11-04",
                    ])
            ])
        #expect(Set(try w.records().map { $0["customer_id"]! }).count == 2)
        try w.importFiles(.vip, [w.csv("v.csv", ["会员名,手机", "tb_lily,13812345678"])], month: "2026-11")
        let r = try w.records()
        #expect(Set(r.map { $0["customer_id"]! }).count == 1)
        #expect(Set(try w.keys().map(\.1)).count == 1)
    }

    @Test func vipListBelongsToTheNamedMonthOrTheMonthOfToday() throws {
        let w = try TestWorkspace()
        let v = w.csv("v.csv", ["会员名,姓名,手机,累计消费,最近购买时间", "vip1,王芳,13700001111,1280,2026-07-03"])
        let r1 = try w.importFiles(.vip, [v], today: "2026-11-27")  // after the 26th cut-off: December's window
        #expect(r1.vipMonth?.description == "2026-12")
        let r2 = try w.importFiles(.vip, [v], month: "2026-11")
        #expect(r2.vipMonth?.description == "2026-11")
        #expect(try w.records().map { $0["vip_month"] } == ["2026-12", "2026-11"])
    }

    @Test func rowsAndKeysBeyondOneMultiRowStatementAreAllStoredInFileOrder() throws {
        // 150 rows (statements of 64, 64 and 22 rows; 450 keys) and a second file of 70: every
        // row and key is stored, in file order, and a phone shared across a statement's edge merges.
        let w = try TestWorkspace()
        func row(_ i: Int, phone: Int) -> String {
            "客户\(i),139\(String(format: "%08d", phone)),buyer\(i),36120000\(String(format: "%06d", i)),"
                + "枕芯,2026-10-20,换货,小王,2026-11-03"
        }
        let first = (1...150).map { row($0, phone: $0 == 100 ? 1 : $0) }
        let second = (151...220).map { row($0, phone: $0) }
        let report = try w.importFiles(
            .afterSales, [w.csv("a.csv", [afterSalesHeader] + first), w.csv("b.csv", [afterSalesHeader] + second)])
        #expect(report.files.map(\.new) == [150, 70])
        let r = try w.records()
        let names: [String] = (1...220).map { "客户\($0)" }
        let sourceRows: [String] = Array(2...151).map { String($0) } + Array(2...71).map { String($0) }
        #expect(r.map { $0["name"] ?? "" } == names)
        #expect(r.map { $0["source_row"] ?? "" } == sourceRows)
        #expect(r[99]["customer_id"] == r[0]["customer_id"])
        #expect(report.customers == 219)
        // Three keys a row, less the phone row 100 shares with row 1.
        #expect(try w.keyCount() == 220 * 3 - 1)
        #expect(try w.keys().prefix(4).map(\.0) == ["b:buyer1", "p:13900000001", "o:36120000000001", "b:buyer2"])
    }

    @Test func aUnitSeparatorInACellIsStoredAsASpace() throws {
        let w = try TestWorkspace()
        let file = w.csv("a.csv", [afterSalesHeader, "张丽,13812345678,tb_lily,1,四件\u{1F}套,2026-10-20,换货,小王,2026-11-03"])
        try w.importFiles(.afterSales, [file])
        #expect(try w.records().map { $0["product"] } == ["四件 套"])
        #expect(try w.records().map { $0["handler"] } == ["小王"])
    }

    @Test func totalsRowsAreToldByTheirFirstTextWhateverTheSpacingOrAsterisks() {
        let totals = ["合计", " 合 计", "＊合计：", "*总计", "\u{3000}小计", "合计（元）"]
        for t in totals { #expect(ColumnMap.isTotalsRow([.empty, .text(t), .text("398")]), "\(t)") }
        let data = ["合肥", "总部", "小王", "计合", "张丽", "*", "合"]
        for t in data { #expect(!ColumnMap.isTotalsRow([.text(t), .text("合计")]), "\(t)") }
        #expect(!ColumnMap.isTotalsRow([.number(1), .text("合计")]))
    }
}
