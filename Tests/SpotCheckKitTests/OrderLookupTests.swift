import Foundation
import GRDB
import PlatformExports
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing
import ZIPFoundation

@testable import SpotCheckKit

/// Fixtures written by the project's own generator of the platforms' export shapes.
extension TestWorkspace {
    func write(_ table: ExportTable, _ name: String) throws -> String {
        let path = "\(dir)/\(name)"
        try table.write(to: path)
        return path
    }

    func importOrders(
        _ files: [String], skipBad: Bool = false, today: String = "2026-11-25"
    ) throws -> OrderImportReport {
        try OrderImporter(workspace: try on(today)).run(OrderImportRequest(files: files, skipBad: skipBad))
    }

    func deriveVIP(
        _ month: String, minimumFen: Int64 = 80_000, months: Int = 3, today: String = "2026-11-25"
    ) throws -> VIPDeriveReport {
        try VIPDeriver(workspace: try on(today)).run(
            VIPDeriveRequest(
                month: YearMonth(parsing: month)!, rule: VIPDerivation(minimumFen: minimumFen, inactiveMonths: months)))
    }

    /// The call list's rows (header row dropped), keyed by order number.
    func callListRows(_ month: String) throws -> [String: [String]] {
        let path = "\(dir)/list-\(month).xlsx"
        _ = try CallListExporter(workspace: try on("2026-11-25")).run(month: YearMonth(parsing: month)!, to: path)
        var out: [String: [String]] = [:]
        for (r, row) in try Workbook(path).rows("回访名单") where r > 1 {
            let padded = row + Array(repeating: "", count: max(0, CallListColumn.script.index + 1 - row.count))
            out[padded[CallListColumn.order.index]] = padded
        }
        return out
    }
}

func at(_ text: String) -> LocalDateTime { (try! DateText.parse(text))!.moment }

/// A Taobao order of the fixtures: buyer, receiver and phone as the order report shows them.
func taobaoOrder(
    _ no: String, buyer: String, name: String, phone: String, fen: Int64, paid: String, status: String = "交易成功"
)
    -> ExportOrder
{
    ExportOrder(
        orderNo: no, buyer: buyer, name: name, phone: phone, product: "羽绒被", amountFen: fen, created: at(paid),
        paid: status == "等待买家付款" ? nil : at(paid), status: status)
}

func refund(_ no: String, order: String, applied: String, done: String?) -> ExportAfterSale {
    ExportAfterSale(
        caseNo: no, orderNo: order, product: "羽绒被", amountFen: 19_900, applied: at(applied), done: done.map(at),
        type: "仅退款", reason: "质量问题", handler: "张婷", status: done == nil ? "退款待处理" : "退款成功")
}

@Suite("Order exports: the lookup that reaches refund buyers, and the VIP list derived from them")
struct OrderLookupTests {
    @Test func aRefundWithoutPhoneReachesItsBuyerThroughTheOrderExportInEitherOrder() throws {
        for ordersFirst in [true, false] {
            let w = try TestWorkspace()
            let orders = try w.write(
                PlatformExport.taobaoOrders([
                    taobaoOrder(
                        "4001000000000000001", buyer: "tb_chen", name: "陈晓梅", phone: "18735643633-7298", fen: 19_900,
                        paid: "2026-11-01 10:00:00"),
                    taobaoOrder(
                        "4001000000000000002", buyer: "tb_li", name: "李**", phone: "138****5678", fen: 29_900,
                        paid: "2026-11-02 10:00:00"),
                ]), "ExportOrderList202611251000.csv")
            let refunds = try w.write(
                PlatformExport.taobaoRefunds([
                    refund(
                        "R1", order: "4001000000000000001", applied: "2026-11-03 09:00:00", done: "2026-11-04 09:00:00"),
                    refund("R2", order: "4001000000000000002", applied: "2026-11-05 09:00:00", done: nil),
                ]), "退款导出.csv")
            if ordersFirst { _ = try w.importOrders([orders]) }
            let r = try w.importFiles(.afterSales, [refunds])
            #expect(r.files[0].totals == 1)
            if !ordersFirst {
                let o = try w.importOrders([orders])
                #expect(o.files[0].new == 2)
                #expect(o.matched == 2)
                #expect(o.withPhone == 1)
                #expect(o.customers == 2)
            }
            #expect(try w.count("orders") == 2)
            #expect(try w.count("records") == 2)  // orders are no sampling source
            let s = try w.draw("2026-11")
            #expect(s.poolCustomers == 2)
            #expect(s.contactRoutes == ["phone": 1, "platform": 1, "im": 0])
            let rows = try w.callListRows("2026-11")
            let chen = try #require(rows["4001000000000000001"]), li = try #require(rows["4001000000000000002"])
            #expect(chen[CallListColumn.customer.index] == "陈晓梅")
            #expect(chen[CallListColumn.phone.index] == "18735643633 转 7298")
            #expect(chen[CallListColumn.buyerID.index] == "tb_chen")
            #expect(chen[CallListColumn.route.index] == "手机")
            #expect(chen[CallListColumn.platform.index] == "淘宝/天猫")
            #expect(chen[CallListColumn.script.index].contains("陈晓梅"))
            #expect(li[CallListColumn.route.index] == "平台隐私号")
            #expect(li[CallListColumn.phone.index] == "138****5678")
            // A masked name from the orders is never read out.
            #expect(!li[CallListColumn.script.index].contains("李**"))
        }
    }

