import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import Testing

@testable import SpotCheckKit

@Suite("The CSV import's byte path stores what the cells' path stores")
struct CSVBytePathTests {
    /// Rows an export has (the byte path takes them) and rows it must leave to the cells' path
    /// (a cell to trim or fold, other date and phone forms, problems).
    static let rows = [
        "张丽,13812345678,tb_lily,3612345678901234567,纯棉四件套,2026-10-20,尺码不符退换,小王,2026-11-03 10:15,",
        "李强,138****5678,t**2,3612****567,白鹅绒羽绒被,2026-10-21,\"破损,要求\"\"补发\"\"\",小张,2026-11-04,加急",
        "王芳,#EncryptedPhone==,buyer_9,12345,枕头,,颜色不符,小刘,2026-11-05 09:01:02,",
        "~abcdef,,,3612000000000000009,毛巾\u{1F}浴巾,2026-10-22,少发,小陈,2026-11-06 23:59:59.250,",
        "赵敏,13912345678,,,毛毯,2026-10-23,,-,2026-11-07,",
        "孙悦,,buyer_10,,被套,2026-10-24,起球,小赵,2026-11-08T08:30,",
        "周杰,13712345678,TB_Upper,3612000000000000010,凉席,2026-10-25,异味,小孙,2026-11-09,",
        "吴磊,138 1234 5678,buyer_11,3612000000000000011,凉席,2026-10-25,异味,小孙,2026-11-09,",
        "郑洋,13612345678,buyer_12,3.61234E+18,凉席,2026-10-25,异味,小孙,2026-11-09,",
        "冯静,13512345678,buyer_13,3612000000000000013,凉席,2026/10/25,异味,小孙,2026年11月9日,",
        "陈丽,13412345678,buyer_14,3612000000000000014,凉席,2026-10-25,异味, 小孙 ,2026-11-09,",
        "褚强,13312345678,buyer_15,3612000000000000015,凉席,2026-10-25,异味,小孙,,",
        "卫芳,13212345678,buyer_16,3612000000000000016,凉席,2026-10-25,异味,小孙,2026-02-30,",
        "蒋敏,1321234567,buyer_17,3612000000000000017,凉席,2026-10-25,异味,小孙,2026-11-10,",
        "沈伟,,,,凉席,2026-10-25,异味,小孙,2026-11-10,",
        "韩娜,13112345678,ｂｕｙｅｒ＿18,3612000000000000018,凉席,2026-10-25,异味,小孙,2026-11-10 25:00,",
        "杨磊,=\"13012345678\",buyer_19,'3612000000000000019,凉席,2026-10-25,异味,小孙,2026-11-10,",
        "朱洋,13012345678,buyer_20,3612000000000000020,\"凉席\"加厚,2026-10-25,异味,小孙,2026-11-10,",
    ]

    /// How many of ``rows`` the byte path takes (the others go the cells' way).
    static let taken = 7

