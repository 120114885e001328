import ArgumentParser
import Foundation
import Logging
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckText

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "数据库文件，默认 ./spotcheck.db 或 $SPOTCHECK_DB (the database file).")
    var db: String?

    @Option(name: .long, help: "配置文件夹，默认数据库旁的 spotcheck-config/，否则用内置配置 (a configuration folder).")
    var config: String?

    @Option(name: .long, help: "提示和表格的语言：zh（默认）或 en (language of messages and sheets).")
    var lang: Lang = .zh

    @Option(name: .long, help: "固定“今天”的日期 YYYY-MM-DD，或 $SPOTCHECK_TODAY (fix today's date, for repeatable runs).")
    var today: String?

    @Flag(name: .long, help: "在 stderr 输出诊断信息（耗时）(print diagnostics to stderr).")
    var verbose = false

    /// The database path in effect.
    var dbPath: String { db ?? ProcessInfo.processInfo.environment["SPOTCHECK_DB"] ?? "spotcheck.db" }

    /// The current moment: fixed by --today / SPOTCHECK_TODAY, else the clock; and whether
    /// only its day is known (a date without a time).
    func now() throws -> (moment: LocalDateTime, dayOnly: Bool) {
        if let fixed = today ?? ProcessInfo.processInfo.environment["SPOTCHECK_TODAY"] {
            guard let parsed = try? DateText.parse(fixed) else {
                throw UserError(Catalog.Config.badToday(fixed))
            }
            return (parsed.moment, !parsed.hasTime)
        }
        return (Clock.now(), false)
    }

    /// Opens the workspace.
    func workspace() throws -> Workspace {
        var logger = Logger(label: "spotcheck")
        logger.logLevel = verbose ? .debug : .warning
        logger.debug("allocator: \(Allocator.version.map { "jemalloc \($0)" } ?? "the C library's malloc")")
        let lang = lang
        let onBusy: @Sendable () -> Void = {
            // Said on a terminal only; a script sees the outcome (the command goes on, or fails).
            if Output.stderrIsTerminal { Output(lang: lang).note(Catalog.Config.waitingForDatabase) }
        }
        let clock = try now()
        return try Workspace(
            dbPath: dbPath, configDirectory: config, lang: lang, now: clock.moment, nowIsDayOnly: clock.dayOnly,
            logger: logger, onBusy: onBusy)
    }
}

extension Lang: ExpressibleByArgument {}

/// The wall clock, in local time.
enum Clock {
    static func now() -> LocalDateTime {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        let day = Day(year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday))!
        return LocalDateTime(day: day, hour: Int(tm.tm_hour), minute: Int(tm.tm_min), second: min(59, Int(tm.tm_sec)))!
    }
}

/// Parses `YYYY-MM` for `--month`.
extension GlobalOptions {
    /// The user drawing or submitting (recorded as who did it): `$USER`, else `$LOGNAME`, else
    /// the name of the process's user id (a cron job or container sets neither), else the id itself.
    static var userName: String { userName(environment: ProcessInfo.processInfo.environment) }

    static func userName(environment: [String: String]) -> String {
        for key in ["USER", "LOGNAME"] {
            if let name = environment[key]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        }
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, name.pointee != 0 {
            return String(cString: name)
        }
        return String(uid)
    }
}

extension GlobalOptions {
    /// The language asked for on a command line that may not parse (`--lang en` or `--lang=en`).
    static func requestedLang(_ arguments: [String]) -> Lang {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--lang" && $1 == "en" }
            || arguments.contains("--lang=en") ? .en : .zh
    }
}

/// `--month` (and QA's `--period`, the same thing): every command that works on a month takes it.
let monthNames: NameSpecification = [.customLong("month"), .customLong("period")]
let monthHelp = ArgumentHelp(
    "月份 YYYY-MM，默认为今天所在抽查区间的月份 (the month; default: the month whose window holds today).",
    valueName: "YYYY-MM")

/// The month given, or the month whose window holds today (and the user is told so).
func resolveMonth(_ text: String?, in ws: Workspace, _ out: Output) throws -> YearMonth {
    if let text { return try parseMonth(text) }
    let period = ws.config.settings.period
    let m = period.month(containing: ws.today)
    let w = period.window(of: m)
    out.note(Catalog.CLI.defaultMonth(m.description, window: "\(w.lowerBound) – \(w.upperBound)"))
    return m
}

func parseMonth(_ text: String) throws -> YearMonth {
    guard let m = YearMonth(parsing: text) else { throw UserError(Catalog.Config.badMonth(text)) }
    return m
}

extension GlobalOptions {
    /// Options taking a value, and flags, that may stand before the command.
    static let valued: Set<String> = ["--db", "--config", "--lang", "--today"]
    static let flags: Set<String> = ["--verbose"]

    /// Moves global options found before the first command word to the end of the arguments
    /// (before a `--` terminator, if there is one).
    static func hoist(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if valued.contains(name) {
                leading.append(a)
                if !a.contains("="), i + 1 < args.count { leading.append(args[i + 1]); i += 1 }
            } else if flags.contains(a) {
                leading.append(a)
            } else {
                break
            }
            i += 1
        }
        guard !leading.isEmpty, i < args.count else { return args }
        var rest = Array(args[i...])
        if let dd = rest.firstIndex(of: "--") { rest.insert(contentsOf: leading, at: dd) } else { rest += leading }
        return rest
    }
}
