/// Proportional allocation of a sample over strata (SPEC Part 1: "Stratify by source …
/// proportional allocation, at least one per non-empty source").
///
/// Each non-empty stratum gets its floor of `total × size / poolSize`, raised to at least one;
/// seats left over go by largest remainder to strata that still have customers, and seats
/// over the total are taken back from the most over-served stratum that has more than one.
/// No stratum is ever asked for more than it holds: what it cannot give goes to the others.
public enum Allocation {
    /// Seats per stratum, in the order of `sizes`. When the pool is no bigger than `total`,
    /// every stratum is taken whole.
    public static func proportional(total: Int, sizes: [Int]) -> [Int] {
        precondition(total >= 0 && sizes.allSatisfy { $0 >= 0 })
        let pool = sizes.reduce(0, +)
        if total >= pool { return sizes }
        var seats = Array(repeating: 0, count: sizes.count)
        let nonEmpty = sizes.indices.filter { sizes[$0] > 0 }
        if total < nonEmpty.count {
            // Too few seats for one each: the largest strata first, ties in stratum order.
            let order = nonEmpty.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
            for i in order.prefix(total) { seats[i] = 1 }
            return seats
        }
        // Work in units of 1/pool: stratum i deserves total × size_i units.
        for i in nonEmpty { seats[i] = max(1, total * sizes[i] / pool) }
        func excess(_ i: Int) -> Int { seats[i] * pool - total * sizes[i] }
        var sum = seats.reduce(0, +)
        while sum > total {
            let candidates = nonEmpty.filter { seats[$0] > 1 }
            let i = candidates.max { excess($0) != excess($1) ? excess($0) < excess($1) : $0 > $1 }!
            seats[i] -= 1
            sum -= 1
        }
        while sum < total {
            let candidates = nonEmpty.filter { seats[$0] < sizes[$0] }
            let i = candidates.min { excess($0) != excess($1) ? excess($0) < excess($1) : $0 < $1 }!
            seats[i] += 1
            sum += 1
        }
        return seats
    }
}
