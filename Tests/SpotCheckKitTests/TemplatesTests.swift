import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Fills two rows into the after-sales template the way a person in a spreadsheet program would:
/// digits typed as text, dates as dates, values chosen from the drop-downs.
let fillTemplateScript = #"""
    import datetime, sys, openpyxl
    src, dst = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    rows = [
        {"客户": "张丽", "手机号": "13812345678", "旺旺号": "tb_lily", "订单编号": "3612345678901234567",
         "宝贝标题": "纯棉四件套", "订单付款时间": datetime.date(2026, 10, 20), "问题描述": "尺码不符退换",
         "处理人": "小王", "处理日期": datetime.date(2026, 11, 3), "退款状态": "换货"},
        {"客户": "李强", "手机号": "13900001111", "旺旺号": "liqiang88", "订单编号": "3612345678901234568",
         "宝贝标题": "羽绒被", "订单付款时间": datetime.date(2026, 10, 1), "问题描述": "质量问题,要求退款",
         "处理人": "小张", "处理日期": datetime.datetime(2026, 11, 5, 14, 30), "退款状态": "退款成功"},
    ]
    for r, values in enumerate(rows, start=2):
        for name, value in values.items():
            ws.cell(r, col[name]).value = value
    wb.save(dst)
    """#

@Suite("Blank templates of the four sheets")
struct TemplatesTests {
    static let headers: [SourceKind: [String]] = [
        .afterSales: ["客户", "手机号", "旺旺号", "订单编号", "宝贝标题", "订单付款时间", "问题描述", "处理人", "处理日期", "退款状态"],
        .courier: ["客户", "手机号", "旺旺号", "订单编号", "快递公司", "运单号", "异常类型", "处理人", "登记日期", "处理日期"],
        .reviews: ["旺旺号", "客户", "手机号", "订单编号", "宝贝标题", "评价等级", "评价内容", "评价时间"],
        .vip: ["客户", "手机号", "旺旺号", "累计消费", "最近购买时间"],
    ]

    @Test func eachTemplateCarriesTheDefaultHeadersAndAGuideLinePerColumn() throws {
        let w = try TestWorkspace()
        let out = "\(w.dir)/模板"
        let r = try SheetTemplates(workspace: try w.on("2026-11-25")).run(to: out, force: false)
        let names = r.paths.map { ($0 as NSString).lastPathComponent }
        #expect(names == ["售后问题处理表.xlsx", "快递件处理表.xlsx", "评价收集表.xlsx", "VIP客户名单.xlsx"])
        for (kind, path) in zip(SourceKind.allCases, r.paths) {
            let book = try Workbook(path)
            let data = Catalog.Templates.dataSheet(kind).zh
            #expect(book.sheets == [data, "填写说明"])
            let rows = try book.rows(data)
            #expect(rows[1] == TemplatesTests.headers[kind])
            let guide = try book.rows("填写说明")
            for (i, header) in TemplatesTests.headers[kind]!.enumerated() {
                #expect(guide[i + 2]?.first == header)
                #expect((guide[i + 2]?.count ?? 0) == 2 && !(guide[i + 2]?[1].isEmpty ?? true))
            }
        }
    }

    @Test func theSheetPartHoldsDropDownsFrozenHeaderFilterAndFormats() throws {
        let w = try TestWorkspace()
        let r = try SheetTemplates(workspace: try w.on("2026-11-25")).run(to: w.dir, force: false)
        let afterSales = try Workbook(r.paths[0]).part("xl/worksheets/sheet1.xml")
        #expect(afterSales.contains(#"<dataValidation type="list" allowBlank="1""#))
        #expect(afterSales.contains(#"sqref="J2:J1001"><formula1>"退款中,退款成功,退款关闭,换货,补发"</formula1>"#))
        #expect(afterSales.contains(#"state="frozen""#))
        #expect(afterSales.contains(#"<autoFilter ref="A1:J1001"/>"#))
        #expect(afterSales.contains(#"<c r="F1000" s="#))  // the purchase date is formatted down to row 1000
        #expect(!afterSales.contains(#"sqref="H2"#))  // the handler is typed freely
        let courier = try Workbook(r.paths[1]).part("xl/worksheets/sheet1.xml")
        #expect(courier.contains(#"sqref="G2:G1001"><formula1>"丢件,破损,延误,错发,漏发,拒收,其他"</formula1>"#))
        let reviews = try Workbook(r.paths[2]).part("xl/worksheets/sheet1.xml")
        #expect(reviews.contains(#"sqref="F2:F1001"><formula1>"好评,中评,差评"</formula1>"#))
        let styles = try Workbook(r.paths[0]).part("xl/styles.xml")
        #expect(styles.contains(#"formatCode="@""#))
        #expect(styles.contains(#"formatCode="yyyy\-mm\-dd""#) || styles.contains(#"formatCode="yyyy-mm-dd""#))
        let cols = afterSales
        #expect(cols.contains(#"<col min="6" max="6" width="12"#))  // a date column
    }

    @Test func twoRowsFilledInTheBlankAfterSalesTemplateImportWithTheirValues() throws {
        let w = try TestWorkspace()
        let r = try SheetTemplates(workspace: try w.on("2026-11-25")).run(to: w.dir, force: false)
        let filled = "\(w.dir)/filled.xlsx"
        try python(fillTemplateScript, [r.paths[0], filled])
        let report = try w.importFiles(.afterSales, [filled])
        let f = report.files[0]
        #expect((f.read, f.new, f.rejected) == (2, 2, 0))
        let rec = try w.records()
        #expect(rec.map { $0["name"] } == ["张丽", "李强"])
        #expect(rec.map { $0["phone"] } == ["13812345678", "13900001111"])
        #expect(rec.map { $0["buyer_id"] } == ["tb_lily", "liqiang88"])
        #expect(rec.map { $0["order_no"] } == ["3612345678901234567", "3612345678901234568"])
        #expect(rec.map { $0["product"] } == ["纯棉四件套", "羽绒被"])
        #expect(rec.map { $0["purchase_at"] } == ["2026-10-20", "2026-10-01"])
        #expect(rec.map { $0["situation"] } == ["尺码不符退换", "质量问题,要求退款"])
        #expect(rec.map { $0["handler"] } == ["小王", "小张"])
        #expect(rec.map { $0["handled_at"] } == ["2026-11-03", "2026-11-05 14:30:00"])
        #expect(rec.map { $0["refund_status"] } == ["换货", "退款成功"])
    }

    @Test func aShopsOwnColumnsConfigurationGivesTheHeaders() throws {
        let w = try TestWorkspace()
        let config = Workspace.configFolder(forDatabase: w.db) + "/columns.json"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: #""name": ["客户", "客户姓名""#, with: #""name": ["客户姓名", "客户""#)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try SheetTemplates(workspace: try w.on("2026-11-25")).run(to: w.dir, force: false)
        #expect(try Workbook(r.paths[3]).rows("VIP客户名单")[1] == ["客户姓名", "手机号", "旺旺号", "累计消费", "最近购买时间"])
    }

    @Test func englishNamesTheFilesButKeepsTheHeadersTheImporterReads() throws {
        let w = try TestWorkspace()
        let r = try SheetTemplates(workspace: try w.on("2026-11-25", lang: .en)).run(to: w.dir, force: false)
        let names = r.paths.map { ($0 as NSString).lastPathComponent }
        #expect(names == ["after-sales-sheet.xlsx", "courier-sheet.xlsx", "review-sheet.xlsx", "vip-list.xlsx"])
        let book = try Workbook(r.paths[2])
        #expect(book.sheets == ["Reviews", "How to fill in"])
        #expect(try book.rows("Reviews")[1] == TemplatesTests.headers[.reviews])
    }

    @Test func anExistingTemplateIsNotOverwrittenWithoutForce() throws {
        let w = try TestWorkspace()
        let out = "\(w.dir)/t"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "mine".write(toFile: "\(out)/评价收集表.xlsx", atomically: true, encoding: .utf8)
        let ws = try w.on("2026-11-25")
        let refusal = #expect(throws: FileError.self) { try SheetTemplates(workspace: ws).run(to: out, force: false) }
        #expect(refusal?.file == "\(out)/评价收集表.xlsx")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/售后问题处理表.xlsx"))  // nothing written
        #expect(try String(contentsOfFile: "\(out)/评价收集表.xlsx", encoding: .utf8) == "mine")
        _ = try SheetTemplates(workspace: ws).run(to: out, force: true)
        #expect(try Workbook("\(out)/评价收集表.xlsx").sheets.first == "评价收集表")
    }

    @Test func aHeaderTheImporterWouldReadAsAnotherFieldIsAConfigurationError() throws {
        let w = try TestWorkspace()
        let config = Workspace.configFolder(forDatabase: w.db) + "/columns.json"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        // 旺旺号 given first to the name: the buyer ID keeps it, so a name column so headed would import as the buyer ID.
        try text.replacingOccurrences(of: #""name": ["客户""#, with: #""name": ["旺旺号", "客户""#)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let ws = try w.on("2026-11-25")
        #expect(throws: ConfigError.self) { try SheetTemplates(workspace: ws).run(to: "\(w.dir)/t", force: false) }
        #expect(!FileManager.default.fileExists(atPath: "\(w.dir)/t"))
    }
}
