import Mustache
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// One drawn customer's context, merged from every sheet they stand in this month: what the
/// caller needs to place the call and what the script says.
public struct CustomerContext: Sendable {
    public var name: String?
    public var phone: PhoneNumber?
    /// Further numbers of the customer (备用号码).
    public var alternates: [PhoneNumber]
    public var buyerID: String?
    /// How the customer can be reached: the best route of their records.
    public var route: ContactRoute
    /// The seller centres the customer's records come from.
    public var platforms: [Platform]
    public var sources: SourceSet
    public var orders: [String]
    public var products: [String]
    public var purchaseDate: Day?
    public var situations: [Message]
    public var handlers: [String]
    /// The situation of the record the script is about.
    public var primarySituation: String?
    /// The product of the record the script is about.
    public var primaryProduct: String?

    /// Builds the context. Lists follow the sheets' order (售后, 快递, 评价, VIP); the
    /// script is about the record of the customer's stratum. `orders` are the customer's rows of
    /// the order lookup (import --kind orders): they give the buyer ID, name and phone a sheet
    /// lacks, never more than that.
    public init(records: [SheetRecord], orders lookup: [RecordFields] = [], stratum: SourceKind) {
        let ordered = records.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
        func first<T>(_ f: (SheetRecord) -> T?) -> T? { ordered.lazy.compactMap(f).first }
        func distinct(_ f: (SheetRecord) -> String?) -> [String] {
            var seen = Set<String>(), out: [String] = []
            for r in ordered { if let v = f(r), seen.insert(v).inserted { out.append(v) } }
            return out
        }
        // The customer's fields: the sheets' first, then the orders'.
        let fields = ordered.map(\.fields) + lookup
        func unmasked(_ f: (RecordFields) -> String?) -> String? {
            let values = fields.compactMap(f)
            return values.first { !Masking.isMasked($0) } ?? values.first
        }
        name = unmasked(\.name)
        buyerID = unmasked(\.buyerID)
        let phones = fields.compactMap(\.phone).map(PhoneNumber.init(stored:))
        phone = phones.first { !$0.isMasked } ?? phones.first
        var more: [PhoneNumber] = []
        for p in phones.filter({ !$0.isMasked })
            + fields.flatMap({ ($0.alternatePhones ?? "").split(separator: "、") })
            .map({ PhoneNumber(stored: String($0)) }) where p != phone && !more.contains(p)
        { more.append(p) }
        alternates = more
        route = fields.map(\.contactRoute).min() ?? .none
        var seenPlatforms = Set<String>()
        platforms = fields.compactMap(\.platform).filter { seenPlatforms.insert($0).inserted }.compactMap(
            Platform.init(rawValue:))
        var set = SourceSet()
        for r in ordered { set.insert(SourceSet(r.sourceKind)) }
        sources = set
        orders = distinct(\.orderNo)
        products = distinct(\.product)
        // The sheets' purchase date, else the date of their order in the lookup.
        let orderNumbers = Set(orders)
        purchaseDate =
            (fields.filter { $0.orderNo.map(orderNumbers.contains) ?? false } + fields).lazy
            .compactMap { $0.purchaseAt.flatMap { try? DateText.parse($0) }?.day }.first
        handlers = distinct(\.handler)
        let lead = ordered.first { $0.kind == stratum.code } ?? ordered.first
        primaryProduct = lead?.product ?? first(\.product)
        primarySituation =
            lead?.situation ?? (lead?.sourceKind == .reviews ? lead?.reviewLevel : nil) ?? first(\.situation)
        situations = ordered.map { r in
            var extras: [Message] = []
            let kind = r.sourceKind
            var text = r.situation.map(Catalog.Context.data)
            if kind == .reviews, let level = r.reviewLevel {
                text = r.situation.map { Catalog.Context.review(level: level, text: $0) } ?? Catalog.Context.data(level)
            }
            if let s = r.refundStatus { extras.append(Catalog.Context.refundStatus(s)) }
            let courier = [r.courier, r.trackingNo].compactMap { $0 }.joined(separator: " ")
            if !courier.isEmpty { extras.append(Catalog.Context.courier(courier)) }
            if let s = r.spent { extras.append(Catalog.Context.spent(s)) }
            if let s = r.lastPurchase { extras.append(Catalog.Context.lastPurchase(String(s.prefix(10)))) }
            if kind == .vip && text == nil { text = Catalog.Context.vipCustomer }
            return Catalog.Context.situation(kind: kind, text: text, extras: extras)
        }
    }

    /// Sources as text, e.g. `售后、评价`.
    public func sourcesText(_ lang: Lang) -> String { sources.kinds.map { Catalog.Names.source($0) }.joined(lang) }

    /// Situations, one per line.
    public func situationText(_ lang: Lang) -> String { situations.map { $0.text(lang) }.joined(separator: "\n") }
}

/// The personalised call script, rendered from the Mustache template in `Templates/`
/// (`call-script.mustache`, after seed 000's wording). Values are inserted as plain text.
public struct CallScript: Sendable {
    private let template: MustacheTemplate

    /// Parses the template; an error names the configuration file.
    public init(template: String, location: String) throws {
        do { self.template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template) } catch {
            throw ConfigError(message: Catalog.Config.invalidJSON(location, "\(error)"))
        }
    }

    /// The script for one customer. Variables: shop, salutation, customer, buyer_id,
    /// purchase_date, product, situation, vip (see the template's comment).
    public func render(_ c: CustomerContext, shop: String, lang: Lang) -> String {
        var values: [String: Any] = ["shop": shop, "vip": c.sources == SourceSet(.vip)]
        // A masked name or nickname (赵**, t**2) is never read out: the SOP's form without a name.
        let name = c.name.flatMap { Masking.isMasked($0) ? nil : $0 }
        let buyer = c.buyerID.flatMap { Masking.isMasked($0) ? nil : $0 }
        values["salutation"] = name ?? buyer ?? Catalog.Context.customerFallback.text(lang)
        if let n = name { values["customer"] = n }
        if let b = buyer { values["buyer_id"] = b }
        if let d = c.purchaseDate {
            values["purchase_date"] = Catalog.Context.monthDay(month: d.month, day: d.dayOfMonth).text(lang)
        }
        if let p = c.primaryProduct { values["product"] = p }
        if let s = c.primarySituation { values["situation"] = s }
        return template.render(values).trimmingASCIIWhitespace()
    }
}
