/// A customer in a month's pool: one person, however many sheets they stand in.
public struct PoolCustomer: Hashable, Sendable {
    /// The customer number.
    public var id: Int
    /// The sheets the customer stands in this month.
    public var sources: SourceSet
    /// An order-independent key (the smallest fingerprint of the customer's records), so the
    /// same data gives the same draw whatever order the files were imported in.
    public var sortKey: Int64
    /// How the customer can be reached; customers no route reaches are not drawn.
    public var route: ContactRoute

    public init(id: Int, sources: SourceSet, sortKey: Int64, route: ContactRoute = .phone) {
        self.id = id
        self.sources = sources
        self.sortKey = sortKey
        self.route = route
    }
}

/// How to draw a month's sample.
public struct DrawOptions: Sendable, Equatable {
    /// Customers on the main list (at least ``minimum``).
    public var size: Int
    /// The SOP's minimum (default 50; never below 1).
    public var minimum: Int
    /// Reserves as a share of the size (default 0.2).
    public var reserveRatio: Double
    /// The seed of the random generator.
    public var seed: UInt64

    public init(size: Int, minimum: Int, reserveRatio: Double, seed: UInt64) {
        self.size = size
        self.minimum = minimum
        self.reserveRatio = reserveRatio
        self.seed = seed
    }

    /// Number of reserves: the ratio of the size, rounded up.
    public var reserveCount: Int {
        let exact = reserveRatio * Double(size)
        return max(0, Int((exact - 1e-9).rounded(.up)))
    }

    /// Problems with the options (empty when valid).
    public func validate() -> [DrawViolation] {
        var problems: [DrawViolation] = []
        if minimum < 1 { problems.append(.minimumBelowOne(minimum)) }
        if size < max(1, minimum) { problems.append(.sizeBelowMinimum(size: size, minimum: minimum)) }
        if !(reserveRatio >= 0 && reserveRatio <= 1) { problems.append(.reserveRatioOutOfRange(reserveRatio)) }
        return problems
    }
}

/// Why a draw cannot be made as asked.
public enum DrawViolation: Error, Sendable, Equatable {
    case minimumBelowOne(Int)
    case sizeBelowMinimum(size: Int, minimum: Int)
    case reserveRatioOutOfRange(Double)
}

/// One customer on a drawn list.
public struct DrawnCustomer: Hashable, Sendable {
    /// Position on the list: main list 1…n, then reserves n+1….
    public var rank: Int
    /// The customer number.
    public var customer: Int
    /// How the customer can be reached.
    public var route: ContactRoute = .phone
    /// The stratum the customer was drawn from.
    public var stratum: SourceKind
    /// The sheets the customer stands in this month.
    public var sources: SourceSet
    /// True for a reserve.
    public var isReserve: Bool
}

/// The outcome of a draw, with the figures the lead is shown.
public struct DrawResult: Sendable, Equatable {
    /// The main list, ranked.
    public var main: [DrawnCustomer]
    /// The reserves, ranked after the main list.
    public var reserves: [DrawnCustomer]
    /// Customers per source in the pool (a customer in two sheets counts in both), before exclusions.
    public var poolBySource: [SourceKind: Int]
    /// Distinct customers in the pool, before exclusions.
    public var poolCustomers: Int
    /// Customers standing in more than one sheet.
    public var mergedAcrossSheets: Int
    /// Customers left out because they were spot-checked within the look-back window.
    public var excludedByHistory: Int
    /// Customers left out because no route reaches them (not counted in ``excludedByHistory``).
    public var noContactRoute: Int = 0
    /// Main-list customers per contact route.
    public var contactRoutes: [ContactRoute: Int] = [:]
    /// Eligible customers per stratum.
    public var strata: [SourceKind: Int]
    /// Main-list seats per stratum.
    public var drawnByStratum: [SourceKind: Int]
    /// Main-list customers per source (a customer in two sheets counts in both).
    public var drawnBySource: [SourceKind: Int]
    /// True when fewer customers were eligible than the minimum: all of them were taken.
    public var belowMinimum: Bool

    /// Eligible customers (pool minus history and the unreachable).
    public var eligible: Int { strata.values.reduce(0, +) }
}

