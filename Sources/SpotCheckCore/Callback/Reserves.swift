// SPEC Part 1, "Size, deduplication, reserves": excluded cases bring reserves in, by rank.

/// Which reserves are in play: each case that ends excluded brings the next reserve, by rank,
/// into the list; a reserve that ends excluded brings the next one in turn.
public enum Reserves {
    /// How many reserves (taken in rank order) are in play, given the statuses of the main
    /// list and of the reserves in rank order.
    public static func inPlay(main: [CaseStatus], reserves: [CaseStatus]) -> Int {
        var n = 0
        while n < reserves.count {
            let excluded = main.filter(\.isExcluded).count + reserves.prefix(n).filter(\.isExcluded).count
            if excluded > n { n += 1 } else { break }
        }
        return n
    }
}
