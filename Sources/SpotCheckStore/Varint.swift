/// LEB128 varints, as the identity key blocks (``KeyBlock``) and the pool blocks (``PoolBlock``)
/// store their numbers: seven bits a byte, low bits first, the top bit set on all but the last.
enum Varint {
    /// Appends `value`.
    @inline(__always)
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Reads the varint at `at`, moving `at` past it; nil when it is cut short or longer than
    /// 64 bits (a damaged block).
    @inline(__always)
    static func read(_ b: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while at < b.count, shift < 64 {
            let byte = b[at]
            at += 1
            v |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    /// A signed number as an unsigned one, small either side of zero (zigzag).
    @inline(__always)
    static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }

    /// The signed number of a zigzag-encoded one.
    @inline(__always)
    static func unzigzag(_ z: UInt64) -> Int64 { Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1) }
}
