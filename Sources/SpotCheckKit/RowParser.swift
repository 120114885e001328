import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// A problem with one cell or row of an input file.
public struct RowIssue: Sendable, Equatable {
    /// The row as Excel numbers it.
    public var row: Int
    /// The column's header.
    public var column: String?
    /// The cell's text.
    public var value: String?
    /// What is wrong.
    public var reason: Message
}

/// A sheet row understood: the record to store and the customer's identity keys.
struct ParsedRow {
    var record: NewRecord
    var keys: [IdentityKey]
}

/// Turns the rows of one sheet into records, with every problem named by row and column.
struct RowParser {
    let kind: SourceKind
    let headers: [String]
    let columns: [SheetField: Int]
    let dateFields: [SheetField]
    let vipMonth: YearMonth?

    /// Parses a row; returns nil and appends to `issues` when something is wrong.
    func parse(row: Int, cells: [Cell], issues: inout [RowIssue]) -> ParsedRow? {
        let before = issues.count
        func cell(_ f: SheetField) -> Cell? {
            guard let c = columns[f], c < cells.count else { return nil }
            return cells[c]
        }
        func issue(_ f: SheetField?, _ cell: Cell?, _ reason: Message) {
            let column = f.flatMap { columns[$0] }.map { headers[$0] }
            issues.append(RowIssue(row: row, column: column, value: cell.map { $0.text }, reason: reason))
        }
        func text(_ f: SheetField) -> String? {
            guard let c = cell(f) else { return nil }
            if case .error = c { issue(f, c, Catalog.Import.errorCell); return nil }
            return RowParser.clean(c.text)
        }
        func date(_ f: SheetField) -> DateText.Parsed? {
            guard let c = cell(f) else { return nil }
            if case .text(let s) = c, RowParser.clean(s) == nil { return nil }
            do { return try DateText.parse(c) } catch {
                switch error {
                case .unrecognized: issue(f, c, Catalog.Import.badDate)
                case .noSuchDate: issue(f, c, Catalog.Import.noSuchDate)
                case .badTime: issue(f, c, Catalog.Import.badTime)
                }
                return nil
            }
        }

        let buyer = text(.buyerID)
        var phone: PhoneNumber? = nil
        if let raw = text(.phone) {
            do { phone = try PhoneNumber.parse(raw) } catch {
                issue(.phone, cell(.phone), error == .scientificNotation ? Catalog.Import.phoneScientific : Catalog.Import.phoneInvalid)
            }
        }
        var order = text(.orderNo)
        if let c = cell(.orderNo) {
            if case .number(let d) = c, d >= 1e15 { issue(.orderNo, c, Catalog.Import.orderDigitsLost); order = nil }
            else if let o = order, RowParser.looksScientific(o) { issue(.orderNo, c, Catalog.Import.orderDigitsLost); order = nil }
        }
        var dates: [SheetField: DateText.Parsed] = [:]
        for f in SheetField.allCases where f.isDate && columns[f] != nil {
            if let p = date(f) { dates[f] = p }
        }
        let purchase = dates[.purchaseDate], handled = dates[.handledDate], last = dates[.lastPurchase]
        var eventDay: Day? = nil
        if kind != .vip {
            eventDay = dateFields.lazy.compactMap { dates[$0] }.first?.day
            if eventDay == nil && issues.count == before {
                issue(dateFields.first { columns[$0] != nil }, nil, Catalog.Import.dateMissing)
            }
        }
        let keys = IdentityKey.keys(buyerID: buyer, phone: phone, orderNo: order)
        if buyer == nil && phone == nil && order == nil && issues.count == before {
            issues.append(RowIssue(row: row, column: nil, value: nil, reason: Catalog.Import.identityMissing))
        }
        guard issues.count == before else { return nil }

        var record = NewRecord(
            kind: kind, eventDay: eventDay, vipMonth: kind == .vip ? vipMonth : nil, sourceRow: row,
            buyerID: buyer, phone: phone?.text, name: text(.name), orderNo: order, product: text(.product),
            purchaseAt: purchase.map(RowParser.stamp), situation: text(.situation), handler: text(.handler),
            handledAt: handled.map(RowParser.stamp), reviewLevel: text(.reviewLevel), refundStatus: text(.refundStatus),
            courier: text(.courier), trackingNo: text(.trackingNo), spent: text(.spent), lastPurchase: last.map(RowParser.stamp))
        record.fingerprint = RowParser.fingerprint(record)
        return ParsedRow(record: record, keys: keys)
    }

    /// The content fingerprint of a record: the same sheet row always gives the same value.
    static func fingerprint(_ r: NewRecord) -> Int64 {
        var f = Fingerprint()
        f.add(r.kind.rawValue)
        f.add(r.vipMonth?.description ?? "")
        f.add(r.eventDay.map { String($0.ordinal) } ?? "")
        for field in [r.buyerID, r.phone, r.name, r.orderNo, r.product, r.purchaseAt, r.situation, r.handler, r.handledAt,
                      r.reviewLevel, r.refundStatus, r.courier, r.trackingNo, r.spent, r.lastPurchase] {
            f.add(field ?? "")
        }
        return f.value
    }

    /// A date as stored: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when it had a time.
    static func stamp(_ p: DateText.Parsed) -> String {
        p.hasTime ? String(p.moment.description.prefix(19)) : p.day.description
    }

    /// Cell text without surrounding spaces and the guards exports put around numbers kept as
    /// text (`="3612…"`, a leading apostrophe or tab). Nil when nothing is left.
    static func clean(_ s: String) -> String? {
        var t = s.trimmingASCIIWhitespace()
        if t.hasPrefix("=\""), t.hasSuffix("\""), t.count >= 3 { t = String(t.dropFirst(2).dropLast()) }
        if t.hasPrefix("'") { t.removeFirst() }
        t = t.trimmingASCIIWhitespace()
        return t.isEmpty ? nil : t
    }

    /// `3.61234E+18` and the like: a long number Excel has rounded.
    static func looksScientific(_ s: String) -> Bool {
        guard let e = s.firstIndex(where: { $0 == "E" || $0 == "e" }) else { return false }
        let mantissa = s[..<e], exponent = s[s.index(after: e)...]
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isNumber || $0 == "." }
            && exponent.drop(while: { $0 == "+" }).allSatisfy(\.isNumber) && !exponent.isEmpty
    }
}
