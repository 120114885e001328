/// The 20% audit sample (SPEC Part 2, "Sampling"): per agent, ceil(rate × their transcripts
/// of the period), at least one; seeded; a transcript already drawn is never drawn again, and
/// a later draw only tops an agent up to their share.
public enum AuditSampling {
    /// Transcripts an agent should have in the sample.
    public static func share(of count: Int, rate: Double) -> Int {
        guard count > 0 else { return 0 }
        return max(1, Int((rate * Double(count) - 1e-9).rounded(.up)))
    }

    /// Draws, per agent, the transcripts still owed. `transcripts` are (id, agent, stable key);
    /// `sampled` the ids already drawn.
    public static func draw(
        transcripts: [(id: Int, agent: String, key: Int64)], sampled: Set<Int>, rate: Double,
        seed: UInt64
    ) -> [String: [Int]] {
        var byAgent: [String: [(id: Int, key: Int64)]] = [:]
        for t in transcripts { byAgent[t.agent, default: []].append((t.id, t.key)) }
        var rng = SeededGenerator(seed: seed)
        var out: [String: [Int]] = [:]
        for agent in byAgent.keys.sorted() {
            let all = byAgent[agent]!.sorted { ($0.key, $0.id) < ($1.key, $1.id) }
            let already = all.filter { sampled.contains($0.id) }.count
            let owed = share(of: all.count, rate: rate) - already
            var open = all.filter { !sampled.contains($0.id) }.map(\.id)
            let chosen = Array(rng.choose(max(0, owed), from: &open))
            if !chosen.isEmpty { out[agent] = chosen }
        }
        return out
    }
}