    @Test(arguments: [(SourceKind.afterSales, Platform?.none), (.afterSales, .taobao), (.vip, nil)])
    func everyRowTheBytePathTakesIsStoredAsTheCellsPathStoresIt(kind: SourceKind, platform: Platform?) throws {
        let w = try TestWorkspace()
        let columns = try w.on("2026-11-25").config.columns
        let path = w.csv("rows.csv", [afterSalesHeader + ",备注"] + CSVBytePathTests.rows)
        var parser: RowParser? = nil
        var taken = 0
        try CSVReader(path: path).forEachRecord { row, fields in
            guard let p = parser else {
                let headers = (0..<fields.count).map { fields.string($0) }
                parser = RowParser(
                    kind: kind, headers: headers, columns: columns.map(headers: headers),
                    dateFields: columns.dateFields[kind] ?? [], vipMonth: YearMonth(year: 2026, month: 11),
                    platform: platform)
                return
            }
            let cells = (0..<fields.count).map { fields[$0].isEmpty ? Cell.empty : Cell.text(fields.string($0)) }
            var issues: [RowIssue] = []
            let general = p.parse(row: row, cells: cells, issues: &issues)
            guard let fast = p.parse(row: row, fields: fields) else { return }
            taken += 1
            let g = try #require(general, "row \(row): the byte path took a row the cells' path refuses")
            #expect(fast.record.packedFields == g.record.packedFields, "row \(row)")
            #expect(
                String(decoding: fast.record.packedFields, as: UTF8.self)
                    == String(decoding: g.record.packedFields, as: UTF8.self))
            #expect(fast.record.fingerprint == g.record.fingerprint, "row \(row)")
            #expect(fast.record.route == g.record.route, "row \(row)")
            #expect(fast.record.eventDay == g.record.eventDay, "row \(row)")
            #expect(fast.record.vipMonth == g.record.vipMonth, "row \(row)")
            #expect(fast.record.sourceRow == g.record.sourceRow, "row \(row)")
            #expect(fast.keys.keys == g.keys.keys, "row \(row)")
        }
        // The VIP list needs no date: the row refused only for lacking one goes the byte way.
        #expect(taken == CSVBytePathTests.taken + (kind == .vip ? 1 : 0))
    }

    @Test func rowsTheImportTreatsApartGoTheCellsWay() throws {
        let w = try TestWorkspace()
        let lines = [
            afterSalesHeader, "合计,,,,,,,,", "  合计,,,,,,,,", "*小计,,,,,,,,", "总计：12,,,,,,,,", ",,,,,,,,",
            "\u{3000}张丽,13812345678,,,,,,,", "张丽,13812345678,,,,,,,", "Zhang,13812345678,,,,,,,",
        ]
        var special: [Bool] = []
        try CSVReader(path: w.csv("rows.csv", lines)).forEachRecord { _, fields in
            special.append(SheetReader<ParsedRow>.mayBeSpecial(fields, firstHeader: Array("客户".utf8)))
        }
        #expect(special == [true, true, true, true, true, true, true, false, false])
        // A header of the same text in other bytes is found again: the compatibility ideograph
        // U+F900 is U+8C48 once normalized, and é composed or not.
        var again: [Bool] = []
        try CSVReader(path: w.csv("again.csv", ["\u{8C48},x", "Cafe\u{301},x", "\u{8C49},x"])).forEachRecord {
            _, fields in
            again.append(SheetReader<ParsedRow>.mayBeSpecial(fields, firstHeader: Array("\u{F900}".utf8)))
            again.append(SheetReader<ParsedRow>.mayBeSpecial(fields, firstHeader: Array("Caf\u{E9}".utf8)))
        }
        #expect(again == [true, false, false, true, false, false])
        // Two ideographs of U+4000–U+9FFF that differ tell the texts apart without normalizing.
        let zhang = Array("张丽".utf8)
        zhang.withUnsafeBufferPointer { f in
            #expect(SheetReader<ParsedRow>.differInTheirFirstIdeograph(f, Array("客户".utf8)))
            #expect(!SheetReader<ParsedRow>.differInTheirFirstIdeograph(f, Array("张".utf8)))
            #expect(!SheetReader<ParsedRow>.differInTheirFirstIdeograph(f, Array("\u{F900}".utf8)))
        }
    }

    @Test func anImportThroughTheBytePathCountsTotalsBlankAndRepeatedHeaderRowsAsBefore() throws {
        let w = try TestWorkspace()
        let file = w.csv(
            "售后.csv",
            [
                afterSalesHeader,
                "张丽,13812345678,tb_lily,3612345678901234567,纯棉四件套,2026-10-20,尺码不符退换,小王,2026-11-03 10:15",
                ",,,,,,,,",
                afterSalesHeader,
                "李强,13912345678,tb_qiang,3612345678901234568,枕头,2026-10-21,破损,小张,2026-11-04",
                "合计,,,,,,,,",
            ])
        let report = try w.importFiles(.afterSales, [file])
        let f = try #require(report.files.first)
        #expect(f.new == 2)
        #expect(f.read == 2)
        #expect(f.blank == 1)
        #expect(f.totals == 1)
        let stored = try w.records()
        #expect(stored.map { $0["handled_at"] } == ["2026-11-03 10:15:00", "2026-11-04"])
    }

    /// The import fingerprints a batch's rows on its preparing worker, four at a time: the
    /// values a row's own fingerprint has, whatever the batch's size.
    @Test(arguments: [0, 1, 3, 4, 5, 9])
    func aBatchsFingerprintsAreEachRowsOwn(count: Int) {
        let records = (0..<count).map { i in
            NewRecord(
                kind: i % 3 == 2 ? .vip : .afterSales, eventDay: i % 4 == 1 ? nil : Day(ordinal: 20_700 + i * 13),
                vipMonth: i % 3 == 2 ? YearMonth(parsing: "2026-11") : nil, sourceRow: i + 2,
                packedFields: Array(String(repeating: "售后\u{1F}张丽\u{1F}", count: i % 5).utf8) + [UInt8(i)],
                route: .phone)
        }
        var rows = records.map { ParsedRow(record: $0, keys: IdentityResolver.PreparedKeys(KeyPair())) }
        rows.withUnsafeMutableBufferPointer { RowParser.fingerprints($0) }
        #expect(rows.map(\.record.fingerprint) == records.map(RowParser.fingerprint))
        #expect(Set(rows.map(\.record.fingerprint)).count == count)
    }

    /// The import drops a row already stored by its fingerprint: the set it keeps them in says
    /// "new" exactly once per value, as Swift's Set would, through growth and for 0 and negatives.
    @Test func theFingerprintSetTellsANewFingerprintFromOneSeenAsASetDoes() {
        var rng = SeededGenerator(seed: 7)
        var set = FingerprintSet(capacity: 3)
        var reference = Set<Int64>()
        for i in 0..<50_000 {
            // Repeats from a small range, and values whose low bits collide (multiples of 2^20).
            let v: Int64 =
                i % 3 == 0
                ? Int64(rng.uniform(1000)) - 500
                : i % 3 == 1 ? Int64(rng.uniform(4000)) << 20 : Int64(bitPattern: rng.next())
            #expect(set.insert(v) == reference.insert(v).inserted)
        }
        #expect(set.count == reference.count)
    }
}
