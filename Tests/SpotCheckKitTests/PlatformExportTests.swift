import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// The seller centres' exports in their real header sets (sources in the issue's closing
/// note: public code that reads them), imported with the default configuration.
enum PlatformShapes {
    /// Taobao/Tmall 退款管理 export, current shape (no buyer nick, no phone; the seller's own
    /// phone columns must not be taken for the customer's).
    static let taobaoRefundHeader =
        "订单编号,退款编号,支付宝交易号,订单付款时间,商品编码,退款完结时间,买家实际支付金额,宝贝标题,买家退款金额,"
        + "手工退款/系统退款,是否需要退货,退款的申请时间,超时时间,退款状态,货物状态,退货物流信息,发货物流信息,客服介入状态,卖家真实姓名,"
        + "卖家退货地址,卖家邮编,卖家电话,卖家手机,退货物流单号,退货物流公司,买家退款原因,买家退款说明,买家退货时间,责任方,售中或售后,"
        + "商家备注,完结时间,部分退款/全部退款,审核操作人,举证超时,是否零秒响应,退款操作人"

    static func taobaoRefund(
        order: String, applied: String, done: String, reason: String, operatorName: String
    ) -> String {
        "=\"\(order)\",R\(order.suffix(6)),2026110322001,2026-10-20 10:00:00,SKU1,\(done),199.00,羽绒被,199.00,系统退款,否,\(applied),,"
            + "\(done.isEmpty ? "退款中" : "退款成功"),未收到货,,,,王店长,杭州,310000,0571-88886666,13900000000,,,\(reason),,,,售后,,,全部退款,"
            + "\(operatorName),,,\(operatorName)"
    }

    /// Taobao/Tmall 退款 export, older shape with the buyer nick (买家会员名称).
    static let taobaoRefundOldHeader =
        "订单编号,退款编号,支付宝交易号,订单付款时间,商家编码,退款完结时间,买家会员名称,买家实际支付金额,宝贝标题,买家退款金额,"
        + "退款的申请时间,退款状态,买家退款原因,审核操作人"

    /// JD 售后服务单 (reconstructed from JD's API fields and ERPs).
    static let jdServiceHeader = "服务单号,申请单号,订单号,商品编号,商品名称,申请数量,客户期望,服务单状态,申请时间,客户账号,客户姓名,联系电话,问题描述,审核人,审核时间"

    /// 抖店 售后 export (the columns SpotCheck reads and their neighbours; full-width （元）).
    static let douyinAfterSaleHeader =
        "售后单号,订单号,商品单号,商品名称,商品ID,应付金额（元）,售后类型,退商品金额（元）,售后状态,售后申请时间,"
        + "售后原因,售后完结时间,用户售后说明,操作人"

    /// 拼多多 售后 export (confirmed columns and the usual rest).
    static let pddAfterSaleHeader = "售后编号,订单编号,商品名称,商品ID,售后类型,售后状态,申请时间,退款金额(元),退款原因,处理人,完结时间"
}

