import Foundation
import SpotCheckCore
import SpotCheckText

/// A QA command that cannot go ahead (no transcripts, no sample yet, a bad rate), with the
/// reason and what to do.
public struct QAError: UserFacingError, Sendable, Equatable {
    public var message: Message
    public var messages: [Message] { [message] }
    public init(_ message: Message) { self.message = message }
}

/// The configuration of transcript QA: the banned phrases, the checks' phrase lists and
/// limits, the scorecard, the import's columns, and the folding table. Loaded only by the QA
/// commands (building the folding table takes a few milliseconds).
public struct QAConfiguration: Sendable {
    public var checks: TranscriptChecks
    public var scorecard: Scorecard
    public var sampleRate: Double
    public var columns: TranscriptColumns

    /// Loads and checks every QA file.
    public static func load(_ source: ConfigSource) throws -> QAConfiguration {
        let folder = TextFolder(simplified: try loadT2S(source))
        let matcher = try loadPhrases(source, folder: folder)
        let (rules, rate) = try loadRules(source)
        let card = try loadScorecard(source, rules: rules)
        return QAConfiguration(
            checks: TranscriptChecks(rules: rules, phrases: matcher, folder: folder), scorecard: card, sampleRate: rate,
            columns: try TranscriptColumns.load(source))
    }

    /// `banned-phrases.json`: the phrases (each at least two characters once folded) and the exceptions.
    private static func loadPhrases(_ source: ConfigSource, folder: TextFolder) throws -> PhraseMatcher {
        struct Phrases: Decodable {
            struct P: Decodable { var pattern: String; var category: String; var severity: Int }
            var max_gap: Int?
            var phrases: [P]
            var exceptions: [String]?
        }
        let p = try source.decode(Phrases.self, from: "banned-phrases.json")
        let ploc = source.location("banned-phrases.json")
        for x in p.phrases where folder.fold(x.pattern.replacingOccurrences(of: "*", with: "")).count < 2 {
            throw ConfigError(
                message: Catalog.Config.invalidValue(ploc, "phrases", Catalog.Config.phraseTooShort(x.pattern)))
        }
        return PhraseMatcher(
            phrases: p.phrases.map { BannedPhrase(pattern: $0.pattern, category: $0.category, severity: $0.severity) },
            exceptions: p.exceptions ?? [], folder: folder, maxGap: p.max_gap ?? 6)
    }

    /// `qa.json`: the checks' limits and phrase lists, and the audit sample's rate.
    private static func loadRules(_ source: ConfigSource) throws -> (QARules, Double) {
        struct Rules: Decodable {
            var silence_seconds: Double?
            var chat_first_response_seconds: Double?
            var sample_rate: Double?
            var greetings: [String]
            var closings: [String]
            var prompts: [String]
            var apologies: [String]
            var waits: [String]
        }
        let r = try source.decode(Rules.self, from: "qa.json")
        let rloc = source.location("qa.json")
        let rate = r.sample_rate ?? 0.2
        guard rate > 0 && rate <= 1 else {
            throw ConfigError(message: Catalog.Config.invalidValue(rloc, "sample_rate", "0–1"))
        }
        let rules = QARules(
            silenceMs: Int(((r.silence_seconds ?? 3) * 1000).rounded()),
            responseMs: Int(((r.chat_first_response_seconds ?? 15) * 1000).rounded()),
            greetings: r.greetings, closings: r.closings, prompts: r.prompts, apologies: r.apologies, waits: r.waits)
        return (rules, rate)
    }

    /// `scorecard.json` as written (`name_en`, `category_en` for English sheets, optional).
    private struct Card: Decodable {
        struct Item: Decodable {
            var id: String; var name: String; var category: String; var weight: Double; var allowed: [Int];
            var critical: Bool?
            var checks: [String]?
            var name_en: String?; var category_en: String?
        }
        var pass_mark: Double
        var items: [Item]
    }

    /// `scorecard.json`: the items (their names with the limits of qa.json, the automatic checks
    /// they cover) and the pass mark.
    private static func loadScorecard(_ source: ConfigSource, rules: QARules) throws -> Scorecard {
        let c = try source.decode(Card.self, from: "scorecard.json")
        let shipped = try shippedChecks()
        let items = try c.items.enumerated().map { k, item in
            Scorecard.Item(
                id: item.id, name: withLimits(item.name, rules), category: item.category, weight: item.weight,
                allowed: item.allowed, critical: item.critical ?? false,
                checks: try checks(item.checks ?? shipped[item.id] ?? [], key: "items[\(k)].checks", source),
                englishName: item.name_en.map { withLimits($0, rules) }, englishCategory: item.category_en)
        }
        let card = Scorecard(items: items, passMark: c.pass_mark)
        if let problem = card.problems().first {
            throw ConfigError(
                message: Catalog.Config.invalidValue(
                    source.location("scorecard.json"), "items", Catalog.Config.scorecard(problem)))
        }
        return card
    }

