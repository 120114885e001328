import Testing

@testable import SpotCheckCore

@Suite("The resolver's key tables")
struct KeyTableTests {
    @Test func numericKeysKeepTheirCustomersThroughGrowth() {
        var t = KeyTable(texts: false)
        // Phones as the resolver holds them share their high bits; zero is a key like any other.
        let keys: [UInt64] = [0] + (0..<50_000).map { (11 << 56) | (13_900_000_000 + UInt64($0) * 7) }
        for (i, k) in keys.enumerated() { t.set(k, i + 1) }
        #expect(t.count == keys.count)
        #expect(keys.enumerated().allSatisfy { t.get($0.element) == $0.offset + 1 })
        #expect(t.get(12 << 56) == nil)
        t.set(keys[7], 99)
        #expect(t.get(keys[7]) == 99)
        #expect(t.count == keys.count)
    }

    @Test func textKeysOfOneHashStayApart() {
        var t = KeyTable(texts: true)
        t.set(HashedKey(text: "lily", hash: 42), 1)
        t.set(HashedKey(text: "wang", hash: 42), 2)
        #expect(t.get(HashedKey(text: "lily", hash: 42)) == 1)
        #expect(t.get(HashedKey(text: "wang", hash: 42)) == 2)
        #expect(t.get(HashedKey(text: "zhao", hash: 42)) == nil)
        for i in 0..<20_000 { t.set(HashedKey("buyer\(i)"), 10 + i) }
        #expect(t.count == 20_002)
        #expect(t.get(HashedKey(text: "wang", hash: 42)) == 2)
        #expect((0..<20_000).allSatisfy { t.get(HashedKey("buyer\($0)")) == 10 + $0 })
    }

    @Test func roomMadeForAMonthHoldsAnOrderNumberForEveryRow() {
        // An after-sales row is one order's case: each of the rows brings its own order number, while the
        // customers (buyer IDs, phones) are about half as many.
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        r.reserve(rows: 20_000, numericOrders: 20_000)
        let room = r.numericOrderCapacity
        #expect(room >= 20_000)
        for i in 0..<20_000 {
            _ = r.resolve(KeyPair(buyer: "buyer_\(i / 2)", order: "3612\(100_000_000_000 + i)"))
        }
        #expect(r.numericOrderCapacity == room)
        #expect(r.resolve(KeyPair(order: "3612\(100_000_000_000 + 19_999)")) == 10_000)
        // Rows with no all-digit order number make no room for them.
        var text = IdentityResolver(known: [:], nextCustomer: 1)
        text.reserve(rows: 20_000, numericOrders: 0)
        #expect(text.numericOrderCapacity < 100)
    }

    /// A slot keeps its customer in 32 unsigned bits: numbers past `Int32.max` (an import handing out the next
    /// after the largest a database holds) stay what they are; 0, negative numbers and numbers past 32 bits are
    /// set nowhere, and their keys are met as new.
    @Test func customerNumbersAsFarAs32UnsignedBits() {
        var t = KeyTable(texts: false)
        let numbers = [1, Int(Int32.max), Int(Int32.max) + 1, 3_000_000_000, Int(UInt32.max)]
        for (k, c) in numbers.enumerated() { t.set(UInt64(k) << 40 | 7, c) }
        #expect(numbers.indices.map { t.get(UInt64($0) << 40 | 7) } == numbers)
        for (k, c) in [0, -5, Int(UInt32.max) + 1, Int.min].enumerated() { t.set(UInt64(k), c) }
        #expect((0..<4).allSatisfy { t.get(UInt64($0)) == nil })
        #expect(t.count == numbers.count)
        // Loaded numbers outside the tables' are dropped and hand out nothing after them.
        var far = IdentityResolver(known: ["b:lily": 5_000_000_000, "b:zhao": 0, "b:li": -3], nextCustomer: 2)
        far.load(.phone, utf8: UnsafeBufferPointer(start: nil, count: 0), customer: 7_000_000_000)
        #expect(far.nextCustomer == 2)
        #expect(far.resolve(KeyPair(buyer: "lily")) == 2)
        #expect(far.resolve(KeyPair(buyer: "zhao")) == 3)
        var r = IdentityResolver(known: ["b:lily": Int(Int32.max)], nextCustomer: 2)
        #expect(r.resolve(KeyPair(buyer: "lily")) == Int(Int32.max))
        #expect(r.resolve(KeyPair(buyer: "wang")) == Int(Int32.max) + 1)
        #expect(r.resolve(KeyPair(buyer: "wang")) == Int(Int32.max) + 1)
    }

    @Test func aStoredCustomerNumberedIntMinIsMetAsNew() {
        // Only a damaged database holds one; the table's empty mark is never a customer.
        var r = IdentityResolver(known: ["b:lily": Int.min, "b:wang": 5], nextCustomer: 6)
        #expect(r.resolve(KeyPair(buyer: "wang")) == 5)
        #expect(r.resolve(KeyPair(buyer: "lily")) == 6)
    }
}
