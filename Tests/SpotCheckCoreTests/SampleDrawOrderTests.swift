import Testing

@testable import SpotCheckCore

/// The draw as it was written before it shuffled places instead of customers: the whole
/// eligible pool sorted (stably) by sort key and number, split into strata, and the customers
/// themselves shuffled. The draw must give exactly its list.
private func referenceDraw(pool: [PoolCustomer], excluded: Set<Int>, options: DrawOptions) -> DrawResult {
    let notExcluded = pool.filter { !excluded.contains($0.id) }
    let eligible = notExcluded.filter { $0.route != .none }
        .sorted { $0.sortKey != $1.sortKey ? $0.sortKey < $1.sortKey : $0.id < $1.id }
    let perSet = SampleDraw.customersPerSourceSet(eligible)
    let sourceCounts = SampleDraw.perKind(perSet)
    var byStratum: [SourceKind: [PoolCustomer]] = [:]
    for c in eligible {
        let stratum = c.sources.kinds.min { (sourceCounts[$0]!, $0.code) < (sourceCounts[$1]!, $1.code) }!
        byStratum[stratum, default: []].append(c)
    }
    var rng = SeededGenerator(seed: options.seed)
    let kinds = SourceKind.allCases
    let belowMinimum = eligible.count < options.minimum
    let seats = Allocation.proportional(total: options.size, sizes: kinds.map { byStratum[$0]?.count ?? 0 })
    var main: [DrawnCustomer] = []
    var rest: [DrawnCustomer] = []
    var drawnByStratum: [SourceKind: Int] = [:]
    for (i, kind) in kinds.enumerated() {
        var members = byStratum[kind] ?? []
        let chosen = rng.choose(seats[i], from: &members)
        if seats[i] > 0 { drawnByStratum[kind] = seats[i] }
        func item(_ c: PoolCustomer, _ reserve: Bool) -> DrawnCustomer {
            DrawnCustomer(
                rank: 0, customer: c.id, route: c.route, stratum: kind, sources: c.sources, isReserve: reserve)
        }
        main += chosen.map { item($0, false) }
        rest += members[chosen.count...].map { item($0, true) }
    }
    rng.shuffle(&main)
    for i in main.indices { main[i].rank = i + 1 }
    var reserves = Array(rng.choose(belowMinimum ? 0 : options.reserveCount, from: &rest))
    for i in reserves.indices { reserves[i].rank = main.count + i + 1 }
    var drawnBySource: [SourceKind: Int] = [:]
    for c in main { for k in c.sources.kinds { drawnBySource[k, default: 0] += 1 } }
    var routes: [ContactRoute: Int] = [:]
    for c in main { routes[c.route, default: 0] += 1 }
    return DrawResult(
        main: main, reserves: reserves, poolBySource: SampleDraw.perKind(SampleDraw.customersPerSourceSet(pool)),
        poolCustomers: pool.count,
        mergedAcrossSheets: pool.filter { $0.sources.count > 1 }.count,
        excludedByHistory: pool.count - notExcluded.count,
        noContactRoute: notExcluded.count - eligible.count, contactRoutes: routes,
        strata: byStratum.mapValues(\.count), drawnByStratum: drawnByStratum, drawnBySource: drawnBySource,
        belowMinimum: belowMinimum)
}

@Suite("Sample draw order")
struct SampleDrawOrderTests {
    /// A random pool: `count` customers, sort keys from `keys` values (so some are shared), now
    /// and then a number that repeats, every route and every set of sheets.
    func randomPool(_ count: Int, keys: Int, _ rng: inout SeededGenerator) -> [PoolCustomer] {
        (0..<count).map { i in
            let id = rng.uniform(20) == 0 && i > 0 ? rng.uniform(i) + 1 : i + 1
            return PoolCustomer(
                id: id, sources: SourceSet(rawValue: 1 + rng.uniform(15)), sortKey: Int64(rng.uniform(keys)) - 5,
                route: ContactRoute(rawValue: rng.uniform(4))!)
        }
    }

    @Test func theDrawListsExactlyWhatSortingThePoolAndShufflingCustomersListed() throws {
        var rng = SeededGenerator(seed: 20_261_125)
        for trial in 0..<400 {
            let count = trial % 50 == 0 ? 5_000 + rng.uniform(20_000) : rng.uniform(400)
            let pool = randomPool(count, keys: trial % 3 == 0 ? 7 : 1 << 40, &rng)
            let excluded = Set((0..<rng.uniform(count / 5 + 1)).map { _ in rng.uniform(count + 1) + 1 })
            let minimum = 1 + rng.uniform(60)
            let options = DrawOptions(
                size: minimum + rng.uniform(trial % 7 == 0 ? 3 * count + 1 : 40), minimum: minimum,
                reserveRatio: Double(rng.uniform(11)) / 10, seed: UInt64(trial) * 7_919)
            let drawn = try SampleDraw.draw(pool: pool, excluded: excluded, options: options)
            #expect(drawn == referenceDraw(pool: pool, excluded: excluded, options: options), "trial \(trial)")
        }
    }

    @Test func settlingPlacesPutsThereWhatAFullSortPuts() {
        var rng = SeededGenerator(seed: 5)
        for trial in 0..<200 {
            let count = trial % 20 == 0 ? 50_000 : rng.uniform(300)
            let items = (0..<count).map { _ in rng.uniform(trial % 2 == 0 ? 10 : 1 << 30) }
            let sorted = items.sorted()
            let places = (0..<rng.uniform(80)).map { _ in rng.uniform(count + 3) - 1 }
            var settled = items
            RankSelection.settle(places, in: &settled)
            #expect(settled.sorted() == sorted)
            for p in places where sorted.indices.contains(p) { #expect(settled[p] == sorted[p], "trial \(trial)") }
        }
    }

    @Test func settlingAlreadySortedOrReversedItemsStaysCorrect() {
        let up = Array(0..<100_000)
        for items in [up, Array(up.reversed()), up.map { $0 % 2 == 0 ? $0 : 100_000 - $0 }] {
            var settled = items
            RankSelection.settle([0, 1, 49_999, 50_000, 99_999], in: &settled)
            #expect(
                [settled[0], settled[1], settled[49_999], settled[50_000], settled[99_999]] == [
                    0, 1, 49_999, 50_000, 99_999,
                ])
        }
    }

    @Test func shufflingPlacesSwapsAsShufflingAnArrayDoes() {
        for seed in UInt64(0)..<50 {
            let count = Int(seed) * 37 % 500
            var array = Array(0..<count)
            var places = SparsePermutation(count: count)
            var a = SeededGenerator(seed: seed)
            var b = SeededGenerator(seed: seed)
            let k = Int(seed) % 60
            #expect(Array(a.choose(k, from: &array)) == Array(b.choose(k, from: &places)))
            #expect(array == Array(places))
            a.shuffle(&array)
            b.shuffle(&places)
            #expect(array == Array(places))
        }
    }
}
