import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// A sheet row understood: the record to store and the customer's identity keys.
struct ParsedRow {
    var record: NewRecord
    /// Prepared here, on the reading thread, so the preparing worker (``NewRows``) only looks them up.
    var keys: IdentityResolver.PreparedKeys
    /// The keys seen for the first time, once the row's customer is resolved (``NewRows``).
    var newKeys = KeyPair()
}

/// Turns the rows of one sheet into records, with every problem named by row and column.
struct RowParser {
    let kind: SourceKind
    let headers: [String]
    let dateFields: [SheetField]
    let vipMonth: YearMonth?
    /// The seller centre the sheet comes from, when known.
    let platform: Platform?
    /// Column of each field, by `SheetField.ordinal` (-1: not in the sheet).
    let column: [Int]
    /// The date fields the sheet has.
    let presentDates: [SheetField]
    /// Whether a parsed row comes with its fingerprint; without, the import computes the
    /// fingerprints of a batch at once (``fingerprints(_:)``) on its preparing worker.
    let fingerprints: Bool

    init(
        kind: SourceKind, headers: [String], columns: [SheetField: Int], dateFields: [SheetField], vipMonth: YearMonth?,
        platform: Platform? = nil, fingerprints: Bool = true
    ) {
        self.fingerprints = fingerprints
        self.kind = kind
        self.platform = platform
        self.headers = headers
        self.dateFields = dateFields
        self.vipMonth = vipMonth
        var column = Array(repeating: -1, count: SheetField.allCases.count)
        for (f, c) in columns { column[f.ordinal] = c }
        self.column = column
        presentDates = SheetField.allCases.filter { $0.isDate && columns[$0] != nil }
    }