    /// The automatic checks an item covers, by their names in `scorecard.json`.
    private static func checks(_ names: [String], key: String, _ source: ConfigSource) throws -> [QARule] {
        try names.map { name in
            guard let rule = QARule(rawValue: name) else {
                throw ConfigError(
                    message: Catalog.Config.invalidValue(
                        source.location("scorecard.json"), key,
                        Catalog.Config.unknownName(QARule.allCases.map(\.rawValue))))
            }
            return rule
        }
    }

    /// The checks of the shipped scorecard's items, by id: what an item of a `scorecard.json`
    /// written before items named their checks covers (its id is the shipped item's).
    private static func shippedChecks() throws -> [String: [String]] {
        let source = ConfigSource(directory: nil)
        let card = try source.decode(Card.self, from: "scorecard.json")
        var out: [String: [String]] = [:]
        for item in card.items { out[item.id] = item.checks ?? [] }
        return out
    }

    /// A scorecard item's name with the limits of `qa.json` written in, so that the audit
    /// workbook and the report state the limits the checks ran with: `{silence_seconds}` and
    /// `{chat_first_response_seconds}` (及时响应（{chat_first_response_seconds}秒内）).
    static func withLimits(_ name: String, _ rules: QARules) -> String {
        name.replacingOccurrences(of: "{silence_seconds}", with: Catalog.QA.seconds(rules.silenceMs))
            .replacingOccurrences(of: "{chat_first_response_seconds}", with: Catalog.QA.seconds(rules.responseMs))
    }

    /// The traditional → simplified table (`t2s-characters.tsv`).
    static func loadT2S(_ source: ConfigSource) throws -> [Unicode.Scalar: Unicode.Scalar] {
        var out: [Unicode.Scalar: Unicode.Scalar] = [:]
        for line in try source.text("t2s-characters.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let a = parts[0].unicodeScalars.first, let b = parts[1].unicodeScalars.first else {
                continue
            }
            out[a] = b
        }
        return out
    }
}

/// The fields of a transcript export, and the words for roles and channels.
public struct TranscriptColumns: Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case transcript, agent, customer, channel, role, time, end, text, startedAt = "started_at"
    }
    /// Accepted headers per field, and the mapping of a header row.
    public let headers: HeaderAliases<Field>
    public var roles: [String: Speaker]
    public var channels: [String: Channel]
    /// Whether `店铺名:客服` (a 千牛 sub-account) counts as just `客服`, so that an agent's chats
    /// and calls come together.
    public var stripShopPrefix: Bool

    /// The agent's name as the checks and sheets use it.
    public func agentName(_ raw: String) -> String {
        guard stripShopPrefix, let i = raw.lastIndex(where: { $0 == ":" || $0 == "：" }) else { return raw }
        let name = raw[raw.index(after: i)...].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? raw : name
    }

    static func load(_ source: ConfigSource) throws -> TranscriptColumns {
        struct File: Decodable {
            var fields: [String: [String]]
            var roles: [String: [String]]
            var channels: [String: [String]]
            var strip_shop_prefix: Bool?
        }
        let name = "qa-columns.json"
        let f = try source.decode(File.self, from: name)
        var aliases: [Field: [String]] = [:]
        for (k, v) in f.fields {
            guard let field = Field(rawValue: k) else {
                throw ConfigError(
                    message: Catalog.Config.invalidValue(
                        source.location(name), "fields.\(k)", Catalog.Config.unknownName(Field.allCases.map(\.rawValue))
                    ))
            }
            aliases[field] = v
        }
        /// Each value's words (and its own name), normalized like headers.
        func words<T: RawRepresentable & CaseIterable>(_ table: [String: [String]], _ key: String) throws -> [String: T]
        where T.RawValue == String {
            var out: [String: T] = [:]
            for (k, list) in table {
                guard let value = T(rawValue: k) else {
                    throw ConfigError(
                        message: Catalog.Config.invalidValue(
                            source.location(name), "\(key).\(k)", Catalog.Config.unknownName(T.allCases.map(\.rawValue))
                        ))
                }
                for w in list + [k] { out[HeaderText.normalize(w)] = value }
            }
            return out
        }
        let roles: [String: Speaker] = try words(f.roles, "roles")
        let channels: [String: Channel] = try words(f.channels, "channels")
        return TranscriptColumns(
            headers: HeaderAliases(aliases), roles: roles, channels: channels,
            stripShopPrefix: f.strip_shop_prefix ?? true)
    }

    /// Header → field.
    public func map(headers row: [String]) -> [Field: Int] { headers.map(headers: row) }
}