    @Test func anOrderExportLinksABuyersReviewAndRefundIntoOneCustomer() throws {
        let w = try TestWorkspace()
        let reviews = try w.write(
            PlatformExport.taobaoReviews([
                ExportReview(buyer: "tb_wang", at: at("2026-11-03 10:00:00"), level: "差评", text: "起球", sku: "羽绒被")
            ]), "评价.xlsx")
        let refunds = try w.write(
            PlatformExport.taobaoRefunds(
                [
                    refund(
                        "R9", order: "4001000000000000009", applied: "2026-11-04 09:00:00", done: "2026-11-05 09:00:00")
                ], totals: false), "退款.csv")
        _ = try w.importFiles(.reviews, [reviews])
        _ = try w.importFiles(.afterSales, [refunds])
        let orders = try w.write(
            PlatformExport.taobaoOrders([
                taobaoOrder(
                    "4001000000000000009", buyer: "tb_wang", name: "王芳", phone: "13812345678", fen: 9_900,
                    paid: "2026-10-30 10:00:00")
            ]), "orders.csv")
        let o = try w.importOrders([orders])
        #expect(o.merges == 1)
        #expect(o.mergesByKey == [.order: 1])
        let s = try w.draw("2026-11")
        #expect(s.poolCustomers == 1)
        #expect(s.mergedAcrossSheets == 1)
    }

    @Test func aBadAmountOrMissingOrderNumberRefusesTheOrderExportAndChangesNothing() throws {
        let w = try TestWorkspace()
        let path = w.csv(
            "orders.csv",
            [
                "订单号,下单帐号,客户姓名,联系电话,应付金额,下单时间,订单状态",
                "300000000001,jd_a,张三,13812345678,99.00,2026-11-01 10:00:00,完成",
                "300000000002,jd_b,李四,13812345679,九十九,2026-11-01 11:00:00,完成",
                ",jd_c,王五,13812345670,10.00,2026-11-01 12:00:00,完成",
            ])
        let before = try w.snapshot()
        let failure = #expect(throws: ImportError.self) { try w.importOrders([path]) }
        let issues = failure?.issues.map(\.issue) ?? []
        #expect(issues.map(\.row) == [3, 4])
        #expect(issues.map(\.column) == ["应付金额", "订单号"])
        #expect(issues.first?.value == "九十九")
        #expect(issues.first?.reason == Catalog.Import.badAmount)
        #expect(try w.snapshot() == before)
        #expect(try w.count("orders") == 0)
    }

    @Test func theSameOrderExportImportedAgainChangesNothing() throws {
        let w = try TestWorkspace()
        let orders = try w.write(
            PlatformExport.taobaoOrders([
                taobaoOrder(
                    "4003000000000000001", buyer: "tb_zhou", name: "周", phone: "13800000011", fen: 9_900,
                    paid: "2026-11-01 10:00:00")
            ]), "orders.csv")
        #expect(try w.importOrders([orders]).files[0].new == 1)
        let before = try w.snapshot()
        let again = try w.importOrders([orders])
        #expect(again.unchanged)
        #expect(again.files[0].known == 1)
        #expect(try w.snapshot() == before)
    }

