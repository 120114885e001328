import Testing
@testable import SpotCheckCore

@Suite("Phone numbers")
struct PhoneTests {
    @Test(arguments: [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("13812345678.0", "13812345678"),
        ("021-6512 3456", "02165123456"),
        ("(0755)8765-4321", "075587654321"),
    ])
    func normalizesFullNumbers(raw: String, expected: String) throws {
        #expect(try PhoneNumber.parse(raw) == .full(expected))
    }

    @Test func masksAndKeepsMaskedNumbers() throws {
        #expect(try PhoneNumber.parse("138****5678") == .masked("138****5678"))
        #expect(try PhoneNumber.parse("138 **** 5678") == .masked("138****5678"))
        #expect(try PhoneNumber.parse("138xxxx5678") == .masked("138****5678"))
        #expect(PhoneNumber.full("13812345678").masked == "138****5678")
        #expect(PhoneNumber.full("02165123456").masked == "021****3456")
        #expect(try PhoneNumber.parse("") == nil)
        #expect(try PhoneNumber.parse("  ") == nil)
    }

    @Test func rejectsWhatIsNotAPhone() {
        #expect(throws: PhoneNumber.Problem.scientificNotation) { try PhoneNumber.parse("1.38123E+10") }
        #expect(throws: PhoneNumber.Problem.notAPhoneNumber) { try PhoneNumber.parse("1381234567") }
        #expect(throws: PhoneNumber.Problem.notAPhoneNumber) { try PhoneNumber.parse("电话待补") }
        #expect(throws: PhoneNumber.Problem.notAPhoneNumber) { try PhoneNumber.parse("****") }
    }
}

@Suite("Identity merge")
struct IdentityTests {
    @Test func keysComeFromBuyerPhoneAndOrderButNeverAMaskedPhone() {
        #expect(IdentityKey.keys(buyerID: " Tb_Lily ", phone: .full("13812345678"), orderNo: "3612")
            == [.buyer("tb_lily"), .phone("13812345678"), .order("3612")])
        #expect(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678"), orderNo: nil) == [])
        #expect(IdentityKey.keys(buyerID: "ＡＢＣ１２", phone: nil, orderNo: "") == [.buyer("abc12")])
    }

    @Test func mergesByBuyerOrPhoneTransitively() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let a = r.resolve([.buyer("lily"), .phone("13800000001")])     // after-sales
        let b = r.resolve([.phone("13800000002")])                      // courier, other person
        let c = r.resolve([.buyer("lily")])                             // review by Lily
        let d = r.resolve([.buyer("wang"), .phone("13800000002")])      // VIP list: same as b
        #expect(a == 1 && b == 2 && c == 1 && d == 2)
        // A record that links the two customers merges them; the older number survives.
        let e = r.resolve([.buyer("wang"), .phone("13800000001")])
        #expect(e == 1)
        #expect(r.merges() == [2: 1])
        #expect(r.find(2) == 1)
        let changed = Dictionary(uniqueKeysWithValues: r.changedKeys().map { ($0.key, $0.customer) })
        #expect(changed == ["b:lily": 1, "p:13800000001": 1, "p:13800000002": 1, "b:wang": 1])
    }

    @Test func maskedPhonesNeverMerge() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let a = r.resolve(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678"), orderNo: nil))
        let b = r.resolve(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678"), orderNo: nil))
        let c = r.resolve(IdentityKey.keys(buyerID: "lily", phone: .masked("138****5678"), orderNo: nil))
        let d = r.resolve(IdentityKey.keys(buyerID: "lily", phone: .full("13812345678"), orderNo: nil))
        #expect(Set([a, b, c]).count == 3)
        #expect(d == c)
    }

    @Test func continuesFromStoredKeys() {
        var r = IdentityResolver(known: ["b:lily": 7, "p:13800000009": 9], nextCustomer: 10)
        #expect(r.resolve([.buyer("lily")]) == 7)
        #expect(r.resolve([.buyer("new")]) == 10)
        #expect(r.resolve([.phone("13800000009"), .buyer("lily")]) == 7)
        #expect(r.merges() == [9: 7])
        let changed = Dictionary(uniqueKeysWithValues: r.changedKeys().map { ($0.key, $0.customer) })
        #expect(changed == ["b:new": 10, "p:13800000009": 7])
    }

    @Test func fingerprintsAreStableAndFieldSeparated() {
        var a = Fingerprint(); a.add("ab"); a.add("c")
        var b = Fingerprint(); b.add("a"); b.add("bc")
        var c = Fingerprint(); c.add("ab"); c.add("c")
        #expect(a.value != b.value)
        #expect(a.value == c.value)
        // The value is part of the stored data: it must never change between releases.
        var d = Fingerprint(); d.add("售后")
        #expect(d.value == -7_062_048_925_157_404_990)  // checked against a Python FNV-1a + SplitMix finalizer
    }
}
