import Foundation

/// One row of a month's pool as the pool blocks hold it: a record dated on a day, its customer,
/// kind, fingerprint and contact route, and the record's id; in 24 bytes (an import holds a
/// million of them while it stores its rows).
struct PoolEntry: Equatable {
    /// The day (its ordinal, biased so that the unsigned order is the signed one) above the
    /// customer: the pool's order, compared as one number.
    var order: UInt64
    var fingerprint: Int64
    /// The record's id above a byte of kind (low four bits) and route (high four).
    private var tail: UInt64

    /// The record ids an entry holds: 0 up to 2^55.
    static let records: ClosedRange<Int64> = 0...(Int64(1) << 55)

    init(day: Int, customer: Int, kind: UInt8, fingerprint: Int64, route: UInt8, record: Int64) {
        let biased = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: day)) ^ 0x8000_0000)
        order = biased << 32 | UInt64(UInt32(truncatingIfNeeded: customer))
        self.fingerprint = fingerprint
        tail = UInt64(bitPattern: record) << 8 | UInt64(kind & 0x0F | route << 4)
    }

    var day: Int { Int(Int32(bitPattern: UInt32(truncatingIfNeeded: order >> 32) ^ 0x8000_0000)) }
    var customer: Int { Int(order & 0xFFFF_FFFF) }
    var kind: UInt8 { UInt8(truncatingIfNeeded: tail) & 0x0F }
    var route: UInt8 { UInt8(truncatingIfNeeded: tail) >> 4 }
    var record: Int64 { Int64(bitPattern: tail >> 8) }
    /// The byte of kind and route, as a block stores it.
    var kindAndRoute: UInt8 { UInt8(truncatingIfNeeded: tail) }

    /// The same row, of another customer.
    func moved(to customer: Int) -> PoolEntry {
        var e = self
        e.order = order & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(truncatingIfNeeded: customer))
        return e
    }

    /// The order the pool is read in: by day, customer, kind, fingerprint, route, then record
    /// (the order of the index it replaces, `records(event_day, customer_id, kind, fingerprint,
    /// route)`, whose entries end with the record's id).
    static func precedes(_ a: PoolEntry, _ b: PoolEntry) -> Bool {
        if a.order != b.order { return a.order < b.order }
        if a.kind != b.kind { return a.kind < b.kind }
        if a.fingerprint != b.fingerprint { return a.fingerprint < b.fingerprint }
        if a.route != b.route { return a.route < b.route }
        return a.record < b.record
    }
}

/// A block of a day's pool rows, sorted (``PoolEntry/precedes(_:_:)``): for each row the
/// customer as a varint difference from the row before, a byte of kind (low four bits) and
/// route (high four), the fingerprint in eight bytes (little-endian) and the record's id as a
/// zigzag varint difference from the row before. A day of a million-row month is about 33,000
/// rows in 430 KB.
enum PoolBlock {
    /// The most rows a block holds: a day with more is written in several blocks.
    static let rows = 1 << 16

