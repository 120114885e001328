import ArgumentParser
import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// An error of the command line itself (a value it cannot use), shown as it is.
struct UserError: UserFacingError {
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
    /// What `--replace` replaced in a filled workbook, one note per value.
    func replaced(_ conflicts: [ConflictError.Conflict]) {
        for c in conflicts {
            note(
                Catalog.Calls.replacedLine(
                    sheet: c.sheet, row: c.row, column: c.column, recorded: c.recorded, listed: c.listed))
        }
    }

    func note(_ m: Message) { eprint(Catalog.CLI.notePrefix.text(lang) + m.text(lang)) }

    func eprint(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Rewrites the progress line on a terminal.
    func progress(_ m: Message?) {
        guard Output.stderrIsTerminal else { return }
        if let m {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + m.text(lang)).utf8))
        } else {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }

    /// Renders any error as the lines the user reads: the error, then its details indented.
    func lines(for error: Error) -> [String] {
        let prefix = Catalog.CLI.errorPrefix.text(lang)
        guard let e = error as? UserFacingError, let first = e.messages.first else {
            return [prefix + Catalog.CLI.unexpected("\(error)").text(lang)]
        }
        return [prefix + first.text(lang)] + e.messages.dropFirst().map { "  " + $0.text(lang) }
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
