import Foundation

/// Figures a command prints with `--json`: pretty-printed, keys sorted, as the Swift names
/// spell them (`drawId`, `byRule`), the same for every command.
public protocol JSONOutput: Encodable {}

extension JSONOutput {
    /// The JSON text.
    public func json() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! e.encode(self), as: UTF8.self)
    }
}