    @Test func anErrorCellInAnOrderExportIsAnIssueNotABlank() throws {
        let w = try TestWorkspace()
        func c(_ ref: String, _ text: String) -> String {
            #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
        }
        let sheet =
            #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + "<row r=\"1\">" + c("A1", "订单号") + c("B1", "下单帐号") + c("C1", "商品名称") + "</row>"
            + "<row r=\"2\">" + c("A2", "300000000031") + c("B2", "jd_a") + #"<c r="C2" t="e"><v>#VALUE!</v></c>"#
            + "</row>"
            + "</sheetData></worksheet>"
        let workbook =
            #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="订单" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        let rels =
            #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        let path = "\(w.dir)/订单.xlsx"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in [
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels), ("xl/worksheets/sheet1.xml", sheet),
        ] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { pos, size in
                data.subdata(in: Int(pos)..<min(data.count, Int(pos) + size))
            }
        }
        let failure = #expect(throws: ImportError.self) { try w.importOrders([path]) }
        #expect(failure?.issues.map(\.issue.row) == [2])
        #expect(failure?.issues.map(\.issue.column) == ["商品名称"])
        #expect(failure?.issues.first?.issue.reason == Catalog.Import.errorCell)
        #expect(try w.count("orders") == 0)
    }

    @Test func anOrderExportWithoutAnOrderNumberColumnIsRefusedNamingIt() throws {
        let w = try TestWorkspace()
        let path = w.csv("orders.csv", ["买家会员名,联系手机,订单付款时间", "tb_a,13812345678,2026-11-01 10:00:00"])
        let problem = #expect(throws: FileError.self) { try w.importOrders([path]) }
        #expect(problem?.message.zh.contains("找不到必需的列：订单号（订单导出）") == true)
    }

    /// The window of 2026-11 opens 2026-10-27, so three months before is 2026-07-27.
    @Test func theVIPListTakesExactly800AndTheCutOffDayAndNothingBelowOrAfter() throws {
        let w = try TestWorkspace()
        let orders = try w.write(
            PlatformExport.taobaoOrders([
                taobaoOrder(
                    "4002000000000000001", buyer: "tb_exact", name: "甲", phone: "13800000001", fen: 50_000,
                    paid: "2026-05-01 10:00:00"),
                taobaoOrder(
                    "4002000000000000002", buyer: "tb_exact", name: "甲", phone: "13800000001", fen: 30_000,
                    paid: "2026-07-27 22:00:00"),
                taobaoOrder(
                    "4002000000000000003", buyer: "tb_short", name: "乙", phone: "13800000002", fen: 79_999,
                    paid: "2026-06-01 10:00:00"),
                taobaoOrder(
                    "4002000000000000004", buyer: "tb_late", name: "丙", phone: "13800000003", fen: 90_000,
                    paid: "2026-07-28 09:00:00"),
                taobaoOrder(
                    "4002000000000000005", buyer: "tb_closed", name: "丁", phone: "13800000004", fen: 70_000,
                    paid: "2026-04-01 10:00:00"),
                taobaoOrder(
                    "4002000000000000006", buyer: "tb_closed", name: "丁", phone: "13800000004", fen: 50_000,
                    paid: "2026-04-02 10:00:00",
                    status: "交易关闭"),
                taobaoOrder(
                    "4002000000000000007", buyer: "tb_unpaid", name: "戊", phone: "13800000005", fen: 70_000,
                    paid: "2026-04-01 10:00:00"),
                taobaoOrder(
                    "4002000000000000008", buyer: "tb_unpaid", name: "戊", phone: "13800000005", fen: 50_000,
                    paid: "2026-04-02 10:00:00",
                    status: "等待买家付款"),
            ]), "orders.csv")
        _ = try w.importOrders([orders])
        let report = try w.deriveVIP("2026-11")
        #expect(report.cutoff == Day(year: 2026, month: 7, day: 27)!)
        #expect(report.buyers == 5)
        #expect(report.selected == 1)
        let vip = try w.records().filter { $0["kind"] == "3" }
        #expect(vip.map { $0["buyer_id"] } == ["tb_exact"])
        #expect(vip.first?["spent"] == "800.00")
        #expect(vip.first?["last_purchase"] == "2026-07-27")
        #expect(vip.first?["vip_month"] == "2026-11")

        // A lower amount takes 799.99 in; deriving again replaces the month's derived list.
        let again = try w.deriveVIP("2026-11", minimumFen: 79_999)
        #expect(again.selected == 2)
        #expect(again.replaced == 1)
        #expect(
            try w.records().filter { $0["kind"] == "3" }.compactMap { $0["buyer_id"] }.sorted() == [
                "tb_exact", "tb_short",
            ])
        // Four months without a purchase: the cut-off moves to 2026-06-27, only 乙 (June 1) is left.
        #expect(try w.deriveVIP("2026-11", minimumFen: 79_999, months: 4).selected == 1)
    }

    @Test func theVIPListJoinsThePoolAndIsRefusedAfterTheDrawOrWithoutOrders() throws {
        let w = try TestWorkspace()
        #expect(throws: VIPError(message: Catalog.VIP.noOrders)) { try w.deriveVIP("2026-11") }
        let orders = try w.write(
            PlatformExport.jdOrders([
                ExportOrder(
                    orderNo: "300000000011", buyer: "jd_vip", name: "周*", phone: "18791378848转7245", product: "乳胶枕",
                    amountFen: 120_000,
                    created: at("2026-03-03 10:00:00"), paid: at("2026-03-03 10:05:00"), status: "完成")
            ]), "jd.xlsx")
        _ = try w.importOrders([orders])
        #expect(try w.deriveVIP("2026-11").selected == 1)
        let s = try w.draw("2026-11")
        #expect(s.poolBySource["vip"] == 1)
        #expect(s.contactRoutes == ["phone": 1, "platform": 0, "im": 0])
        let row = try #require(try w.callListRows("2026-11")["300000000011"])
        #expect(row[CallListColumn.phone.index] == "18791378848 转 7245")
        #expect(row[CallListColumn.sources.index] == "VIP")
        #expect(throws: VIPError.self) { try w.deriveVIP("2026-11") }
    }

    @Test func moneyAsTheExportsWriteIt() {
        #expect(Money.fen("800") == 80_000)
        #expect(Money.fen("800.00") == 80_000)
        #expect(Money.fen("799.99") == 79_999)
        #expect(Money.fen("¥1,234.5") == 123_450)
        #expect(Money.fen("168.99000000000001") == 16_899)
        #expect(Money.fen("九十九") == nil)
        #expect(Money.fen("-5") == nil)
        #expect(Money.yuanText(80_000) == "800.00")
        #expect(Money.yuanText(5) == "0.05")
    }
}

