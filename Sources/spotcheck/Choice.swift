import ArgumentParser
import SpotCheckCore
import SpotCheckText

/// Parses a value chosen from a list. A wrong one is a usage error (exit 64) that names the
/// closest valid value and lists them all; the shell completes the values.
struct Choice<T: CaseIterable & RawRepresentable> where T.RawValue == String {
    /// The transform for `@Option(transform:)`.
    static func parse(_ text: String) throws -> T {
        let folded = text.lowercased()
        if let v = T.allCases.first(where: { $0.rawValue == folded }) { return v }
        let names = T.allCases.map(\.rawValue)
        let closest = names.min { distance(folded, $0) < distance(folded, $1) }
        let lang = GlobalOptions.requestedLang(Array(CommandLine.arguments.dropFirst()))
        throw ValidationError(Catalog.CLI.unknownValue(text, closest: closest, all: names).text(lang))
    }

    /// The values, for shell completion.
    static var completion: CompletionKind { .list(T.allCases.map(\.rawValue)) }

    /// Edit distance (insertions, deletions, substitutions) between two values.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}