/// Draws a month's spot-check sample (SPEC Part 1, "Size, deduplication, reserves").
///
/// Customers spot-checked within the look-back window are removed first. Every eligible
/// customer is placed in one stratum: the rarest of their sheets this month, so that small
/// sheets are represented. Each stratum is in the order of ``PoolCustomer/sortKey`` (then the
/// customer number, then the place in the pool). Seats are allocated proportionally
/// (``Allocation``), customers are drawn per stratum with a seeded generator, the main list is
/// shuffled into its calling order, and ranked reserves are drawn from those left.
///
/// The generator's numbers depend only on how many customers each stratum holds, so the draw
/// shuffles places in each stratum's order (``SparsePermutation``) and then finds the few
/// customers at the drawn places (``RankSelection``): the same list as shuffling the ordered
/// customers themselves, without ordering a million of them.
public enum SampleDraw {
    /// Draws from `pool`, leaving out the customers in `excluded`.
    public static func draw(
        pool: [PoolCustomer], excluded: Set<Int>, options: DrawOptions
    ) throws(DrawViolation) -> DrawResult {
        if let problem = options.validate().first { throw problem }
        let perSet = customersPerSourceSet(pool)
        let poolBySource = perKind(perSet)
        let merged = perSet.indices.reduce(0) { $0 + (SourceSet(rawValue: $1).count > 1 ? perSet[$1] : 0) }
        let (eligible, excludedCount) = eligiblePlaces(pool, excluded: excluded)
        var members = strata(of: eligible, in: pool)
        let belowMinimum = eligible.count < options.minimum
        let seats = Allocation.proportional(total: options.size, sizes: members.map(\.count))
        let places = drawnPlaces(
            strata: members.map(\.count), seats: seats, reserves: belowMinimum ? 0 : options.reserveCount,
            seed: options.seed)
        var wanted = [[Int]](repeating: [], count: members.count)
        for p in places.main + places.reserves { wanted[p.kind.code].append(p.place) }
        for k in members.indices { RankSelection.settle(wanted[k], in: &members[k]) }
        func drawn(_ p: DrawnPlace, rank: Int, isReserve: Bool) -> DrawnCustomer {
            let c = pool[members[p.kind.code][p.place].at]
            return DrawnCustomer(
                rank: rank, customer: c.id, route: c.route, stratum: p.kind, sources: c.sources, isReserve: isReserve)
        }
        let main = places.main.enumerated().map { drawn($1, rank: $0 + 1, isReserve: false) }
        let reserves = places.reserves.enumerated().map { drawn($1, rank: main.count + $0 + 1, isReserve: true) }
        var strata: [SourceKind: Int] = [:]
        for kind in SourceKind.allCases where !members[kind.code].isEmpty { strata[kind] = members[kind.code].count }
        var drawnByStratum: [SourceKind: Int] = [:]
        for kind in SourceKind.allCases where seats[kind.code] > 0 { drawnByStratum[kind] = seats[kind.code] }
        var drawnBySource: [SourceKind: Int] = [:]
        for c in main { for k in c.sources.kinds { drawnBySource[k, default: 0] += 1 } }
        var routes: [ContactRoute: Int] = [:]
        for c in main { routes[c.route, default: 0] += 1 }
        return DrawResult(
            main: main, reserves: reserves, poolBySource: poolBySource, poolCustomers: pool.count,
            mergedAcrossSheets: merged, excludedByHistory: excludedCount,
            noContactRoute: pool.count - excludedCount - eligible.count, contactRoutes: routes, strata: strata,
            drawnByStratum: drawnByStratum, drawnBySource: drawnBySource, belowMinimum: belowMinimum)
    }

    /// The places in `pool` of the eligible customers (neither in `excluded` nor unreachable), in
    /// pool order, and how many were left out as `excluded`.
    static func eligiblePlaces(_ pool: [PoolCustomer], excluded: Set<Int>) -> (places: [Int], excluded: Int) {
        var places: [Int] = []
        places.reserveCapacity(pool.count)
        var excludedCount = 0
        for (i, c) in pool.enumerated() {
            if !excluded.isEmpty && excluded.contains(c.id) {
                excludedCount += 1
            } else if c.route != .none {
                places.append(i)
            }
        }
        return (places, excludedCount)
    }

