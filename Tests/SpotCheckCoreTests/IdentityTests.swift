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
    @Test func keysComeFromBuyerAndPhoneButNeverAMaskedPhone() {
        #expect(
            Array(IdentityKey.keys(buyerID: " Tb_Lily ", phone: .full("13812345678"))) == [
                .buyer("tb_lily"), .phone("13812345678"),
            ])
        #expect(Array(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678"))) == [])
        #expect(Array(IdentityKey.keys(buyerID: "ＡＢＣ１２", phone: nil)) == [.buyer("abc12")])
        #expect(Array(IdentityKey.keys(buyerID: "  ", phone: nil)) == [])
        #expect(Array(IdentityKey.keys(buyerID: nil, phone: .full("13812345678"))) == [.phone("13812345678")])
        #expect(IdentityKey(stored: "p:13812345678") == .phone("13812345678"))
        #expect(IdentityKey(stored: "o:3612") == .order("3612"))
        #expect(IdentityKey(stored: "x:3612") == nil)
    }

    @Test func maskedBuyerIDsAndOrdersNeverIdentifyButOrderNumbersDo() {
        #expect(Array(IdentityKey.keys(buyerID: "t**2", phone: nil)) == [])
        #expect(
            Array(IdentityKey.keys(buyerID: "张**", phone: .masked("138****5678"), order: "3612345678901234567"))
                == [.order("3612345678901234567")])
        #expect(Array(IdentityKey.keys(buyerID: nil, phone: nil, order: "36123****34567")) == [])
        for placeholder in ["无", "暂无", "0", "/", "123"] {
            #expect(Array(IdentityKey.keys(buyerID: nil, phone: nil, order: placeholder)) == [])
        }
        #expect(
            Array(IdentityKey.keys(buyerID: nil, phone: nil, order: "260517-607198974342268")) == [
                .order("260517-607198974342268")
            ])
        // Three buyers the export shows as t**2 stay three customers.
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let ids = (0..<3).map { _ in r.resolve(IdentityKey.keys(buyerID: "t**2", phone: nil)) }
        #expect(Set(ids).count == 3)
    }

    @Test func theSameOrderInTwoSheetsIsOneCustomerAndTheMergeSaysOnWhat() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let vip = r.resolveRecord(IdentityKey.keys(buyerID: "lily", phone: nil, order: "3612345678901234567"))
        let refund = r.resolveRecord(IdentityKey.keys(buyerID: nil, phone: nil, order: "3612345678901234567"))
        #expect(vip.customer == refund.customer)
        // A courier row with the phone and the order links the phone to the same customer.
        let phoneOnly = r.resolveRecord(IdentityKey.keys(buyerID: nil, phone: .full("13900000001")))
        let both = r.resolveRecord(
            IdentityKey.keys(buyerID: nil, phone: .full("13900000001"), order: "3612345678901234567"))
        #expect(both.mergedOn == [.order])
        #expect(r.find(phoneOnly.customer) == r.find(vip.customer))
    }

    @Test func everyNumberOfACellIdentifiesAndAnExtensionMakesAnotherCustomer() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let two = r.resolve(
            IdentityKey.keys(buyerID: nil, phone: .full("13096713058"), alternates: [.full("18794965824")]))
        #expect(r.resolve(IdentityKey.keys(buyerID: nil, phone: .full("18794965824"))) == two)
        let a = r.resolve(IdentityKey.keys(buyerID: nil, phone: .full("18735643633-7298")))
        let b = r.resolve(IdentityKey.keys(buyerID: nil, phone: .full("18735643633-7299")))
        let trunk = r.resolve(IdentityKey.keys(buyerID: nil, phone: .full("18735643633")))
        #expect(Set([a, b, trunk]).count == 3)
        #expect(r.resolve(IdentityKey.keys(buyerID: nil, phone: .full("18735643633-7298"))) == a)
    }

    @Test func mergesByBuyerOrPhoneTransitively() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let a = r.resolve(KeyPair(buyer: "lily", phone: "13800000001"))  // after-sales
        let b = r.resolve(KeyPair(phone: "13800000002"))  // courier, other person
        let c = r.resolve(KeyPair(buyer: "lily"))  // review by Lily
        let d = r.resolve(KeyPair(buyer: "wang", phone: "13800000002"))  // VIP list: same as b
        #expect(a == 1 && b == 2 && c == 1 && d == 2)
        // A record that links the two customers merges them; the older number survives.
        let e = r.resolve(KeyPair(buyer: "wang", phone: "13800000001"))
        #expect(e == 1)
        #expect(r.merges() == [2: 1])
        #expect(r.find(2) == 1)
        // Every key was new once; the record that linked the two customers brought none.
        #expect(r.resolveRecord(KeyPair(buyer: "wang", phone: "13800000001")).newKeys == KeyPair())
        #expect(
            r.resolveRecord(KeyPair(buyer: "zhao", phone: "13800000002"))
                == .init(customer: 1, newKeys: KeyPair(buyer: "zhao")))
    }

    @Test func maskedPhonesNeverMerge() {
        var r = IdentityResolver(known: [:], nextCustomer: 1)
        let a = r.resolve(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678")))
        let b = r.resolve(IdentityKey.keys(buyerID: nil, phone: .masked("138****5678")))
        let c = r.resolve(IdentityKey.keys(buyerID: "lily", phone: .masked("138****5678")))
        let d = r.resolve(IdentityKey.keys(buyerID: "lily", phone: .full("13812345678")))
        #expect(Set([a, b, c]).count == 3)
        #expect(d == c)
    }

    @Test func continuesFromStoredKeys() {
        var r = IdentityResolver(known: ["b:lily": 7, "p:13800000009": 9], nextCustomer: 10)
        #expect(r.resolve(KeyPair(buyer: "lily")) == 7)
        #expect(r.resolve(KeyPair(buyer: "new")) == 10)
        #expect(r.resolve(KeyPair(buyer: "lily", phone: "13800000009")) == 7)
        #expect(r.merges() == [9: 7])
        // Landline 021… and 21… are different keys.
        #expect(
            r.resolveRecord(KeyPair(phone: "02165123456"))
                == .init(customer: 11, newKeys: KeyPair(phone: "02165123456")))
        #expect(
            r.resolveRecord(KeyPair(phone: "2165123456")) == .init(customer: 12, newKeys: KeyPair(phone: "2165123456")))
        #expect(r.resolveRecord(KeyPair(buyer: "lily")) == .init(customer: 7, newKeys: KeyPair()))
    }

    @Test func keysLoadedFromTheirBytesResolveAsTheStoredMapDoes() {
        // Every form a stored key takes: buyer IDs (ASCII and not), phones (mobile, landline with
        // its leading 0, a privacy number's extension), order numbers of digits (one of 19, one
        // with leading zeros) and of letters.
        let stored: [String: Int] = [
            "b:lily": 3, "b:王小姐": 4, "p:13800000009": 5, "p:02165123456": 6, "p:18735643633-7298": 7,
            "o:3612345678901234567": 8, "o:00012345678": 9, "o:260517-607198974342268": 10, "p:2165123456": 41,
        ]
        var fromMap = IdentityResolver(known: stored, nextCustomer: 2)
        var fromBytes = IdentityResolver(nextCustomer: 2)
        for (key, customer) in stored {
            let kind: IdentityResolver.MergeKey = key.hasPrefix("b:") ? .buyer : key.hasPrefix("p:") ? .phone : .order
            var value = String(key.dropFirst(2))
            value.withUTF8 { fromBytes.load(kind, utf8: $0, customer: customer) }
        }
        #expect(fromBytes.nextCustomer == 42)
        let records = [
            KeyPair(buyer: "lily"), KeyPair(buyer: "王小姐"), KeyPair(phone: "13800000009"), KeyPair(phone: "02165123456"),
            KeyPair(phone: "2165123456"), KeyPair(phone: "18735643633-7298"), KeyPair(phone: "18735643633"),
            KeyPair(order: "3612345678901234567"), KeyPair(order: "12345678"), KeyPair(order: "00012345678"),
            KeyPair(order: "260517-607198974342268"), KeyPair(buyer: "new", phone: "13800000009"),
            KeyPair(buyer: "lily", order: "00012345678"),
        ]
        let a = records.map { fromMap.resolveRecord($0) }
        let b = records.map { fromBytes.resolveRecord($0) }
        #expect(a == b)
        // The stored customers were found (the first six records), and new ones continue from 42.
        #expect(b.prefix(6).map(\.customer) == [3, 4, 5, 6, 41, 7])
        #expect(b[6].customer == 42)
        #expect(fromMap.merges() == fromBytes.merges())
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

    @Test func numbersAndFourFieldsAtOnceMixAsTheirTexts() {
        for n in [0, 7, 10, 99, 100, 20_753, -1, -20_753, Int.max, Int.min] {
            var a = Fingerprint(); a.add("x"); a.add(String(n))
            var b = Fingerprint(); b.add("x"); b.add(decimal: n)
            #expect(a.value == b.value, "\(n)")
        }
        // Four fields of different lengths (one empty), mixed side by side, as one by one.
        let fields = ["售后\u{1F}张丽\u{1F}13812345678", "", "a", "2026-11-03 14:30:00\u{1F}纯棉四件套 1.8米床 做工开线"].map {
            Array($0.utf8)
        }
        var one = (0..<4).map { i -> Fingerprint in
            var f = Fingerprint(); f.add(decimal: i); return f
        }
        var (f0, f1, f2, f3) = (one[0], one[1], one[2], one[3])
        for i in 0..<4 { one[i].add(utf8: fields[i]) }
        fields[0].withUnsafeBufferPointer { a in
            fields[1].withUnsafeBufferPointer { b in
                fields[2].withUnsafeBufferPointer { c in
                    fields[3].withUnsafeBufferPointer { d in
                        Fingerprint.add(&f0, a, &f1, b, &f2, c, &f3, d)
                    }
                }
            }
        }
        let four = [f0, f1, f2, f3]
        #expect(one.map(\.value) == four.map(\.value))
        #expect(Set(four.map(\.value)).count == 4)
    }
}

