import SpotCheckCore
import Testing

@testable import SpotCheckKit
@testable import SpotCheckStore

@Suite("The order of the audit sheet's rows")
struct AuditOrderTests {
    /// Agent by agent, each in time order: the order of sorting every row by (agent, start,
    /// id), also for names that compare otherwise than their bytes (a decomposed é is the
    /// precomposed one; 张 sorts after 李 by its scalars).
    @Test func rowsGoAgentByAgentEachInTimeOrder() {
        let t0 = LocalDateTime(day: Day(year: 2026, month: 11, day: 2)!, hour: 9)!
        let agents = ["张伟", "李娜", "Ren\u{E9}", "Rene\u{301}", "", "Bob", "张伟 ", "a", "B"]
        var stored: [TranscriptRow] = []
        for id in 0..<400 {
            stored.append(
                TranscriptRow(
                    id: id, externalID: "C\(id)", channel: .chat, agent: agents[(id * 7) % agents.count],
                    customer: nil, started: t0.adding(milliseconds: Int64((id * 37) % 50) * 60_000),
                    period: "2026-11", utteranceCount: 1, fingerprint: 0))
        }
        // As the store gives them: in time order, then by id.
        stored.sort { ($0.started.milliseconds, $0.id) < ($1.started.milliseconds, $1.id) }
        let sorted = stored.sorted {
            ($0.agent, $0.started.milliseconds, $0.id) < ($1.agent, $1.started.milliseconds, $1.id)
        }
        #expect(AuditWorkbook.byAgent(stored).map(\.id) == sorted.map(\.id))
        #expect(AuditWorkbook.byAgent([]).isEmpty)
    }
}
