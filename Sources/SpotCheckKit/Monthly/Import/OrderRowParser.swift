import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// An order export's row understood: the order to store and the customer's identity keys.
struct ParsedOrder: Sendable {
    var order: NewOrder
    var keys: KeyPair
}

/// Turns the rows of an order export (`import --kind orders`) into orders, with every problem
/// named by row and column. Unlike the four sheets, a row needs no date: an unpaid order
/// still tells who the buyer of its order number is.
struct OrderRowParser {
    let headers: [String]
    let platform: Platform?
    private let column: [SheetField: Int]
    private let dateFields: [SheetField]

    init(headers: [String], columns: [SheetField: Int], dateFields: [SheetField], platform: Platform?) {
        self.headers = headers
        column = columns
        self.dateFields = dateFields.filter { columns[$0] != nil }
        self.platform = platform
    }

    /// Parses a row; returns nil and appends to `issues` when something is wrong.
    func parse(row: Int, cells: [Cell], issues: inout [RowIssue]) -> ParsedOrder? {
        let before = issues.count
        func cell(_ f: SheetField) -> Cell? { self.cell(f, cells) }
        func issue(_ f: SheetField, _ reason: Message) { issues.append(self.issue(f, reason, row: row, cells: cells)) }
        func text(_ f: SheetField) -> String? {
            guard let c = cell(f) else { return nil }
            if case .error = c { issue(f, Catalog.Import.errorCell); return nil }
            return CellText.clean(c.text)
        }

        guard let order = text(.orderNo) else {
            if issues.count == before { issue(.orderNo, Catalog.Import.orderMissing) }
            return nil
        }
        if case .number(let d)? = cell(.orderNo), d >= 1e15 { issue(.orderNo, Catalog.Import.orderDigitsLost) }
        if CellText.looksScientific(order) { issue(.orderNo, Catalog.Import.orderDigitsLost) }
        let buyer = text(.buyerID)
        var phone: PhoneNumber? = nil
        var alternates: [PhoneNumber] = []
        if let raw = text(.phone), !Masking.isEncrypted(raw) {
            do { (phone, alternates) = try PhoneNumber.parseCell(raw) } catch {
                issue(
                    .phone, error == .scientificNotation ? Catalog.Import.phoneScientific : Catalog.Import.phoneInvalid)
            }
        }
        let paid = paidAt(row: row, cells: cells, issues: &issues)
        var amount: Int64? = nil
        if let a = text(.amount) {
            amount = Money.fen(a)
            if amount == nil { issue(.amount, Catalog.Import.badAmount) }
        }
        // Every cell is read before the row is judged: an error cell (#VALUE!) anywhere is an issue, never a blank.
        let status = text(.orderStatus), name = text(.name), product = text(.product)
        guard issues.count == before else { return nil }

        let fields = RecordFields(
            buyerID: buyer, phone: phone?.text, name: name.flatMap { Masking.isEncrypted($0) ? nil : $0 },
            orderNo: order, product: product, purchaseAt: paid.map(RowParser.stamp), refundStatus: status,
            spent: amount.map(Money.yuanText),
            alternatePhones: alternates.isEmpty ? nil : alternates.map(\.text).joined(separator: "、"),
            platform: platform?.rawValue)
        return parsedOrder(
            row: row, fields: fields, paid: paid, amount: amount,
            keys: IdentityKey.keys(buyerID: buyer, phone: phone, alternates: alternates, order: order))
    }

    /// A field's cell in the row, if the export has the column and the row reaches it.
    private func cell(_ f: SheetField, _ cells: [Cell]) -> Cell? {
        guard let c = column[f], c < cells.count else { return nil }
        return cells[c]
    }

    /// A problem with a field's cell, named by the export's header.
    private func issue(_ f: SheetField, _ reason: Message, row: Int, cells: [Cell]) -> RowIssue {
        RowIssue(row: row, column: column[f].map { headers[$0] }, value: cell(f, cells)?.text, reason: reason)
    }

    /// The first date column filled in, read as the time of payment; one that does not read is an issue.
    private func paidAt(row: Int, cells: [Cell], issues: inout [RowIssue]) -> DateText.Parsed? {
        for f in dateFields {
            guard let c = cell(f, cells), CellText.clean(c.text) != nil else { continue }
            do { return try DateText.parse(c) } catch {
                let reason: Message
                switch error {
                case .unrecognized: reason = Catalog.Import.badDate
                case .noSuchDate: reason = Catalog.Import.noSuchDate
                case .badTime: reason = Catalog.Import.badTime
                }
                issues.append(issue(f, reason, row: row, cells: cells))
                return nil
            }
        }
        return nil
    }

    /// The order to store, with its fingerprint, and the buyer's identity keys.
    private func parsedOrder(
        row: Int, fields: RecordFields, paid: DateText.Parsed?, amount: Int64?,
        keys: KeyPair
    ) -> ParsedOrder {
        var parsed = NewOrder(
            sourceRow: row, paidDay: paid?.day, amountFen: amount,
            isPurchase: paid != nil && VIPDerivation.isPurchase(status: fields.refundStatus),
            fields: fields)
        var f = Fingerprint()
        f.add("orders")
        f.add(fields.packed)
        parsed.fingerprint = f.value
        return ParsedOrder(order: parsed, keys: keys)
    }
}
