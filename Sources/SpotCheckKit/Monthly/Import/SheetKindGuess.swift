import SpotCheckCore
import SpotCheckFormats

/// Which kind of sheet a file is, told by its headers through the column aliases
/// (`columns.json`), so an upload can propose a kind that the person then confirms.
///
/// Each kind has fields only it carries: a review sheet its review date or level, a VIP list
/// the customer's spending or last purchase, an order export the order's state or amount and
/// no one handling a case, a courier sheet the carrier or tracking number; an after-sales
/// sheet has a handler, a situation, a refund state or a handled or applied date. The kind
/// must also find the columns its import requires, else there is no guess.
extension ColumnMap {
    /// The kind a header row's mapping (``map(headers:)``) points to; nil when none fits.
    public func kind(of mapping: [SheetField: Int]) -> ImportKind? {
        func has(_ fields: SheetField...) -> Bool { fields.contains { mapping[$0] != nil } }
        let kind: ImportKind
        if has(.reviewDate, .reviewLevel) {
            kind = .reviews
        } else if has(.spent, .lastPurchase) {
            kind = .vip
        } else if has(.orderStatus, .amount) && !has(.handler, .situation) {
            kind = .orders
        } else if has(.courier, .trackingNo) {
            kind = .courier
        } else if has(.handler, .situation, .refundStatus, .handledDate, .appliedDate) {
            kind = .afterSales
        } else {
            return nil
        }
        let missing = kind.sheet.map { self.missing(mapping, kind: $0) } ?? missingForOrders(mapping)
        return missing.isEmpty ? kind : nil
    }
}

/// The guess for one file: its kind (nil when the headers say nothing), its seller centre,
/// and the header row it was told by.
public struct SheetKindGuess: Sendable, Equatable {
    public var kind: ImportKind?
    public var platform: Platform?
    public var headers: [String]

    /// Rows looked at for the header row, as the import does (a title row may stand above it).
    static let headerRows = 10

    /// Reads the first rows of `path` (CSV or XLSX) and guesses from the row that maps the most
    /// fields. A file that cannot be read as a sheet is the import's error (``FileError``).
    public static func guess(path: String, columns: ColumnMap) throws -> SheetKindGuess {
        let file = try TabularFile(path: path)
        var best: (headers: [String], mapping: [SheetField: Int])? = nil
        var looked = 0
        do {
            try file.forEachRow { _, cells in
                if cells.allSatisfy(\.isBlank) { return }
                let headers = cells.map { $0.text.trimmingASCIIWhitespace() }
                let mapping = columns.map(headers: headers)
                if mapping.count > best?.mapping.count ?? 0 { best = (headers, mapping) }
                looked += 1
                if looked >= headerRows { throw Enough() }
            }
        } catch is Enough {}
        guard let best else { return SheetKindGuess(kind: nil, platform: nil, headers: []) }
        return SheetKindGuess(
            kind: columns.kind(of: best.mapping), platform: columns.platform(headers: best.headers),
            headers: best.headers)
    }

    /// Stops reading once the header rows were seen.
    private struct Enough: Error {}
}
