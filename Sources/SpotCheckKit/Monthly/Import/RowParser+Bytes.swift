import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore

/// The CSV import's fast path: a row read from the record's bytes, with no String per field and
/// no cell, for the rows every export is made of. It takes a row only when it is sure to give
/// exactly what ``RowParser/parse(row:cells:issues:)`` gives; for anything else (a cell to trim
/// or fold, a date or phone in another form, any problem) it returns nil and the row goes the
/// general way, which names every problem.
extension RowParser {
    /// A cell's text as ``CellText/clean(_:)`` leaves it, read from its bytes.
    enum ByteText {
        case none
        case text(UnsafeBufferPointer<UInt8>)
        /// Needs the general path (spaces or an export's guard to strip).
        case general
    }

    /// ``CellText/clean(_:)`` where it returns its input unchanged (or nil for an empty cell or `-`).
    @inline(__always)
    static func clean(_ b: UnsafeBufferPointer<UInt8>) -> ByteText {
        guard let first = b.first, let last = b.last else { return .none }
        if b.count == 1 && first == 0x2D { return .none }
        guard first > 0x27 || (first != 0x20 && first != 0x09 && first != 0x27 && first > 0x0D),
            first != 0x3D, first != 0xE3, last != 0x20, last != 0x09, last != 0x0D, last != 0x0A, last != 0x80
        else { return .general }
        return .text(b)
    }

    // Over 60 lines: one pass over the row's fields, mirroring `parse(row:cells:issues:)` step by step.
    /// The row parsed from its fields' bytes; nil when it needs the general path.
    func parse(row: Int, fields: CSVFields) -> ParsedRow? {
        @inline(__always) func text(_ f: SheetField) -> ByteText {
            let c = column[f.ordinal]
            guard c >= 0, c < fields.count else { return .none }
            return RowParser.clean(fields[c])
        }
        var buyer: UnsafeBufferPointer<UInt8>? = nil
        switch text(.buyerID) {
        case .general: return nil
        case .none: break
        case .text(let b): buyer = b
        }
        // The phone: eleven digits (or digits and `*`) starting with 1, or encrypted (no phone).
        var phone: UnsafeBufferPointer<UInt8>? = nil
        var phoneMasked = false
        switch text(.phone) {
        case .general: return nil
        case .none: break
        case .text(let p):
            if !Masking.isEncrypted(utf8: p) {
                guard p.count == 11, p[0] == 0x31 else { return nil }
                for b in p where !(b >= 0x30 && b <= 0x39) {
                    guard b == 0x2A else { return nil }
                    phoneMasked = true
                }
                phone = p
            }
        }
        var order: UnsafeBufferPointer<UInt8>? = nil
        switch text(.orderNo) {
        case .general: return nil
        case .none: break
        case .text(let o):
            // Perhaps `3.61234E+18`: the general path tells.
            if o.contains(0x45) || o.contains(0x65) { return nil }
            order = o
        }
        // The dates' bytes (the form ``DateText/parseISO(_:)`` reads), and each date by field.
        var purchase: UnsafeBufferPointer<UInt8>? = nil, handled: UnsafeBufferPointer<UInt8>? = nil
        var last: UnsafeBufferPointer<UInt8>? = nil
        var byField = DateSlots()
        for f in presentDates {
            switch text(f) {
            case .general: return nil
            case .none: continue
            case .text(let d):
                guard let p = try? DateText.parseISO(d) else { return nil }
                byField[f] = p
                switch f {
                case .purchaseDate: purchase = d
                case .handledDate: handled = d
                case .lastPurchase: last = d
                default: break
                }
            }
        }
        var eventDay: Day? = nil
        if kind != .vip {
            eventDay = byField.eventDay(dateFields)
            if eventDay == nil { return nil }
        }
        if buyer == nil && phone == nil && order == nil { return nil }
        // The keys: a buyer ID of ASCII without capitals needs no folding.
        var keys = KeyPair()
        if let b = buyer {
            for c in b where c >= 0x80 || (c >= 65 && c <= 90) { return nil }
            if !Masking.isMasked(utf8: b) { keys.buyer = String(decoding: b, as: UTF8.self) }
        }
        if let p = phone, !phoneMasked { keys.phone = String(decoding: p, as: UTF8.self) }
        if let o = order, IdentityKey.isOrderNumber(utf8: o) { keys.order = String(decoding: o, as: UTF8.self) }
        var name: UnsafeBufferPointer<UInt8>? = nil
        switch text(.name) {
        case .general: return nil
        case .none: break
        case .text(let n): if !Masking.isEncrypted(utf8: n) { name = n }
        }
        // Room for the cells of the sheet's columns (not those of a column the sheet does not use, which may be
        // long), the separators, the seconds of three dates and the platform's name: a row that needs more (a
        // column given to two fields) goes the general way.
        var room = 64
        for c in column where c >= 0 && c < fields.count { room += fields[c].count }
        // The fields in packing order (``RecordFields/packedUTF8``).
        let packed = PackedFieldsBuilder.build(capacity: room) { packer in
            packer.add(buyer)
            packer.add(phone)
            packer.add(name)
            packer.add(order)
            guard add(.product, to: &packer, text) else { return false }
            add(purchase, to: &packer)
            guard add(.situation, to: &packer, text), add(.handler, to: &packer, text) else { return false }
            add(handled, to: &packer)
            guard add(.reviewLevel, to: &packer, text), add(.refundStatus, to: &packer, text),
                add(.courier, to: &packer, text), add(.trackingNo, to: &packer, text),
                add(.spent, to: &packer, text)
            else { return false }
            add(last, to: &packer)
            if let platform {
                packer.add(nil)  // no alternate phones on this path
                var raw = platform.rawValue
                raw.withUTF8 { packer.add($0) }
            }
            return true
        }
        guard let packed else { return nil }
        let route: ContactRoute
        if phone != nil && !phoneMasked {
            route = .phone
        } else if let o = order, platform != nil, IdentityKey.isOrderNumber(utf8: o) {
            route = .platform
        } else if let b = buyer, !Masking.isMasked(utf8: b) {
            route = .im
        } else {
            route = .none
        }
        var record = NewRecord(
            kind: kind, eventDay: eventDay, vipMonth: kind == .vip ? vipMonth : nil, sourceRow: row,
            packedFields: packed, route: route)
        if fingerprints { record.fingerprint = RowParser.fingerprint(record) }
        // Moved into the row (a copy retained the fields' bytes).
        return ParsedRow(record: consume record, keys: IdentityResolver.PreparedKeys(keys))
    }

