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
        func cell(_ f: SheetField) -> Cell? {
            guard let c = column[f], c < cells.count else { return nil }
            return cells[c]
        }
        func issue(_ f: SheetField, _ reason: Message) {
            issues.append(RowIssue(row: row, column: column[f].map { headers[$0] }, value: cell(f)?.text, reason: reason))
        }
        func text(_ f: SheetField) -> String? {
            guard let c = cell(f) else { return nil }
            if case .error = c { issue(f, Catalog.Import.errorCell); return nil }
            return RowParser.clean(c.text)
        }

        guard let order = text(.orderNo) else {
            if issues.count == before { issue(.orderNo, Catalog.Import.orderMissing) }
            return nil
        }
        if case .number(let d)? = cell(.orderNo), d >= 1e15 { issue(.orderNo, Catalog.Import.orderDigitsLost) }
        if RowParser.looksScientific(order) { issue(.orderNo, Catalog.Import.orderDigitsLost) }
        let buyer = text(.buyerID)
        var phone: PhoneNumber? = nil
        var alternates: [PhoneNumber] = []
        if let raw = text(.phone), !Masking.isEncrypted(raw) {
            do { (phone, alternates) = try PhoneNumber.parseCell(raw) } catch {
                issue(.phone, error == .scientificNotation ? Catalog.Import.phoneScientific : Catalog.Import.phoneInvalid)
            }
        }
        var paid: DateText.Parsed? = nil
        for f in dateFields {
            guard let c = cell(f), RowParser.clean(c.text) != nil else { continue }
            do { paid = try DateText.parse(c) } catch {
                switch error {
                case .unrecognized: issue(f, Catalog.Import.badDate)
                case .noSuchDate: issue(f, Catalog.Import.noSuchDate)
                case .badTime: issue(f, Catalog.Import.badTime)
                }
            }
            break
        }
        var amount: Int64? = nil
        if let a = text(.amount) {
            amount = Money.fen(a)
            if amount == nil { issue(.amount, Catalog.Import.badAmount) }
        }
        guard issues.count == before else { return nil }

        let status = text(.orderStatus)
        let fields = RecordFields(
            buyerID: buyer, phone: phone?.text, name: text(.name).flatMap { Masking.isEncrypted($0) ? nil : $0 }, orderNo: order,
            product: text(.product), purchaseAt: paid.map(RowParser.stamp), refundStatus: status,
            spent: amount.map(Money.yuanText), alternatePhones: alternates.isEmpty ? nil : alternates.map(\.text).joined(separator: "、"),
            platform: platform?.rawValue)
        var parsed = NewOrder(sourceRow: row, paidDay: paid?.day, amountFen: amount,
                              isPurchase: paid != nil && VIPDerivation.isPurchase(status: status), fields: fields)
        var f = Fingerprint()
        f.add("orders")
        f.add(fields.packed)
        parsed.fingerprint = f.value
        return ParsedOrder(order: parsed, keys: IdentityKey.keys(buyerID: buyer, phone: phone, alternates: alternates, order: order))
    }
}