    // One function: the sheet import's per-row hot path; its checks share the row's local cell and issue helpers.
    /// Parses a row; returns nil and appends to `issues` when something is wrong.
    func parse(row: Int, cells: [Cell], issues: inout [RowIssue]) -> ParsedRow? {
        let before = issues.count
        func cell(_ f: SheetField) -> Cell? {
            let c = column[f.ordinal]
            guard c >= 0, c < cells.count else { return nil }
            return cells[c]
        }
        func issue(_ f: SheetField?, _ cell: Cell?, _ reason: Message) {
            let column = f.flatMap { self.column[$0.ordinal] >= 0 ? headers[self.column[$0.ordinal]] : nil }
            issues.append(RowIssue(row: row, column: column, value: cell.map { $0.text }, reason: reason))
        }
        func text(_ f: SheetField) -> String? {
            guard let c = cell(f) else { return nil }
            if case .error = c { issue(f, c, Catalog.Import.errorCell); return nil }
            return CellText.clean(c.text)
        }
        func date(_ f: SheetField) -> DateText.Parsed? {
            guard let c = cell(f) else { return nil }
            if case .text(let s) = c, CellText.clean(s) == nil { return nil }
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
        var alternates: [PhoneNumber] = []
        if let raw = text(.phone), !Masking.isEncrypted(raw) {
            do { (phone, alternates) = try PhoneNumber.parseCell(raw) } catch {
                issue(
                    .phone, cell(.phone),
                    error == .scientificNotation ? Catalog.Import.phoneScientific : Catalog.Import.phoneInvalid)
            }
        }
        var order = text(.orderNo)
        if let c = cell(.orderNo) {
            if case .number(let d) = c, d >= 1e15 {
                issue(.orderNo, c, Catalog.Import.orderDigitsLost); order = nil
            } else if let o = order, CellText.looksScientific(o) {
                issue(.orderNo, c, Catalog.Import.orderDigitsLost); order = nil
            }
        }
        // Dates by field ordinal (a small fixed array: no dictionary per row).
        var purchase: DateText.Parsed? = nil, handled: DateText.Parsed? = nil, last: DateText.Parsed? = nil
        var byField = DateSlots()
        for f in presentDates {
            guard let p = date(f) else { continue }
            byField[f] = p
            switch f {
            case .purchaseDate: purchase = p
            case .handledDate: handled = p
            case .lastPurchase: last = p
            default: break
            }
        }
        var eventDay: Day? = nil
        if kind != .vip {
            eventDay = byField.eventDay(dateFields)
            if eventDay == nil && issues.count == before {
                issue(dateFields.first { column[$0.ordinal] >= 0 }, nil, Catalog.Import.dateMissing)
            }
        }
        let keys = IdentityKey.keys(buyerID: buyer, phone: phone, alternates: alternates, order: order)
        if buyer == nil && phone == nil && order == nil && issues.count == before {
            issues.append(RowIssue(row: row, column: nil, value: nil, reason: Catalog.Import.identityMissing))
        }
        guard issues.count == before else { return nil }

        let fields = RecordFields(
            buyerID: buyer, phone: phone?.text, name: text(.name).flatMap { Masking.isEncrypted($0) ? nil : $0 },
            orderNo: order, product: text(.product),
            purchaseAt: purchase.map(RowParser.stamp), situation: text(.situation), handler: text(.handler),
            handledAt: handled.map(RowParser.stamp), reviewLevel: text(.reviewLevel), refundStatus: text(.refundStatus),
            courier: text(.courier), trackingNo: text(.trackingNo), spent: text(.spent),
            lastPurchase: last.map(RowParser.stamp),
            alternatePhones: alternates.isEmpty ? nil : alternates.map(\.text).joined(separator: "、"),
            platform: platform?.rawValue)
        var record = NewRecord(
            kind: kind, eventDay: eventDay, vipMonth: kind == .vip ? vipMonth : nil, sourceRow: row, fields: fields)
        if fingerprints { record.fingerprint = RowParser.fingerprint(record) }
        return ParsedRow(record: record, keys: IdentityResolver.PreparedKeys(keys))
    }

    /// The dates of one row, by field (no dictionary or array per row).
    struct DateSlots {
        var purchase, handled, applied, review, last: DateText.Parsed?
        /// The day a row belongs to: that of the first of `fields` (the sheet's date fields in
        /// order of preference) it has.
        func eventDay(_ fields: [SheetField]) -> Day? {
            for f in fields { if let p = self[f] { return p.day } }
            return nil
        }

        subscript(_ f: SheetField) -> DateText.Parsed? {
            get {
                switch f {
                case .purchaseDate: return purchase
                case .handledDate: return handled
                case .appliedDate: return applied
                case .reviewDate: return review
                default: return last
                }
            }
            set {
                switch f {
                case .purchaseDate: purchase = newValue
                case .handledDate: handled = newValue
                case .appliedDate: applied = newValue
                case .reviewDate: review = newValue
                default: last = newValue
                }
            }
        }
    }

    /// The content fingerprint of a record: the same sheet row always gives the same value.
    static func fingerprint(_ r: NewRecord) -> Int64 {
        var f = Fingerprint()
        f.add(r.kind.rawValue)
        f.add(r.vipMonth?.description ?? "")
        f.add(r.eventDay.map { String($0.ordinal) } ?? "")
        f.add(utf8: r.packedFields)
        return f.value
    }

    /// Sets the fingerprint of each row of a batch: the values of ``fingerprint(_:)``, the packed
    /// fields of four rows mixed side by side (``Fingerprint/add(_:_:_:_:_:_:_:_:)``). The rows are
    /// read in place: a copy of a record retains its fields' bytes.
    static func fingerprints(_ rows: UnsafeMutableBufferPointer<ParsedRow>) {
        // The kind and VIP month of the batch's rows (the same for all of an import's) once.
        var prefixOf: (kind: SourceKind, month: YearMonth?, state: Fingerprint)? = nil
        func start(_ i: Int) -> Fingerprint {
            let record = rows.baseAddress! + i
            let kind = record.pointee.record.kind
            let month = record.pointee.record.vipMonth
            var f: Fingerprint
            if let p = prefixOf, p.kind == kind, p.month == month {
                f = p.state
            } else {
                f = Fingerprint()
                f.add(kind.rawValue)
                f.add(month?.description ?? "")
                prefixOf = (kind, month, f)
            }
            if let d = record.pointee.record.eventDay { f.add(decimal: d.ordinal) } else { f.add("") }
            return f
        }
        // Each row's fields in place, through a mutable access (a read of them copied the record).
        func fields(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            (rows.baseAddress! + i).pointee.record.packedFields.withUnsafeMutableBufferPointer {
                body(UnsafeBufferPointer($0))
            }
        }
        var i = 0
        while i + 4 <= rows.count {
            var f0 = start(i)
            var f1 = start(i + 1)
            var f2 = start(i + 2)
            var f3 = start(i + 3)
            fields(i) { a in
                fields(i + 1) { b in
                    fields(i + 2) { c in
                        fields(i + 3) { d in Fingerprint.add(&f0, a, &f1, b, &f2, c, &f3, d) }
                    }
                }
            }
            rows[i].record.fingerprint = f0.value
            rows[i + 1].record.fingerprint = f1.value
            rows[i + 2].record.fingerprint = f2.value
            rows[i + 3].record.fingerprint = f3.value
            i += 4
        }
        while i < rows.count {
            var f = start(i)
            fields(i) { f.add(utf8: $0) }
            rows[i].record.fingerprint = f.value
            i += 1
        }
    }

    /// A date as stored: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when it had a time.
    static func stamp(_ p: DateText.Parsed) -> String { p.moment.isoText(withTime: p.hasTime) }

}
