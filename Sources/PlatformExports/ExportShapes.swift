// The seller centres' exports in their real shapes — header sets, column order, encodings and
// value quirks — for the demo month in Samples/ and the tests' fixtures. The header sets come
// from public code that reads the real files (README, "Seller-centre exports", names them):
// where a source gave the full ordered list it is used whole; where only some columns were
// confirmed (JD 售后服务单, 拼多多 售后) the list is the usual reconstruction and says so.
import Foundation
import SpotCheckCore
import SpotCheckFormats

/// How an export file is written.
public enum ExportEncoding: Sendable {
    /// CSV in GBK (GB18030), as Taobao's 订单报表 and 退款 exports are.
    case csvGBK
    /// CSV in UTF-8 with a byte-order mark, as 抖店 and 拼多多 write.
    case csvUTF8BOM
    /// An XLSX workbook of text cells, as JD's backend exports.
    case xlsx(sheet: String)
}

/// One export file: the header row, the rows as the platform writes their cells, and what
/// stands under them.
public struct ExportTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// A totals row under the data (合计…), as some exports add.
    public var totals: [String]?
    public var encoding: ExportEncoding

    /// Writes the file.
    public func write(to path: String) throws {
        switch encoding {
        case .csvGBK, .csvUTF8BOM:
            var csv = CSVWriter()
            csv.row(headers)
            for r in rows { csv.row(r) }
            if let t = totals { csv.row(t) }
            if case .csvGBK = encoding { try csv.writeGB18030(to: path) } else { try csv.write(to: path) }
        case .xlsx(let sheetName):
            let book = try XLSXWriter(
                path: path, created: LocalDateTime(day: Day(year: 2026, month: 10, day: 25)!, hour: 10)!)
            let sheet = book.addSheet(sheetName)
            for (c, h) in headers.enumerated() { sheet.write(0, c, .text(h), .header) }
            for (r, row) in (rows + (totals.map { [$0] } ?? [])).enumerated() {
                for (c, v) in row.enumerated() where !v.isEmpty { sheet.write(r + 1, c, .text(v)) }
            }
            try book.close()
        }
    }
}

/// An order as the generator knows it; each shape writes what its platform exports of it.
public struct ExportOrder: Sendable {
    public var orderNo: String
    public var buyer: String?
    public var name: String?
    /// The receiver's number as the platform writes it: full, masked, with an extension, or several.
    public var phone: String?
    public var product: String
    public var amountFen: Int64
    public var created: LocalDateTime
    public var paid: LocalDateTime?
    public var status: String
    public var completed: LocalDateTime?

    public init(
        orderNo: String, buyer: String? = nil, name: String? = nil, phone: String? = nil, product: String,
        amountFen: Int64,
        created: LocalDateTime, paid: LocalDateTime?, status: String, completed: LocalDateTime? = nil
    ) {
        self.orderNo = orderNo
        self.buyer = buyer
        self.name = name
        self.phone = phone
        self.product = product
        self.amountFen = amountFen
        self.created = created
        self.paid = paid
        self.status = status
        self.completed = completed
    }
}

/// An after-sales case (refund, return, exchange) as the generator knows it.
public struct ExportAfterSale: Sendable {
    public var caseNo: String
    public var orderNo: String
    public var buyer: String?
    public var name: String?
    public var phone: String?
    public var product: String
    public var amountFen: Int64
    public var applied: LocalDateTime
    /// Nil while the case is open.
    public var done: LocalDateTime?
    public var type: String
    public var reason: String
    public var handler: String
    public var status: String

    public init(
        caseNo: String, orderNo: String, buyer: String? = nil, name: String? = nil, phone: String? = nil,
        product: String,
        amountFen: Int64, applied: LocalDateTime, done: LocalDateTime?, type: String, reason: String, handler: String,
        status: String
    ) {
        self.caseNo = caseNo
        self.orderNo = orderNo
        self.buyer = buyer
        self.name = name
        self.phone = phone
        self.product = product
        self.amountFen = amountFen
        self.applied = applied
        self.done = done
        self.type = type
        self.reason = reason
        self.handler = handler
        self.status = status
    }
}

/// A courier problem registered by the shop's staff (快递异常登记表: no platform defines it).
public struct ExportCourierCase: Sendable {
    public var registered: Day
    public var orderNo: String
    public var trackingNo: String
    public var courier: String
    public var name: String?
    public var phone: String?
    public var problem: String
    public var handler: String
    public var result: String
    public var handled: Day?

    public init(
        registered: Day, orderNo: String, trackingNo: String, courier: String, name: String?, phone: String?,
        problem: String,
        handler: String, result: String, handled: Day?
    ) {
        self.registered = registered
        self.orderNo = orderNo
        self.trackingNo = trackingNo
        self.courier = courier
        self.name = name
        self.phone = phone
        self.problem = problem
        self.handler = handler
        self.result = result
        self.handled = handled
    }
}

/// A review as a review-export tool writes it (Taobao has no official review export).
public struct ExportReview: Sendable {
    public var buyer: String
    public var at: LocalDateTime
    public var level: String
    public var text: String
    public var sku: String

    public init(buyer: String, at: LocalDateTime, level: String, text: String, sku: String) {
        self.buyer = buyer
        self.at = at
        self.level = level
        self.text = text
        self.sku = sku
    }
}

/// Builds a row from a header list: each header's value, or the shape's empty cell.
func row(_ headers: [String], empty: String = "", _ values: [String: String?]) -> [String] {
    headers.map { h in (values[h] ?? nil) ?? empty }
}

func stamp(_ t: LocalDateTime?) -> String? { t.map { $0.isoText(withTime: true) } }
func yuan(_ fen: Int64) -> String { Money.yuanText(fen) }
