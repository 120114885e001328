import Foundation

/// Figures a command prints with `--json`: pretty-printed, keys sorted, every key in
/// snake_case (`draw_id`, `by_rule`), the same for every command.
public protocol JSONOutput: Encodable {}

extension JSONOutput {
    /// The JSON text.
    public func json() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try! e.encode(self), as: UTF8.self)
    }
}