    /// Encodes `entries`, sorted and all of one day.
    static func encode<C: Collection<PoolEntry>>(_ entries: C) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 14)
        var customer = 0
        var record: Int64 = 0
        for e in entries {
            Varint.append(UInt64(e.customer - customer), to: &bytes)
            customer = e.customer
            bytes.append(e.kindAndRoute)
            withUnsafeBytes(of: e.fingerprint.littleEndian) { bytes.append(contentsOf: $0) }
            Varint.append(Varint.zigzag(e.record &- record), to: &bytes)
            record = e.record
        }
        return bytes
    }

    /// Calls `body` with each row of a block: its customer, where its kind-and-route byte and
    /// fingerprint are (nine bytes at that offset), and its record id; false when the block is
    /// damaged (cut short, a number too long, a customer or record id out of the range a
    /// database holds).
    @inline(__always)
    private static func forEachRow(
        _ b: UnsafeBufferPointer<UInt8>, _ body: (_ customer: Int, _ at: Int, _ record: Int64) -> Void
    ) -> Bool {
        var at = 0
        var customer: UInt64 = 0
        var record: Int64 = 0
        while at < b.count {
            guard let step = Varint.read(b, &at), step <= UInt64(Int32.max) else { return false }
            customer += step
            guard customer >= 1, customer <= UInt64(Int32.max), b.count - at >= 9 else { return false }
            let row = at
            at += 9
            guard let zigzag = Varint.read(b, &at) else { return false }
            record &+= Varint.unzigzag(zigzag)
            guard PoolEntry.records.contains(record) else { return false }
            body(Int(customer), row, record)
        }
        return true
    }

    /// Decodes a block of `day` into `out`, appending; false when the block is damaged.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, day: Int, into out: inout [PoolEntry]) -> Bool {
        forEachRow(b) { customer, at, record in
            var fingerprint: UInt64 = 0
            for i in 0..<8 { fingerprint |= UInt64(b[at + 1 + i]) << (8 * UInt64(i)) }
            out.append(
                PoolEntry(
                    day: day, customer: customer, kind: b[at] & 0x0F, fingerprint: Int64(bitPattern: fingerprint),
                    route: b[at] >> 4, record: record))
        }
    }

    /// Appends to `records` the record ids of a block's rows whose customer is in `customers`
    /// (a bit per customer number), reading nothing else of the rows; false when the block is
    /// damaged.
    static func records(
        _ b: UnsafeBufferPointer<UInt8>, of customers: [UInt64], into records: inout [Int64]
    ) -> Bool {
        forEachRow(b) { customer, _, record in
            let word = customer >> 6
            if word < customers.count, customers[word] & (1 << UInt64(customer & 63)) != 0 { records.append(record) }
        }
    }

    /// Sorts `entries` (``PoolEntry/precedes(_:_:)``) and encodes them in blocks: a day each, or
    /// several for a day of more than ``rows`` rows; in the order of their days. The entries are
    /// first parted by day in place (their days span a month or so), then each day is sorted and
    /// encoded, the days spread over the cores.
    static func sortAndEncode(_ entries: inout [PoolEntry]) -> [(day: Int, bytes: [UInt8])] {
        guard let first = entries.first else { return [] }
        var low = first.order >> 32
        var high = low
        for e in entries {
            low = min(low, e.order >> 32)
            high = max(high, e.order >> 32)
        }
        // Days spanning more than 180 years (a damaged date that passed its checks): one sort.
        guard high - low < 1 << 16 else {
            entries.sort(by: PoolEntry.precedes)
            return encodeSorted(entries[...])
        }
        var days: [Range<Int>] = []
        entries.withUnsafeMutableBufferPointer { buffer in
            // Counts per day, then the American flag sort's swaps into place.
            let buckets = Int(high - low) + 1
            var counts = [Int](repeating: 0, count: buckets)
            for e in buffer { counts[Int(e.order >> 32 - low)] += 1 }
            var starts = [Int](repeating: 0, count: buckets)
            var next = 0
            for b in 0..<buckets {
                starts[b] = next
                next += counts[b]
            }
            var fill = starts
            for b in 0..<buckets {
                let end = starts[b] + counts[b]
                while fill[b] < end {
                    let target = Int(buffer[fill[b]].order >> 32 - low)
                    if target == b {
                        fill[b] += 1
                    } else {
                        buffer.swapAt(fill[b], fill[target])
                        fill[target] += 1
                    }
                }
                if counts[b] > 0 { days.append(starts[b]..<end) }
            }
        }
        let ranges = days
        var encoded = [[(day: Int, bytes: [UInt8])]](repeating: [], count: days.count)
        entries.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(entries: buffer)
            encoded.withUnsafeMutableBufferPointer { out in
                let results = SharedResults(blocks: out)
                DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
                    let day = UnsafeMutableBufferPointer(rebasing: shared.entries[ranges[i]])
                    sortDay(day)
                    results.blocks[i] = encodeSorted(UnsafeBufferPointer(day))
                }
            }
        }
        return encoded.flatMap { $0 }
    }

    /// Sorts the entries of one day (``PoolEntry/precedes(_:_:)``): by customer in radix passes
    /// of 11 bits (two for a million customers), which keep the order of equal customers; then
    /// each customer's few rows by kind, fingerprint, route and record. A comparison sort of a
    /// month's million rows took four times as long.
    static func sortDay(_ day: UnsafeMutableBufferPointer<PoolEntry>) {
        guard day.count > 64 else {
            var small = day
            small.sort(by: PoolEntry.precedes)
            return
        }
        var largest: UInt64 = 0
        for e in day { largest = max(largest, e.order & 0xFFFF_FFFF) }
        let scratch = UnsafeMutableBufferPointer<PoolEntry>.allocate(capacity: day.count)
        defer { scratch.deallocate() }
        var from = day
        var to = scratch
        var counts = [Int](repeating: 0, count: 2048)
        var shift: UInt64 = 0
        repeat {
            for i in counts.indices { counts[i] = 0 }
            for e in from { counts[Int((e.order >> shift) & 2047)] += 1 }
            var at = 0
            for i in counts.indices {
                let n = counts[i]
                counts[i] = at
                at += n
            }
            for e in from {
                let digit = Int((e.order >> shift) & 2047)
                (to.baseAddress! + counts[digit]).initialize(to: e)
                counts[digit] += 1
            }
            swap(&from, &to)
            shift += 11
        } while largest >> shift != 0
        if from.baseAddress != day.baseAddress {
            _ = day.update(fromContentsOf: from)
        }
        // One customer's rows of the day (the same `order`): a few, put in order by insertion.
        var start = 0
        while start < day.count {
            var end = start + 1
            while end < day.count, day[end].order == day[start].order { end += 1 }
            if end - start > 32 {
                // A customer with many rows on one day (a shared number merged many together).
                var run = UnsafeMutableBufferPointer(rebasing: day[start..<end])
                run.sort(by: PoolEntry.precedes)
            } else if end - start > 1 {
                for i in (start + 1)..<end {
                    let e = day[i]
                    var j = i
                    while j > start, PoolEntry.precedes(e, day[j - 1]) {
                        day[j] = day[j - 1]
                        j -= 1
                    }
                    day[j] = e
                }
            }
            start = end
        }
    }

    /// The entries being sorted, shared by the threads that sort their days apart.
    private struct SharedBuffer: @unchecked Sendable { let entries: UnsafeMutableBufferPointer<PoolEntry> }
    /// Each day's blocks, written by the thread that encodes it.
    private struct SharedResults: @unchecked Sendable {
        let blocks: UnsafeMutableBufferPointer<[(day: Int, bytes: [UInt8])]>
    }

    /// Encodes sorted entries, a block per day of at most ``rows`` rows.
    static func encodeSorted<C: RandomAccessCollection<PoolEntry>>(_ entries: C) -> [(day: Int, bytes: [UInt8])]
    where C.Index == Int {
        var blocks: [(day: Int, bytes: [UInt8])] = []
        var start = entries.startIndex
        while start < entries.endIndex {
            let day = entries[start].day
            var end = start + 1
            while end < entries.endIndex, end - start < rows, entries[end].day == day { end += 1 }
            blocks.append((day, encode(entries[start..<end])))
            start = end
        }
        return blocks
    }

    /// Merges runs each sorted (``PoolEntry/precedes(_:_:)``) into one, pairwise.
    static func merge(_ runs: [[PoolEntry]]) -> [PoolEntry] {
        var runs = runs.filter { !$0.isEmpty }
        guard runs.count > 1 else { return runs.first ?? [] }
        while runs.count > 1 {
            var next: [[PoolEntry]] = []
            next.reserveCapacity(runs.count / 2 + 1)
            var i = 0
            while i + 1 < runs.count {
                next.append(merge(runs[i], runs[i + 1]))
                i += 2
            }
            if i < runs.count { next.append(runs[i]) }
            runs = next
        }
        return runs[0]
    }

    private static func merge(_ a: [PoolEntry], _ b: [PoolEntry]) -> [PoolEntry] {
        var out: [PoolEntry] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            // Ties (none in a database: a record is in one block) keep `a`'s first.
            if PoolEntry.precedes(b[j], a[i]) {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}
