import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// Blank templates of the four sampling sheets (SPEC "Sources (抽查对象)"), for shops that keep
/// 售后问题处理表, 快递件处理表, 评价收集表 and VIP 客户名单 by hand: headers the importer
/// recognises under the workspace's `columns.json`, a frozen and filtered header row, date
/// and text formats, drop-downs where a value is chosen from a list, and a guide sheet.
public struct SheetTemplates {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Rows prepared with formats and drop-downs below the header.
    public static let preparedRows = 1000

    /// Review levels (评价等级) offered in the drop-down.
    public static let reviewLevels = ["好评", "中评", "差评"]
    /// Refund statuses (退款状态) offered in the drop-down.
    public static let refundStatuses = ["退款中", "退款成功", "退款关闭", "换货", "补发"]
    /// Courier problems (异常类型) offered in the drop-down.
    public static let courierProblems = ["丢件", "破损", "延误", "错发", "漏发", "拒收", "其他"]

    /// One column of a template.
    public struct Column: Sendable, Equatable {
        public var field: SheetField
        /// The header written: an alias of `field` in the configuration.
        public var header: String
    }

    /// What was written, in the order of ``SourceKind/allCases``.
    public struct Result: Sendable {
        public var paths: [String]
    }

    /// The fields of a kind's template, in column order.
    public static func fields(_ kind: SourceKind) -> [SheetField] {
        switch kind {
        case .afterSales:
            return [
                .name, .phone, .buyerID, .orderNo, .product, .purchaseDate, .situation, .handler, .handledDate,
                .refundStatus,
            ]
        case .courier:
            return [
                .name, .phone, .buyerID, .orderNo, .courier, .trackingNo, .situation, .handler, .appliedDate,
                .handledDate,
            ]
        case .reviews:
            return [.buyerID, .name, .phone, .orderNo, .product, .reviewLevel, .situation, .reviewDate]
        case .vip:
            return [.name, .phone, .buyerID, .spent, .lastPurchase]
        }
    }

    /// The header a kind prefers for a field when the configuration accepts it (a courier
    /// sheet's situation is its 异常类型); otherwise the field's first alias is written.
    static func preferredHeader(_ field: SheetField, kind: SourceKind) -> String? {
        switch (kind, field) {
        case (.courier, .situation): return "异常类型"
        case (.courier, .appliedDate): return "登记日期"
        case (.reviews, .situation): return "评价内容"
        default: return nil
        }
    }

    /// The columns of a kind's template under `columns`: each field's header, checked to import
    /// back as that field.
    public static func columns(_ kind: SourceKind, under columns: ColumnMap, location: String) throws -> [Column] {
        let out = try fields(kind).map { field -> Column in
            let aliases = columns.aliases[field] ?? []
            if let preferred = preferredHeader(field, kind: kind),
                aliases.contains(where: { HeaderText.normalize($0) == HeaderText.normalize(preferred) })
            {
                return Column(field: field, header: preferred)
            }
            guard let first = aliases.first else {
                throw ConfigError(message: Catalog.Templates.noHeader(location, field: field.rawValue))
            }
            return Column(field: field, header: first)
        }
        let mapping = columns.map(headers: out.map(\.header))
        for (i, c) in out.enumerated() where mapping[c.field] != i {
            let other = mapping.first { $0.value == i }?.key.rawValue ?? "-"
            let clash = Catalog.Templates.headerClash(location, header: c.header, field: c.field.rawValue, other: other)
            throw ConfigError(message: clash)
        }
        return out
    }