@Suite("The seller centres' exports import as they are")
struct PlatformExportTests {
    @Test func taobaosRefundExportWithOpenRefundsAndATotalsRowImports() throws {
        let w = try TestWorkspace()
        typealias S = PlatformShapes
        let file = w.csv(
            "ExportRefund.csv",
            [
                S.taobaoRefundHeader,
                S.taobaoRefund(
                    order: "3612345678901234567", applied: "2026-11-02 09:00:00", done: "2026-11-05 10:00:00",
                    reason: "质量问题", operatorName: "张婷"),
                S.taobaoRefund(
                    order: "3612345678901234568", applied: "2026-11-20 09:00:00", done: "", reason: "不想要了",
                    operatorName: "王敏"),
                "合计,,,,,,398.00,,398.00",
            ])
        let report = try w.importFiles(.afterSales, [file])
        #expect(report.files[0].new == 2)
        #expect(report.files[0].totals == 1)
        #expect(report.files[0].platform == .taobao)
        let records = try w.records()
        #expect(records.map { $0["order_no"] } == ["3612345678901234567", "3612345678901234568"])
        #expect(records.map { $0["phone"] } == [nil, nil])  // 卖家手机 is the shop's, not the customer's
        #expect(records.map { $0["handler"] } == ["张婷", "王敏"])
        #expect(records.map { $0["situation"] } == ["质量问题", "不想要了"])
        #expect(records.map { $0["platform"] } == ["taobao", "taobao"])
        // The open refund is placed by its application date.
        #expect(
            records.map { $0["event_day"] }.map { $0.flatMap(Int.init).map { Day(ordinal: $0).description } }
                == ["2026-11-05", "2026-11-20"])
    }

    @Test func maskedNicknamesInTheOlderRefundShapeStayThreeCustomers() throws {
        let w = try TestWorkspace()
        let file = w.csv(
            "refund-old.csv",
            [PlatformShapes.taobaoRefundOldHeader]
                + (1...3).map {
                    "3612000000000000\($0),R\($0),A\($0),2026-10-20 10:00:00,SKU,2026-11-0\($0) 10:00:00,t**2,99.00,枕头,99.00,2026-11-01 09:00:00,退款成功,质量问题,张婷"
                })
        let report = try w.importFiles(.afterSales, [file])
        #expect(report.customers == 3)
        #expect(report.merges == 0)
        #expect(try w.keyCount() == 3)  // the three order numbers, no buyer key
    }

    @Test func privacyNumbersAndSeveralNumbersInOneCellImportAsCallableNumbers() throws {
        let w = try TestWorkspace()
        let file = w.csv(
            "jd-service.csv",
            [
                PlatformShapes.jdServiceHeader,
                "S1,A1,300001,P1,台灯,1,退货,完成,2026-11-03 10:00:00,jd_lily,李*,18735643633-7298,灯不亮,赵敏,2026-11-04 10:00:00",
                "S2,A2,300002,P1,台灯,1,换货,完成,2026-11-03 11:00:00,jd_wang,王*,13096713058/18794965824,坏了,赵敏,2026-11-04 11:00:00",
                "S3,A3,300003,P1,台灯,1,维修,完成,2026-11-03 12:00:00,jd_chen,陈*,18791378848转7245,修,赵敏,2026-11-04 12:00:00",
            ])
        let report = try w.importFiles(.afterSales, [file])
        #expect(report.files[0].platform == .jd)
        let records = try w.records()
        #expect(records.map { $0["phone"] } == ["18735643633-7298", "13096713058", "18791378848-7245"])
        #expect(records.map { $0["alternate_phones"] } == [nil, "18794965824", nil])
        #expect(records.map { $0["buyer_id"] } == ["jd_lily", "jd_wang", "jd_chen"])
        #expect(records.map { $0["handler"] } == ["赵敏", "赵敏", "赵敏"])
    }

    @Test func anOrderInTheVIPListAndARefundSheetIsOneCustomer() throws {
        let w = try TestWorkspace()
        let vip = w.csv("vip.csv", ["客户,旺旺号,订单编号,累计消费,最近购买时间", "李丽,tb_lily,3612345678901234567,1200,2026-07-01"])
        try w.importFiles(.vip, [vip], month: "2026-11")
        let refund = w.csv(
            "refund.csv",
            [
                PlatformShapes.taobaoRefundHeader,
                PlatformShapes.taobaoRefund(
                    order: "3612345678901234567", applied: "2026-11-02 09:00:00", done: "2026-11-05 10:00:00",
                    reason: "质量问题", operatorName: "张婷"),
            ])
        let report = try w.importFiles(.afterSales, [refund])
        #expect(report.customers == 1)
        let customers = try Store(path: w.db).read {
            try Int.fetchAll($0, sql: "SELECT DISTINCT customer_id FROM records")
        }
        #expect(customers.count == 1)
    }

    @Test func douyinAndPinduoduoAfterSalesExportsImportWithTheirPlatform() throws {
        let w = try TestWorkspace()
        let douyin = w.csv(
            "douyin.csv",
            [
                PlatformShapes.douyinAfterSaleHeader,
                "\t7001,\t6917926768823643751,\t6917926768823643752,保温杯,\t3500,59.00,退货退款,59.00,同意退款，退款成功,2026-11-02 10:00:00,质量问题,2026-11-06 10:00:00,-,小周",
            ])
        let pdd = w.csv(
            "pdd.csv",
            [
                PlatformShapes.pddAfterSaleHeader,
                "\t9001,260517-607198974342268,雨伞,\t88,仅退款,退款成功,2026-11-03 10:00:00,19.90,商品破损,小吴,2026-11-04 10:00:00",
            ])
        let report = try w.importFiles(.afterSales, [douyin, pdd])
        #expect(report.files.map(\.platform) == [.douyin, .pdd])
        let records = try w.records()
        #expect(records.map { $0["order_no"] } == ["6917926768823643751", "260517-607198974342268"])
        #expect(records.map { $0["handler"] } == ["小周", "小吴"])
        #expect(records.map { $0["situation"] } == ["质量问题", "商品破损"])
    }

    @Test func aPlatformCanBeNamedWhenTheHeadersDoNotTell() throws {
        let w = try TestWorkspace()
        let file = w.csv("hand.csv", [afterSalesHeader, "客户1,13900000001,buyer1,801,羽绒被,2026-10-01,起球,张婷,2026-11-05"])
        let ws = try w.on("2026-11-25")
        let report = try SheetImporter(workspace: ws).run(
            ImportRequest(kind: .afterSales, files: [file], platform: .pdd))
        #expect(report.files[0].platform == .pdd)
        #expect(try w.records().first?["platform"] == "pdd")
    }
}

