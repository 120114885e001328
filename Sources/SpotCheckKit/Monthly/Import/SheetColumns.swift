import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// The fields SpotCheck reads from the four sheets. Which header feeds which field is
/// configuration (`columns.json`).
public enum SheetField: String, CaseIterable, Sendable, Hashable {
    case buyerID = "buyer_id"
    case phone
    case name
    case orderNo = "order_no"
    case product
    case purchaseDate = "purchase_date"
    case situation
    case handler
    case handledDate = "handled_date"
    case appliedDate = "applied_date"
    case reviewDate = "review_date"
    case reviewLevel = "review_level"
    case refundStatus = "refund_status"
    case courier
    case trackingNo = "tracking_no"
    case spent
    case lastPurchase = "last_purchase"
    /// What the buyer paid for an order (order exports).
    case amount
    /// The order's state (order exports: 交易关闭 and 已取消 are no purchase).
    case orderStatus = "order_status"

    /// The field's position in `allCases` (for array lookups on the import's hot path).
    public var ordinal: Int {
        switch self {
        case .buyerID: return 0
        case .phone: return 1
        case .name: return 2
        case .orderNo: return 3
        case .product: return 4
        case .purchaseDate: return 5
        case .situation: return 6
        case .handler: return 7
        case .handledDate: return 8
        case .appliedDate: return 9
        case .reviewDate: return 10
        case .reviewLevel: return 11
        case .refundStatus: return 12
        case .courier: return 13
        case .trackingNo: return 14
        case .spent: return 15
        case .lastPurchase: return 16
        case .amount: return 17
        case .orderStatus: return 18
        }
    }

    /// Fields that identify the customer.
    public static let identity: [SheetField] = [.buyerID, .phone, .orderNo]

    /// Fields holding dates.
    public var isDate: Bool { [.purchaseDate, .handledDate, .appliedDate, .reviewDate, .lastPurchase].contains(self) }
}

/// Header aliases per field, and per sheet kind the fields that date a row.
public struct ColumnMap: Sendable {
    /// Accepted headers per field, and the mapping of a header row.
    public let headers: HeaderAliases<SheetField>
    /// Per kind, the date fields that place a row in a month, in order of preference.
    public var dateFields: [SourceKind: [SheetField]]
    /// The date fields that date an order export's row (`kinds.orders`), in order of preference.
    public var orderDateFields: [SheetField] = [.purchaseDate]
    /// Headers that only one seller centre's exports carry (normalized), to tell a file's platform.
    public var platformSignatures: [Platform: Set<String>] = [:]

    /// Accepted headers per field, in order of preference.
    public var aliases: [SheetField: [String]] { headers.aliases }

    public init(aliases: [SheetField: [String]], dateFields: [SourceKind: [SheetField]]) {
        headers = HeaderAliases(aliases)
        self.dateFields = dateFields
    }

    static func load(_ source: ConfigSource) throws -> ColumnMap {
        struct File: Decodable {
            struct Kind: Decodable { var date_fields: [String] }
            struct PlatformHeaders: Decodable { var signature_headers: [String] }
            var fields: [String: [String]]
            var kinds: [String: Kind]
            var platforms: [String: PlatformHeaders]?
        }
        let name = "columns.json"
        let f = try source.decode(File.self, from: name)
        var aliases: [SheetField: [String]] = [:]
        for (key, names) in f.fields {
            guard let field = SheetField(rawValue: key) else {
                throw ConfigError(
                    message: Catalog.Config.invalidValue(
                        source.location(name), "fields.\(key)",
                        Catalog.Config.unknownName(SheetField.allCases.map(\.rawValue))))
            }
            aliases[field] = names
        }
        var dateFields: [SourceKind: [SheetField]] = [:]
        for kind in SourceKind.allCases {
            let names = f.kinds[kind.rawValue]?.date_fields ?? []
            dateFields[kind] = try names.map { n in
                guard let field = SheetField(rawValue: n), field.isDate else {
                    throw ConfigError(
                        message: Catalog.Config.invalidValue(
                            source.location(name), "kinds.\(kind.rawValue).date_fields", n))
                }
                return field
            }
            if kind != .vip && dateFields[kind]!.isEmpty {
                throw ConfigError(
                    message: Catalog.Config.invalidValue(
                        source.location(name), "kinds.\(kind.rawValue).date_fields", "[]"))
            }
        }
        var map = ColumnMap(aliases: aliases, dateFields: dateFields)
        if let names = f.kinds["orders"]?.date_fields {
            map.orderDateFields = try names.map { n in
                guard let field = SheetField(rawValue: n), field.isDate else {
                    throw ConfigError(
                        message: Catalog.Config.invalidValue(source.location(name), "kinds.orders.date_fields", n))
                }
                return field
            }
        }
        for (key, p) in f.platforms ?? [:] {
            guard let platform = Platform(rawValue: key) else {
                throw ConfigError(
                    message: Catalog.Config.invalidValue(
                        source.location(name), "platforms.\(key)",
                        Catalog.Config.unknownName(Platform.allCases.map(\.rawValue))))
            }
            map.platformSignatures[platform] = Set(p.signature_headers.map(HeaderText.normalize))
        }
        return map
    }

    /// Maps a header row to fields: for each field, the column of its best alias.
    public func map(headers row: [String]) -> [SheetField: Int] { headers.map(headers: row) }

    /// The seller centre a header row comes from, by its signature headers; nil when unknown.
    public func platform(headers row: [String]) -> Platform? {
        Platform.detect(normalizedHeaders: Set(row.map(HeaderText.normalize)), signatures: platformSignatures)
    }

    /// Whether a row is a totals row (合计/总计/小计) that exports put under the data.
    public static func isTotalsRow(_ cells: [Cell]) -> Bool {
        guard let first = cells.first(where: { !$0.isBlank }), case .text(let t) = first else { return false }
        // Checked on every row: most rows are told apart by their first letter, without normalizing.
        guard mayStartTotals(t) else { return false }
        let s = HeaderText.normalize(t)
        return s.hasPrefix("合计") || s.hasPrefix("总计") || s.hasPrefix("小计")
    }

    /// Whether the first scalar that ``HeaderText/normalize(_:)`` keeps (after the spaces and
    /// leading asterisks it drops) can begin 合计, 总计 or 小计.
    private static func mayStartTotals(_ t: String) -> Bool {
        for u in t.unicodeScalars {
            switch u.value {
            case 0x3000, 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0xFEFF, 0x2A, 0xFF0A: continue
            case 0x5408, 0x603B, 0x5C0F: return true  // 合 总 小
            default: return false
            }
        }
        return false
    }

    /// The required fields a mapping lacks for an order export: the order number (the
    /// lookup's key).
    public func missingForOrders(_ mapping: [SheetField: Int]) -> [[SheetField]] {
        mapping[.orderNo] == nil ? [[.orderNo]] : []
    }

    /// The required fields a mapping lacks for `kind`: an identity field, and a date field
    /// for dated sheets. Each entry lists alternatives.
    public func missing(_ mapping: [SheetField: Int], kind: SourceKind) -> [[SheetField]] {
        var out: [[SheetField]] = []
        if !SheetField.identity.contains(where: { mapping[$0] != nil }) { out.append(SheetField.identity) }
        let dates = dateFields[kind] ?? []
        if !dates.isEmpty && !dates.contains(where: { mapping[$0] != nil }) { out.append(dates) }
        return out
    }
}