    /// Writes the four templates into `directory` (made if missing). Refuses, before writing
    /// anything, when a template's file exists and `force` is not set.
    public func run(to directory: String, force: Bool) throws -> Result {
        let ws = workspace
        let location = ws.config.source.location("columns.json")
        let layouts = try SourceKind.allCases.map { kind in
            (kind, try SheetTemplates.columns(kind, under: ws.config.columns, location: location))
        }
        let paths = SourceKind.allCases.map {
            (directory as NSString).appendingPathComponent(Catalog.Templates.fileName($0).text(ws.lang))
        }
        if !force, let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw FileError(file: existing, message: Catalog.Templates.exists)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileError(file: directory, message: Catalog.Templates.notFolder(error.localizedDescription))
        }
        for path in paths { try ws.checkOutput(path) }
        for ((kind, columns), path) in zip(layouts, paths) {
            let book = try ws.workbook(at: path, title: Catalog.Templates.dataSheet(kind).text(ws.lang))
            let data = book.addSheet(Catalog.Templates.dataSheet(kind).text(ws.lang))
            let guide = book.addSheet(Catalog.Templates.guideSheet.text(ws.lang))
            writeData(data, kind: kind, columns)
            writeGuide(guide, kind: kind, columns)
            // A blank form: the month is written in by hand on paper.
            for sheet in [data, guide] {
                sheet.printPage(
                    header: Catalog.File.pageHeader(sheet.name, month: Catalog.Templates.monthBlank.text(ws.lang))
                        .text(ws.lang),
                    repeatingRows: 1)
            }
            try book.close()
        }
        return Result(paths: paths)
    }

    /// The data sheet: headers, widths, formats and drop-downs on the prepared rows.
    private func writeData(_ sheet: XLSXSheet, kind: SourceKind, _ columns: [Column]) {
        let lang = workspace.lang
        let rows = 1...SheetTemplates.preparedRows
        for (col, c) in columns.enumerated() {
            sheet.write(0, col, .text(c.header), .header)
            let style = SheetTemplates.style(c.field)
            sheet.setColumn(col, width: SheetTemplates.width(c), style: style)
            if style != .plain {
                for row in rows { sheet.write(row, col, .blank, style) }
            }
            if let values = SheetTemplates.choices(c.field, kind: kind) {
                let error = (
                    title: Catalog.Templates.listErrorTitle.text(lang),
                    text: Catalog.Templates.listError(values).text(lang)
                )
                sheet.listValidation(rows: rows, col: col, values: values, error: error)
            }
        }
        sheet.setRow(0, height: 22)
        sheet.freeze(rows: 1)
        sheet.autofilter(row: 0, lastRow: SheetTemplates.preparedRows, cols: 0...(columns.count - 1))
    }

    /// The guide sheet: one line per column.
    private func writeGuide(_ sheet: XLSXSheet, kind: SourceKind, _ columns: [Column]) {
        let lang = workspace.lang
        sheet.setColumn(0, width: 16)
        sheet.setColumn(1, width: 80)
        sheet.write(0, 0, .text(Catalog.Templates.guideColumn.text(lang)), .header)
        sheet.write(0, 1, .text(Catalog.Templates.guideMeaning.text(lang)), .header)
        for (i, c) in columns.enumerated() {
            sheet.write(i + 1, 0, .text(c.header), .bold)
            sheet.write(i + 1, 1, .text(SheetTemplates.help(c.field, kind: kind).text(lang)), .wrap)
        }
        let below = columns.count + 2
        // Notes span both columns, so that they wrap to the guide's width.
        sheet.merge(rows: below...below, cols: 0...1, Catalog.Templates.guideRows.text(lang), .note)
        sheet.merge(rows: (below + 1)...(below + 1), cols: 0...1, Catalog.Templates.guideDates.text(lang), .note)
        sheet.freeze(rows: 1)
    }

    /// The cell format of a field's column.
    static func style(_ field: SheetField) -> CellStyle {
        if field.isDate { return .date }
        switch field {
        case .phone, .orderNo, .trackingNo, .buyerID: return .textFormat
        case .spent: return .decimal
        default: return .plain
        }
    }

    /// A column's width: dates 12, text 14–30 after how long its values run.
    static func width(_ c: Column) -> Double {
        if c.field.isDate { return 12 }
        let base: Int
        switch c.field {
        case .product, .situation: base = 30
        case .orderNo, .trackingNo: base = 22
        case .buyerID: base = 16
        default: base = 14
        }
        return Double(min(30, max(base, displayWidth(c.header) + 4)))
    }

    /// The values of a column's drop-down, if it has one.
    static func choices(_ field: SheetField, kind: SourceKind) -> [String]? {
        switch field {
        case .reviewLevel: return reviewLevels
        case .refundStatus: return refundStatuses
        case .situation where kind == .courier: return courierProblems
        default: return nil
        }
    }

    /// The guide's line for a field.
    static func help(_ field: SheetField, kind: SourceKind) -> Message {
        typealias T = Catalog.Templates
        switch field {
        case .name: return T.name
        case .phone: return T.phone
        case .buyerID: return T.buyerID
        case .orderNo: return T.orderNo
        case .product: return T.product
        case .purchaseDate: return T.purchaseDate
        case .situation:
            switch kind {
            case .courier: return T.courierSituation
            case .reviews: return T.reviewSituation
            case .afterSales, .vip: return T.afterSalesSituation
            }
        case .handler: return T.handler
        case .handledDate: return T.handledDate
        case .appliedDate: return T.appliedDate
        case .reviewDate: return T.reviewDate
        case .reviewLevel: return T.reviewLevel
        case .refundStatus: return T.refundStatus
        case .courier: return T.courier
        case .trackingNo: return T.trackingNo
        case .spent: return T.spent
        case .lastPurchase: return T.lastPurchase
        case .amount, .orderStatus: return Catalog.Import.field(field.rawValue)  // not in the four templates
        }
    }
}
