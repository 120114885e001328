/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The standard library has no seeded generator and its `random(in:using:)` algorithms are
/// not promised to stay the same across releases, so draws use this generator and its own
/// ``uniform(_:)``: the same seed gives the same list on any machine, with any toolchain.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias.
    public mutating func uniform(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let v = next()
            if v < limit { return Int(v % b) }
        }
    }

    /// Moves `count` randomly chosen elements to the front of `items`, in the order drawn
    /// (a partial Fisher–Yates shuffle), and returns them.
    public mutating func choose<C: MutableCollection & RandomAccessCollection>(
        _ count: Int, from items: inout C
    ) -> C.SubSequence where C.Index == Int {
        let k = min(count, items.count)
        let first = items.startIndex
        for i in 0..<k {
            let j = i + uniform(items.count - i)
            if i != j { items.swapAt(first + i, first + j) }
        }
        return items[first..<first + k]
    }

    /// Shuffles `items` in place.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ items: inout C)
    where C.Index == Int { _ = choose(items.count, from: &items) }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
