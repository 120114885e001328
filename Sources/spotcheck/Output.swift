import ArgumentParser
import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// An error to show the user as it is.
struct UserError: Error {
    var messages: [Message]
    init(_ message: Message) { messages = [message] }
    init(_ messages: [Message]) { self.messages = messages }
}

/// Prints to stdout (results) and stderr (errors, warnings, progress).
struct Output {
    let lang: Lang

    func say(_ m: Message) { print(m.text(lang)) }
    func say(_ text: String) { print(text) }

    func warn(_ m: Message) { eprint(Catalog.CLI.warningPrefix.text(lang) + m.text(lang)) }
    func note(_ m: Message) { eprint(Catalog.CLI.notePrefix.text(lang) + m.text(lang)) }

    func eprint(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Rewrites the progress line on a terminal.
    func progress(_ m: Message?) {
        guard Output.stderrIsTerminal else { return }
        if let m { FileHandle.standardError.write(Data(("\r\u{1B}[K" + m.text(lang)).utf8)) } else {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }

    /// Renders any error as the lines the user reads.
    func lines(for error: Error) -> [String] {
        let prefix = Catalog.CLI.errorPrefix.text(lang)
        switch error {
        case let e as UserError:
            return e.messages.map { prefix + $0.text(lang) }
        case let e as FileProblem:
            return [prefix + Catalog.CLI.location(file: e.file, row: e.row, column: e.column).text(lang) + e.message.text(lang)]
        case let e as ImportFailure:
            var out = [prefix + e.summary.text(lang)]
            for (file, i) in e.issues {
                out.append("  " + Catalog.Import.rowProblem(file: file, row: i.row, column: i.column, value: i.value, reason: i.reason).text(lang))
            }
            let listedRows = Set(e.issues.map { "\($0.file)#\($0.issue.row)" }).count
            if e.totalBadRows > listedRows { out.append("  " + Catalog.Import.moreProblems(e.totalBadRows - listedRows).text(lang)) }
            return out
        case let e as ConfigProblem:
            return [prefix + e.message.text(lang)]
        case let e as StoreError:
            switch e {
            case .missing(let path): return [prefix + Catalog.Config.noWorkspace(path).text(lang)]
            case .unusable(let path, let reason): return [prefix + Catalog.Config.unusableDatabase(path, reason).text(lang)]
            case .busy(let path, let seconds): return [prefix + Catalog.Config.databaseBusy(path, seconds: Int(seconds)).text(lang)]
            }
        case let e as DrawFailure:
            return [prefix + Output.message(for: e).text(lang)]
        case let e as CallProblem:
            return [prefix + e.message.text(lang)]
        case let e as QAProblem:
            return [prefix + e.message.text(lang)]
        case let e as VIPProblem:
            return [prefix + e.message.text(lang)]
        case let e as ResultsConflict:
            let summary = e.workbook == .audit ? Catalog.QA.conflicts(e.conflicts.count) : Catalog.Calls.conflicts(e.conflicts.count)
            var out = [prefix + Catalog.labelled(e.file, summary).text(lang)]
            for c in e.conflicts.prefix(SheetImporter.listedIssues) {
                out.append("  " + Catalog.Calls.conflictLine(sheet: c.sheet, row: c.row, column: c.column, recorded: c.recorded, listed: c.listed).text(lang))
            }
            if e.conflicts.count > SheetImporter.listedIssues {
                out.append("  " + Catalog.Import.moreProblems(e.conflicts.count - SheetImporter.listedIssues).text(lang))
            }
            return out
        case let e as ResultsFailure:
            var out = [prefix + Catalog.labelled(e.file, e.summary).text(lang)]
            for p in e.problems.prefix(SheetImporter.listedIssues) {
                out.append("  " + Catalog.Calls.listProblem(sheet: p.sheet, row: p.row, column: p.column, value: p.value, reason: p.reason).text(lang))
            }
            if e.problems.count > SheetImporter.listedIssues {
                out.append("  " + Catalog.Import.moreProblems(e.problems.count - SheetImporter.listedIssues).text(lang))
            }
            return out
        default:
            return [prefix + Catalog.CLI.unexpected("\(error)").text(lang)]
        }
    }

    static func message(for e: DrawFailure) -> Message {
        switch e {
        case .alreadyDrawn(let m, let at, let seed): return Catalog.Sample.alreadyDrawn(month: m.description, at: at, seed: seed)
        case .emptyPool(let m, let w): return Catalog.Sample.emptyPool(month: m.description, window: "\(w.lowerBound) – \(w.upperBound)")
        case .notDrawn(let m): return Catalog.Sample.notDrawn(m.description)
        case .callsRecorded(let m, let a, let c): return Catalog.Sample.callsRecorded(month: m.description, attempts: a, cases: c)
        case .invalid(let p):
            switch p {
            case .sizeBelowMinimum(let s, let m): return Catalog.Sample.sizeBelowMinimum(size: s, minimum: m)
            case .minimumBelowOne(let n): return Catalog.Sample.minimumBelowOne(n)
            case .reserveRatioOutOfRange(let r): return Catalog.Sample.badRatio(r)
            }
        }
    }
}

/// Runs a command body, turning every error into a message on stderr and exit status 1.
func guarded(_ lang: Lang, _ body: () throws -> Void) throws {
    do { try body() } catch let e as ExitCode { throw e } catch let e as CleanExit { throw e } catch {
        let out = Output(lang: lang)
        out.progress(nil)
        for line in out.lines(for: error) { out.eprint(line) }
        throw ExitCode(1)
    }
}
