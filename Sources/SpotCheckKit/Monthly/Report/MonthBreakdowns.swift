import SpotCheckCore
import SpotCheckText

/// The month's figures broken down by source sheet, by handler and by caller (SPEC Part 1,
/// "The metric": the handler's are the reward/penalty basis), counted once: the report's
/// summary and the manager's page lay them out.
public struct MonthBreakdowns: Sendable {
    /// A group of the sample's cases and their figures.
    public struct Group: Sendable {
        public var name: String
        public var figures: MonthFigures
    }

    /// By source sheet, in the sheets' order; a customer in two sheets counts in both.
    public var bySource: [Group]
    /// By handler, by name; a case without a handler under the catalog's 未知 (a case with two
    /// handlers counts for each).
    public var byHandler: [Group]
    /// By caller, by name, over the cases called.
    public var byCaller: [Group]

    /// The breakdowns of `m`'s sample; names the catalog gives are in `lang`.
    public init(_ m: MonthCases, lang: Lang) {
        let sample = m.sample
        let unknown = Catalog.Report.unknownHandler.text(lang)
        bySource = SourceKind.allCases.map { k in
            Group(
                name: Catalog.Names.sheet(k).text(lang),
                figures: MonthFigures(sample.filter { $0.context.sources.contains(k) }))
        }.filter { $0.figures.cases > 0 }
        var handlers: [String: [CaseView]] = [:]
        for c in sample {
            for h in c.context.handlers.isEmpty ? [unknown] : c.context.handlers { handlers[h, default: []].append(c) }
        }
        byHandler = handlers.sorted { $0.key < $1.key }.map { Group(name: $0.key, figures: MonthFigures($0.value)) }
        var callers: [String: [CaseView]] = [:]
        for c in sample where !c.attempts.isEmpty { callers[c.caller ?? unknown, default: []].append(c) }
        byCaller = callers.sorted { $0.key < $1.key }.map { Group(name: $0.key, figures: MonthFigures($0.value)) }
    }
}
