import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// A problem with a configuration file.
public struct ConfigError: UserFacingError, Sendable, Equatable {
    public var message: Message
    public var messages: [Message] { [message] }
}

/// Where configuration files come from: a folder (the workspace's editable copy, or
/// `--config DIR`), falling back file by file to the defaults built into the binary.
public struct ConfigSource: Sendable {
    /// The folder, if any.
    public var directory: String?

    public init(directory: String?) { self.directory = directory }

    /// The shipped defaults, by file name.
    public static var defaults: [String: String] { EmbeddedTemplates.files }

    /// The text of a configuration file.
    public func text(_ name: String) throws -> String {
        if let directory {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                    throw ConfigError(message: Catalog.Config.invalidJSON(path, "\(error.localizedDescription)"))
                }
            }
        }
        guard let text = ConfigSource.defaults[name] else {
            throw ConfigError(message: Catalog.Config.missingTemplate(name))
        }
        return text
    }

    /// Where a file is read from, for messages.
    public func location(_ name: String) -> String {
        if let directory {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return "Templates/\(name)"
    }

    /// Decodes a JSON configuration file.
    public func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        let text = try self.text(name)
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch let error as DecodingError {
            throw ConfigError(message: Catalog.Config.invalidJSON(location(name), ConfigSource.describe(error)))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c):
            return (c.underlyingError.map { "\($0)" } ?? c.debugDescription)
                + (c.codingPath.isEmpty ? "" : " @ \(path(c))")
        case .keyNotFound(let key, let c): return "missing \"\(key.stringValue)\" @ \(path(c))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) @ \(path(c))"
        @unknown default: return "\(error)"
        }
    }
}

/// Settings of the monthly spot-check (`spotcheck.json`).
public struct SpotCheckSettings: Sendable, Equatable {
    /// The shop's name, used in the call script.
    public var shopName: String
    /// The SOP's minimum sample size (at least 1).
    public var minimum: Int
    /// Reserves as a share of the size.
    public var reserveRatio: Double
    /// Months a spot-checked customer is not drawn again.
    public var lookbackMonths: Int
    /// The monthly cut-off and deadline days.
    public var period: PeriodRules
    /// The satisfaction target on the 5-point scale.
    public var target: Double

    struct File: Decodable {
        struct Sample: Decodable {
            var minimum: Int?
            var reserve_ratio: Double?
            var lookback_months: Int?
            var cutoff_day: Int?
            var deadline_day: Int?
        }
        struct Metric: Decodable { var target: Double? }
        var shop_name: String?
        var sample: Sample?
        var satisfaction: Metric?
    }

    static func load(_ source: ConfigSource) throws -> SpotCheckSettings {
        let name = "spotcheck.json"
        let f = try source.decode(File.self, from: name)
        let s = SpotCheckSettings(
            shopName: f.shop_name ?? "", minimum: f.sample?.minimum ?? 50, reserveRatio: f.sample?.reserve_ratio ?? 0.2,
            lookbackMonths: f.sample?.lookback_months ?? 12,
            period: PeriodRules(cutoffDay: f.sample?.cutoff_day ?? 26, deadlineDay: f.sample?.deadline_day ?? 27),
            target: f.satisfaction?.target ?? 4.0)
        let loc = source.location(name)
        if s.minimum < 1 { throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.minimum", "≥ 1")) }
        if !(0...1).contains(s.reserveRatio) {
            throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.reserve_ratio", "0–1"))
        }
        if s.lookbackMonths < 0 {
            throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.lookback_months", "≥ 0"))
        }
        if !(1...5).contains(s.target) {
            throw ConfigError(message: Catalog.Config.invalidValue(loc, "satisfaction.target", "1–5"))
        }
        for p in s.period.validate() {
            switch p {
            case .cutoffOutOfRange:
                throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.cutoff_day", "1–31"))
            case .deadlineOutOfRange:
                throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.deadline_day", "1–31"))
            case .deadlineBeforeCutoff:
                throw ConfigError(message: Catalog.Config.invalidValue(loc, "sample.deadline_day", "≥ cutoff_day"))
            }
        }
        return s
    }
}

/// The whole configuration a command works with.
public struct SpotCheckConfiguration: Sendable {
    public var source: ConfigSource
    public var settings: SpotCheckSettings
    public var columns: ColumnMap
    public var calendar: HolidayCalendar
    public var callingHours: CallingHours
    public var callScript: String

    /// Loads every file, checking each.
    public static func load(_ source: ConfigSource) throws -> SpotCheckConfiguration {
        SpotCheckConfiguration(
            source: source,
            settings: try SpotCheckSettings.load(source),
            columns: try ColumnMap.load(source),
            calendar: try loadCalendar(source),
            callingHours: try loadCallingHours(source),
            callScript: try source.text("call-script.mustache"))
    }

    static func loadCalendar(_ source: ConfigSource) throws -> HolidayCalendar {
        struct File: Decodable {
            struct Holiday: Decodable { var name: String; var from: String; var to: String }
            struct Workday: Decodable { var name: String; var date: String }
            struct Year: Decodable { var holidays: [Holiday]; var workdays: [Workday] }
            var years: [String: Year]
        }
        let name = "calendar-cn.json"
        let f = try source.decode(File.self, from: name)
        let loc = source.location(name)
        func day(_ s: String, _ key: String) throws -> Day {
            guard let p = try? DateText.parse(s) else {
                throw ConfigError(message: Catalog.Config.invalidValue(loc, key, s))
            }
            let d = p.day
            return d
        }
        var holidays: [Day: String] = [:], workdays: [Day: String] = [:], years: Set<Int> = []
        for (y, year) in f.years {
            guard let yn = Int(y) else { throw ConfigError(message: Catalog.Config.invalidValue(loc, "years", y)) }
            years.insert(yn)
            for h in year.holidays {
                let a = try day(h.from, "\(y).holidays.from"), b = try day(h.to, "\(y).holidays.to")
                guard a <= b else {
                    throw ConfigError(message: Catalog.Config.invalidValue(loc, "\(y).holidays", "\(h.from) > \(h.to)"))
                }
                var d = a
                while d <= b { holidays[d] = h.name; d = d.adding(days: 1) }
            }
            for w in year.workdays { workdays[try day(w.date, "\(y).workdays.date")] = w.name }
        }
        return HolidayCalendar(holidays: holidays, makeUpWorkdays: workdays, coveredYears: years)
    }

    static func loadCallingHours(_ source: ConfigSource) throws -> CallingHours {
        struct File: Decodable { var workday: [String]; var rest_day: [String] }
        let name = "calling-hours.json"
        let f = try source.decode(File.self, from: name)
        func spans(_ list: [String], _ key: String) throws -> [MinuteSpan] {
            try list.map { s in
                guard let span = MinuteSpan(parsing: s) else {
                    throw ConfigError(message: Catalog.Config.invalidValue(source.location(name), key, s))
                }
                return span
            }
        }
        return CallingHours(workday: try spans(f.workday, "workday"), restDay: try spans(f.rest_day, "rest_day"))
    }
}