@Suite("Every drawn customer can be reached")
struct ContactRouteTests {
    @Test func theDrawLeavesOutWhomNoRouteReachesAndTheListSaysHowEachIsReached() throws {
        let w = try TestWorkspace()
        // Douyin: no phone, no buyer ID, but an order on the platform (privacy-number calling).
        let douyin = w.csv(
            "douyin.csv",
            [
                PlatformShapes.douyinAfterSaleHeader,
                "\t7001,\t6917926768823643751,\t1,保温杯,\t3500,59.00,退货退款,59.00,退款成功,2026-11-02 10:00:00,质量问题,2026-11-06 10:00:00,-,小周",
            ])
        // JD: a privacy number with its extension, and a masked name.
        let jd = w.csv(
            "jd.csv",
            [
                PlatformShapes.jdServiceHeader,
                "S1,A1,300001,P1,台灯,1,退货,完成,2026-11-03 10:00:00,jd_lily,赵**,18735643633-7298,灯不亮,赵敏,2026-11-04 10:00:00",
            ])
        // Hand-made: a buyer ID only (IM), and a row whose only identity is masked (no route).
        let hand = w.csv(
            "hand.csv",
            [
                afterSalesHeader,
                "孙丽,,tb_sun,,枕头,2026-10-01,起球,张婷,2026-11-05",
                "钱**,138****5678,t**2,,枕头,2026-10-01,起球,张婷,2026-11-06",
            ])
        try w.importFiles(.afterSales, [douyin, jd, hand])
        let s = try w.draw("2026-11")
        #expect(s.poolCustomers == 4)
        #expect(s.noContactRoute == 1)
        #expect(s.contactRoutes == ["phone": 1, "platform": 1, "im": 1])
        #expect(s.drawn == 3)
        #expect(s.json().contains("\"no_contact_route\" : 1"))

        let path = "\(w.dir)/list.xlsx"
        _ = try CallListExporter(workspace: try w.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: path)
        let rows = try Workbook(path).rows("回访名单").filter { $0.key > 1 }.values
        func row(_ order: String) -> [String]? {
            rows.first { $0.count > CallListColumn.order.index && $0[CallListColumn.order.index] == order }
        }
        func cell(_ r: [String]?, _ c: CallListColumn) -> String? {
            r.flatMap { c.index < $0.count ? $0[c.index] : "" }
        }
        let zhao = row("300001"), cup = row("6917926768823643751")
        #expect(cell(zhao, .phone) == "18735643633 转 7298")
        #expect(cell(zhao, .route) == "手机")
        #expect(cell(zhao, .platform) == "京东")
        #expect(cell(cup, .route) == "平台隐私号")
        #expect(cell(cup, .platform) == "抖音")
        // A masked name is never read out: the script greets the buyer ID instead.
        #expect(cell(zhao, .script)?.contains("请问是jd_lily吗") == true)
        #expect(cell(zhao, .script)?.contains("赵**") == false)
        let cover = try Workbook(path).rows("说明").values
        #expect(cover.contains { $0.first == "正选客户中可用「平台隐私号」联系" && $0.last == "1" })
        #expect(cover.contains { $0.first == "无任何联系方式、未参与抽取的客户" && $0.last == "1" })
    }
}