    /// A customer's place in a stratum's order: by sort key, then customer number, then place in the pool.
    struct OrderKey: Comparable {
        var sortKey: Int64
        var id: Int
        /// The customer's place in the pool.
        var at: Int

        static func < (a: OrderKey, b: OrderKey) -> Bool { (a.sortKey, a.id, a.at) < (b.sortKey, b.id, b.at) }
    }

    /// A place drawn in a stratum's order.
    struct DrawnPlace {
        var kind: SourceKind
        var place: Int
    }

    /// Draws places in each stratum's order: the main list (in calling order) and the ranked
    /// reserves, from strata of the given sizes with the given seats. The generator is used
    /// exactly as on the customers themselves: seats per stratum in the sheets' order, the main
    /// list shuffled, reserves from the rest taken stratum after stratum.
    static func drawnPlaces(
        strata: [Int], seats: [Int], reserves: Int, seed: UInt64
    ) -> (main: [DrawnPlace], reserves: [DrawnPlace]) {
        var rng = SeededGenerator(seed: seed)
        var main: [DrawnPlace] = []
        var left: [(kind: SourceKind, order: SparsePermutation, from: Int)] = []
        for kind in SourceKind.allCases {
            var order = SparsePermutation(count: strata[kind.code])
            let chosen = rng.choose(seats[kind.code], from: &order)
            main += chosen.map { DrawnPlace(kind: kind, place: $0) }
            left.append((kind, order, chosen.count))
        }
        rng.shuffle(&main)
        var rest = SparsePermutation(count: left.reduce(0) { $0 + $1.order.count - $1.from })
        let picked = rng.choose(reserves, from: &rest).map { position in
            var offset = position
            for l in left {
                if offset < l.order.count - l.from { return DrawnPlace(kind: l.kind, place: l.order[l.from + offset]) }
                offset -= l.order.count - l.from
            }
            preconditionFailure("reserve \(position) beyond the rest")
        }
        return (main, picked)
    }

    /// Places each eligible customer in one stratum: the rarest of their sheets this month, so
    /// that small sheets are represented (ties by the sheets' order). The stratum depends only
    /// on the customer's set of sheets, so it is worked out once per set (a month of a million
    /// customers has at most sixteen). Returns each stratum's customers by kind code, in pool order.
    static func strata(of eligible: [Int], in pool: [PoolCustomer]) -> [[OrderKey]] {
        let perSet = customersPerSourceSet(eligible.lazy.map { pool[$0] })
        let sourceCounts = perKind(perSet)
        let stratumOf: [SourceKind?] = perSet.indices.map { set in
            guard perSet[set] > 0 else { return nil }
            return SourceSet(rawValue: set).kinds.min {
                (sourceCounts[$0]!, $0.code) < (sourceCounts[$1]!, $1.code)
            }
        }
        var members = [[OrderKey]](repeating: [], count: SourceKind.allCases.count)
        for set in perSet.indices { if let s = stratumOf[set] { members[s.code].reserveCapacity(perSet[set]) } }
        for i in eligible {
            let c = pool[i]
            if let stratum = stratumOf[c.sources.rawValue] {
                members[stratum.code].append(OrderKey(sortKey: c.sortKey, id: c.id, at: i))
            }
        }
        return members
    }

    /// How many of `customers` have each set of sheets, by the set's raw value.
    static func customersPerSourceSet<S: Sequence<PoolCustomer>>(_ customers: S) -> [Int] {
        var perSet = [Int](repeating: 0, count: 1 << SourceKind.allCases.count)
        for c in customers {
            // A customer stands in at least one known sheet (as the stratum's choice always required).
            precondition(c.sources.rawValue > 0 && c.sources.rawValue < perSet.count, "sources \(c.sources.rawValue)")
            perSet[c.sources.rawValue] += 1
        }
        return perSet
    }

    /// How many customers stand in each sheet (only the sheets someone stands in).
    static func perKind(_ perSet: [Int]) -> [SourceKind: Int] {
        var out: [SourceKind: Int] = [:]
        for (set, n) in perSet.enumerated() where n > 0 {
            for k in SourceSet(rawValue: set).kinds { out[k, default: 0] += n }
        }
        return out
    }
}