    /// Adds a text field; false when it needs the general path.
    @inline(__always)
    private func add(_ f: SheetField, to packer: inout PackedFieldsBuilder, _ text: (SheetField) -> ByteText) -> Bool {
        switch text(f) {
        case .general: return false
        case .none: packer.add(nil)
        case .text(let t): packer.add(t)
        }
        return true
    }

    /// Adds a date as stored (``RowParser/stamp(_:)``), from the bytes ``DateText/parseISO(_:)`` read it from:
    /// `YYYY-MM-DD` as it stands; with a time, `YYYY-MM-DD HH:MM:SS` (a `T` becomes a space, `:00` completes
    /// `HH:MM`, the milliseconds go).
    @inline(__always)
    private func add(_ date: UnsafeBufferPointer<UInt8>?, to packer: inout PackedFieldsBuilder) {
        guard let d = date else { return packer.add(nil) }
        if d.count == 10 { return packer.add(d) }
        packer.add(UnsafeBufferPointer(rebasing: d[0..<10]))
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { t in
            t[0] = 0x20
            for k in 0..<5 { t[1 + k] = d[11 + k] }
            if d.count >= 19 {
                t[6] = d[16]; t[7] = d[17]; t[8] = d[18]
            } else {
                t[6] = 0x3A; t[7] = 0x30; t[8] = 0x30
            }
            packer.extend(UnsafeBufferPointer(t))
        }
    }
}
