import SpotCheckStore
import Testing

@Suite("A sheet row's fields packed into one column and read back")
struct RecordFieldsTests {
    @Test("Every field reads back as it was packed: empty ones as nil, a separator typed inside one as a space")
    func roundTrip() {
        let fields = RecordFields(
            buyerID: "tb_王小明", phone: "13800001234", name: "王小明\u{1F}二号", orderNo: nil, product: "保温杯 e\u{301}",
            purchaseAt: "2026-10-03", situation: "", handler: "小周", handledAt: nil, reviewLevel: "差评",
            refundStatus: nil, courier: nil, trackingNo: nil, spent: "99.00", lastPurchase: "🎁")
        let back = RecordFields(packed: fields.packed)
        #expect(back.buyerID == "tb_王小明")
        #expect(back.name == "王小明 二号")
        #expect(back.orderNo == nil)
        #expect(back.product == "保温杯 e\u{301}")
        #expect(back.situation == nil)
        #expect(back.reviewLevel == "差评")
        #expect(back.lastPurchase == "🎁")
        #expect(back.alternatePhones == nil && back.platform == nil)
        var withExtras = fields
        withExtras.alternatePhones = "13900001111"
        withExtras.platform = "jd"
        let extra = RecordFields(packed: withExtras.packed)
        #expect(extra.alternatePhones == "13900001111" && extra.platform == "jd" && extra.spent == "99.00")
    }

    @Test("A combining mark right after a separator belongs to the next field, as it did when split by characters")
    func combiningMarkAfterSeparator() {
        let packed = "a\u{1F}\u{301}b" + String(repeating: "\u{1F}", count: 13)
        let back = RecordFields(packed: packed)
        #expect(back.buyerID == "a")
        #expect(back.phone == "\u{301}b")
        #expect(back.name == nil)
        #expect(back.lastPurchase == nil)
        let bySplit = packed.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        #expect(bySplit[1] == "\u{301}b")
    }

    @Test(
        "Packed from bytes: the same bytes as from Strings; a row that needs more room than given is left to the general way"
    )
    func packedFromBytes() {
        let fields = RecordFields(
            buyerID: "tb_王小明", phone: "13800001234", name: "王小明\u{1F}二号", orderNo: nil,
            product: "保温杯 长款 500ml 不锈钢内胆\u{1F}", purchaseAt: "2026-10-03 09:30:00", situation: "", handler: "小周",
            handledAt: nil, reviewLevel: "差评", refundStatus: nil, courier: nil, trackingNo: nil, spent: "99.00",
            lastPurchase: nil)
        let cells: [String?] = [
            fields.buyerID, fields.phone, fields.name, nil, fields.product, "2026-10-03", fields.situation,
            fields.handler,
            nil, fields.reviewLevel, nil, nil, nil, fields.spent, nil,
        ]
        func build(_ capacity: Int, body: (inout PackedFieldsBuilder) -> Bool = { _ in true }) -> [UInt8]? {
            PackedFieldsBuilder.build(capacity: capacity) { packer in
                for (i, cell) in cells.enumerated() {
                    var text = cell ?? ""
                    text.withUTF8 { packer.add(cell == nil ? nil : $0) }
                    // The purchase date's time comes as a piece of its own, as the CSV path adds it.
                    if i == 5 { Array(" 09:30:00".utf8).withUnsafeBufferPointer { packer.extend($0) } }
                }
                return body(&packer)
            }
        }
        let exact = Array(fields.packed.utf8)
        #expect(build(exact.count) == exact)
        // A separator typed in a cell, past the first eight bytes and at a long cell's end, became a space.
        let back = RecordFields(packed: String(decoding: build(4096) ?? [], as: UTF8.self))
        #expect(back.name == "王小明 二号" && back.product == "保温杯 长款 500ml 不锈钢内胆 ")
        #expect(back.purchaseAt == "2026-10-03 09:30:00" && back.spent == "99.00" && back.situation == nil)
        #expect(build(4096) == exact)
        #expect(build(exact.count - 1) == nil)
        #expect(build(4096) { _ in false } == nil)
    }
}
