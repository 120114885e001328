/// A 64-bit content fingerprint (FNV-1a), stable across runs and machines.
///
/// Used to recognise a row already imported and to order customers independently of the
/// order in which files were imported. Swift's `Hasher` is seeded per process, so it cannot
/// serve; no package here offers a small stable hash, so this one is written by hand.
public struct Fingerprint: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A fresh fingerprint.
    public init() {}

    /// Mixes in a field; fields are separated so that ("ab","c") and ("a","bc") differ.
    public mutating func add(_ field: String) {
        if field.utf8.withContiguousStorageIfAvailable({ add(utf8: $0) }) == nil {
            add(utf8: Array(field.utf8))
        }
    }

    /// Mixes in a field given as its UTF-8 bytes (the same value as the String of them).
    public mutating func add(utf8 bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add(utf8: $0) } }

    public mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var h = state
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        h ^= 0x1F  // unit separator
        h &*= 0x0000_0100_0000_01B3
        state = h
    }

    /// Mixes in an integer.
    public mutating func add(_ value: Int) { add(String(value)) }

    /// Mixes in an integer's decimal digits: the same as ``add(_:)-(Int)``, with no String.
    public mutating func add(decimal value: Int) {
        var h = state
        if value < 0 {
            h ^= 0x2D  // "-"
            h &*= 0x0000_0100_0000_01B3
        }
        var power: UInt = 1
        let magnitude = value.magnitude
        while power <= magnitude / 10 { power *= 10 }
        while power > 0 {
            h ^= UInt64(magnitude / power % 10) + 0x30
            h &*= 0x0000_0100_0000_01B3
            power /= 10
        }
        h ^= 0x1F
        h &*= 0x0000_0100_0000_01B3
        state = h
    }

    /// Mixes one field into each of four fingerprints (`a` into `f`, `b` into `g`, …): the same
    /// values as ``add(utf8:)-([UInt8])`` on each, the four side by side, so that each byte's
    /// multiplication runs while the others' are under way. (One field at a time, every byte
    /// waits for the one before it: a million rows' fields took 0.3 s.)
    public static func add(
        _ f: inout Fingerprint, _ a: UnsafeBufferPointer<UInt8>, _ g: inout Fingerprint,
        _ b: UnsafeBufferPointer<UInt8>,
        _ h: inout Fingerprint, _ c: UnsafeBufferPointer<UInt8>, _ k: inout Fingerprint, _ d: UnsafeBufferPointer<UInt8>
    ) {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var (s0, s1, s2, s3) = (f.state, g.state, h.state, k.state)
        let common = min(a.count, b.count, c.count, d.count)
        var i = 0
        while i < common {
            s0 = (s0 ^ UInt64(a[i])) &* prime
            s1 = (s1 ^ UInt64(b[i])) &* prime
            s2 = (s2 ^ UInt64(c[i])) &* prime
            s3 = (s3 ^ UInt64(d[i])) &* prime
            i += 1
        }
        (f.state, g.state, h.state, k.state) = (s0, s1, s2, s3)
        f.add(utf8: UnsafeBufferPointer(rebasing: a[common...]))
        g.add(utf8: UnsafeBufferPointer(rebasing: b[common...]))
        h.add(utf8: UnsafeBufferPointer(rebasing: c[common...]))
        k.add(utf8: UnsafeBufferPointer(rebasing: d[common...]))
    }

    /// The fingerprint as a signed 64-bit integer (SQLite's integer type), finalized with a
    /// 64-bit avalanche so that close inputs land far apart.
    public var value: Int64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int64(bitPattern: z)
    }
}
