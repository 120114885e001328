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

    private mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
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
