import SpotCheckCore

/// Callback satisfaction beside QA results, per person (SPEC Part 2, "The sheets", last point):
/// the people who are both an after-sales handler of a month's callback sample and an agent of
/// its QA period, their names joined by ``PersonAliases``. Counted once; the manager's
/// 服务质量对照 sheet only lays it out.
struct ServiceComparison {
    /// One person on both sides.
    struct Person {
        var person: PersonAliases.Person
        /// The names the callback sheets and the transcripts give them, sorted.
        var handlerNames: [String]
        var agentNames: [String]
        /// The figures of the cases they handled (a case of two handlers counts for each).
        var callback: MonthFigures
        /// Their QA figures, under all their names.
        var qa: QAFigures.Figures
    }

    /// Sorted by name.
    var people: [Person]

    /// Matches the handlers of `cases` with the agents of `agents` (QA figures by agent name).
    init(cases: [CaseView], agents: [String: QAFigures.Figures], aliases: PersonAliases) {
        var handled: [PersonAliases.Person: (names: Set<String>, cases: [Int: CaseView])] = [:]
        for c in cases {
            for name in c.context.handlers {
                let p = aliases.person(name)
                handled[p, default: ([], [:])].names.insert(name)
                handled[p, default: ([], [:])].cases[c.item.itemNo] = c
            }
        }
        var audited: [PersonAliases.Person: (names: Set<String>, figures: QAFigures.Figures)] = [:]
        for (name, figures) in agents {
            let p = aliases.person(name)
            audited[p, default: ([], QAFigures.Figures())].names.insert(name)
            audited[p, default: ([], QAFigures.Figures())].figures.add(figures)
        }
        people = handled.compactMap { p, h in
            guard let a = audited[p] else { return nil }
            let cases = h.cases.sorted { $0.key < $1.key }.map(\.value)
            return Person(
                person: p, handlerNames: h.names.sorted(), agentNames: a.names.sorted(), callback: MonthFigures(cases),
                qa: a.figures)
        }
        .sorted { $0.person < $1.person }
    }
}