@Suite("Phones as the platforms write them")
struct PlatformPhoneTests {
    @Test(arguments: [
        ("18735643633-7298", "18735643633-7298", [String]()),
        ("18791378848转7245", "18791378848-7245", []),
        ("187 9137 8848 转 7245", "18791378848-7245", []),
        ("13096713058/18794965824", "13096713058", ["18794965824"]),
        ("13096713058、18794965824，0571-88886666", "13096713058", ["18794965824", "057188886666"]),
        ("13096713058 18794965824", "13096713058", ["18794965824"]),
        ("138 1234 5678", "13812345678", []),
        ("0571-88886666", "057188886666", []),
        ("138****5678/13900000001", "13900000001", []),
    ])
    func aCellGivesTheFirstFullNumberAndItsAlternates(_ raw: String, _ phone: String, _ alternates: [String]) throws {
        let (p, alt) = try PhoneNumber.parseCell(raw)
        #expect(p?.text == phone)
        #expect(alt.map(\.text) == alternates)
    }

    @Test func aPrivacyNumberIsDialledAndMaskedWithItsExtension() throws {
        let (p, _) = try PhoneNumber.parseCell("18735643633-7298")
        #expect(p?.dialText == "18735643633 转 7298")
        #expect(p?.masked == "187****3633 转 7298")
    }

    @Test func aCellWithAPieceThatIsNoNumberIsRefused() {
        #expect(throws: PhoneNumber.Problem.notAPhoneNumber) { try PhoneNumber.parseCell("13096713058/无") }
        #expect(throws: PhoneNumber.Problem.notAPhoneNumber) { try PhoneNumber.parseCell("1873564363-7298") }
    }

    @Test func encryptedAndMaskedValuesAreNoIdentity() {
        #expect(Masking.isEncrypted("##4AbC9f8e==") && Masking.isEncrypted("$$a1b2c3"))
        #expect(!Masking.isEncrypted("13812345678") && !Masking.isEncrypted("#1"))
        #expect(Masking.isMasked("t**2") && Masking.isMasked("张**") && !Masking.isMasked("tb_lily"))
    }
}