@Suite("The demo month of seller-centre exports in Samples/")
struct SamplesPlatformMonthTests {
    @Test func theOctoberExportsImportAsDownloadedAndEveryDrawnCustomerCanBeReached() throws {
        let w = try TestWorkspace()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Samples/2026-10").path
        func f(_ name: String) -> String { "\(samples)/\(name)" }
        let today = "2026-10-26"
        let o = try w.importOrders(
            [f("淘宝-ExportOrderList202610251000.csv"), f("京东-订单导出.xlsx"), f("拼多多-订单导出.csv"), f("抖店-订单导出.csv")],
            today: today)
        #expect(o.files.map(\.new) == [58, 15, 15, 15])
        #expect(o.files.map(\.platform) == [.taobao, .jd, .pdd, .douyin])
        let a = try w.importFiles(
            .afterSales, [f("淘宝-退款导出.csv"), f("京东-售后服务单.xlsx"), f("拼多多-售后导出.csv"), f("抖店-售后导出.xlsx")],
            today: today)
        #expect(a.files.map(\.new) == [18, 10, 10, 10])
        #expect(a.files.map(\.totals) == [1, 0, 0, 0])
        let c = try w.importFiles(.courier, [f("快递异常登记表.xlsx")], today: today)
        #expect(c.files[0].new == 10)
        #expect(c.files[0].totals == 1)
        _ = try w.importFiles(.reviews, [f("淘宝-评价导出.xlsx")], today: today)
        #expect(try w.deriveVIP("2026-10", today: today).selected == 6)
        let s = try w.draw("2026-10", seed: 20261026, today: today)
        // 48 refunds and service cases, 10 courier cases, 8 reviews (three by buyers who are also in the
        // courier register: the orders link them) and 6 VIPs: 69 customers; the two reviewers whose
        // nickname the review tool masked can be reached by nobody.
        #expect(s.poolCustomers == 69)
        #expect(s.mergedAcrossSheets == 3)
        #expect(s.noContactRoute == 2)
        #expect(s.drawn == 50)
        #expect(s.contactRoutes?.values.reduce(0, +) == 50)
        #expect(s.contactRoutes?["im"] == 0)
    }
}
