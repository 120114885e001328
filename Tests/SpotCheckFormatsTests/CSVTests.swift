import Foundation
import SpotCheckText
import Testing

@testable import SpotCheckFormats

@Suite("CSV as Excel writes it")
struct CSVTests {
    @Test func quotedFieldsCommasNewlinesAndCRLF() throws {
        let dir = TempDir()
        let p = dir.file("a.csv", "客户,问题,备注\r\n张丽,\"尺码不合适,换大号\",\"第一行\r\n第二行\"\r\n\"李\"\"强\"\"\",,\r\n")
        #expect(try csvRows(p) == [["客户", "问题", "备注"], ["张丽", "尺码不合适,换大号", "第一行\r\n第二行"], ["李\"强\"", "", ""]])
    }

    @Test func utf8BOMIsDropped() throws {
        let dir = TempDir()
        let p = dir.file("bom.csv", [0xEF, 0xBB, 0xBF] + Array("客户,手机号\n王芳,13700001111".utf8))
        let reader = try CSVReader(path: p)
        var got: [[String]] = []
        try reader.forEachRow { _, f in got.append(f) }
        #expect(got == [["客户", "手机号"], ["王芳", "13700001111"]])
        #expect(reader.encoding == .utf8)
    }

    @Test func gbkIsDetectedWithoutBeingTold() throws {
        let dir = TempDir()
        let text = "客户,手机号,问题描述\r\n张丽,13812345678,\"质量问题,起球\"\r\n"
        let bytes = TextEncoding.gb18030Bytes(text)
        #expect(bytes.count < Array(text.utf8).count)  // really GBK: two bytes a character
        let p = dir.file("gbk.csv", bytes)
        let reader = try CSVReader(path: p)
        var got: [[String]] = []
        try reader.forEachRow { _, f in got.append(f) }
        #expect(reader.encoding == .gb18030)
        #expect(got == [["客户", "手机号", "问题描述"], ["张丽", "13812345678", "质量问题,起球"]])
    }

    @Test func detectionLooksPastAnASCIIStart() throws {
        let dir = TempDir()
        let p = dir.file("gbk2.csv", TextEncoding.gb18030Bytes("id,name\n1,张丽\n"))
        let reader = try CSVReader(path: p)
        var got: [[String]] = []
        try reader.forEachRow { _, f in got.append(f) }
        #expect(reader.encoding == .gb18030)
        #expect(got.last == ["1", "张丽"])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func recordsAndCharactersSplitAcrossChunks(chunk: Int) throws {
        let dir = TempDir()
        let text = "客户,备注\r\n张丽,\"a,\"\"b\"\"\r\nc\"\r\n李强,最后一行"
        let utf8 = dir.file("u.csv", text)
        let gbk = dir.file("g.csv", TextEncoding.gb18030Bytes(text))
        let expected = [["客户", "备注"], ["张丽", "a,\"b\"\r\nc"], ["李强", "最后一行"]]
        #expect(try csvRows(utf8, chunkSize: chunk) == expected)
        #expect(try csvRows(gbk, chunkSize: chunk) == expected)
    }

    /// A delimiter, line end, NUL or byte that is no UTF-8 may fall anywhere in a plain field, and in the file's last
    /// bytes: each is found where it stands (plain fields are read eight bytes at a time up to a comma, line end or
    /// NUL, ``CSVReader/skipWords(_:from:to:_:_:)``).
    @Test func plainFieldsEndWhereverTheirDelimiterFalls() throws {
        let dir = TempDir()
        let rows = randomRows(
            seed: 20_261_130, letters: "abcdefghijklmnopqrstuvwxyz0123456789-_. 张丽李强", fields: 5, length: 21)
        var text = ""
        for (r, row) in rows.enumerated() {
            text += row.joined(separator: ",") + (r == rows.count - 1 ? "" : r % 3 == 0 ? "\r\n" : "\n")
        }
        let p = dir.file("w.csv", text)
        #expect(try csvRows(p) == rows)
        #expect(try csvRows(p, chunkSize: 13) == rows)
        // Before a comma and at the file's end.
        expectEachPlaceRefused(dir, "plain", head: "ok,", tails: [",0123456789abcdef\n", ""])
    }

    /// Quoted fields are read eight bytes at a time up to a quote or NUL: a doubled quote, a closing one, a NUL or a
    /// byte that is no UTF-8 may fall at any place in a word.
    @Test func quotedFieldsEndWhereverTheirQuoteFalls() throws {
        let dir = TempDir()
        let rows = randomRows(seed: 20_261_201, letters: "abcdefghij,\n\"张丽李强 ", fields: 4, length: 25)
        var text = "客户姓名,手机号码订单编号商品名称备注\n"
        for row in rows {
            text +=
                row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
                + "\r\n"
        }
        let p = dir.file("q.csv", text)
        #expect(try csvRows(p) == [["客户姓名", "手机号码订单编号商品名称备注"]] + rows)
        #expect(try csvRows(p, chunkSize: 11) == [["客户姓名", "手机号码订单编号商品名称备注"]] + rows)
        expectEachPlaceRefused(dir, "quoted", head: "ok,\"", tails: ["\",0123456789abcdef\n", "\""])
    }

    /// 400 rows of 1 to `fields` fields, each of fewer than `length` characters drawn from `letters` (seeded).
    private func randomRows(seed: UInt64, letters: String, fields: Int, length: Int) -> [[String]] {
        let letters = Array(letters)
        var rng = Mix(state: seed)
        return (0..<400).map { _ in
            (0..<Int(rng.next() % UInt64(fields)) + 1).map { _ in
                String(
                    (0..<Int(rng.next() % UInt64(length))).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
                )
            }
        }
    }

    /// A NUL, then a byte that is no UTF-8, at each of 17 places of a field written after the second row's `head`
    /// and before each of `tails`: the NUL is named at row 2, column B; the bad byte is refused.
    private func expectEachPlaceRefused(_ dir: TempDir, _ name: String, head: String, tails: [String]) {
        // Sixteen characters first, so that the file is taken for UTF-8 (``TextEncoding/detect(_:)``).
        let head = Array("客户姓名,手机号码订单编号商品名称备注\n\(head)".utf8)
        for offset in 0..<17 {
            for tail in tails {
                for (byte, kind) in [(UInt8(0), "nul"), (0xFF, "bad")] {
                    var field = Array("abcdefghijklmnopq".utf8)
                    field[offset] = byte
                    let f = dir.file("\(name)-\(kind)\(offset)-\(tail.count).csv", head + field + Array(tail.utf8))
                    if byte == 0 {
                        #expect(throws: FileError(file: f, row: 2, column: "B", message: Catalog.File.nulCharacter)) {
                            try csvRows(f)
                        }
                    } else {
                        #expect(throws: FileError.self, "\(name), 0xFF at \(offset)") { try csvRows(f) }
                    }
                }
            }
        }
    }

    /// A byte that is no UTF-8 at the end of fields of every length (its place in the last word read varies), in a
    /// field with doubled quotes and in text after a closing quote.
    @Test func aBadByteAtTheEndOfAFieldOfAnyLengthIsFound() throws {
        let dir = TempDir()
        let head = Array("客户姓名,手机号码订单编号商品名称备注\nok,".utf8)
        let after = Array(",0123456789abcdef,0123456789abcdef\n".utf8)
        for length in 1...17 {
            let field = Array(repeating: UInt8(ascii: "a"), count: length - 1) + [0xFF]
            for (name, cell) in [("plain", field), ("quoted", [0x22] + field + [0x22])] {
                let u = dir.file("end-\(name)-\(length).csv", head + cell + after)
                #expect(throws: FileError.self, "\(name), \(length) bytes") { try csvRows(u) }
            }
        }
        // "a""<FF>" (a doubled quote before it) and "ab"c<FF> (after the closing quote).
        let cells: [[UInt8]] = [Array("\"a\"\"".utf8) + [0xFF, 0x22], Array("\"ab\"c".utf8) + [0xFF]]
        for (i, cell) in cells.enumerated() {
            let u = dir.file("escaped-\(i).csv", head + cell + after)
            #expect(throws: FileError.self, "cell \(i)") { try csvRows(u) }
        }
        // The same fields with a valid last character are read.
        let good = dir.file("good.csv", head + Array("\"a\"\"é\",\"ab\"cé,aaaaaaaaé".utf8) + after)
        #expect(try csvRows(good).last == ["ok", "a\"é", "abcé", "aaaaaaaaé", "0123456789abcdef", "0123456789abcdef"])
    }

    @Test func rowNumbersCountBlankLinesLikeExcel() throws {
        let dir = TempDir()
        let p = dir.file("b.csv", "h1,h2\n\na,b\n\"x\ny\",z\nlast,1\n")
        var numbers: [Int] = []
        try CSVReader(path: p).forEachRow { row, _ in numbers.append(row) }
        #expect(numbers == [1, 2, 3, 4, 5])
    }

    @Test func anUnclosedQuoteIsAnError() throws {
        let dir = TempDir()
        let p = dir.file("q.csv", "客户,备注\n张丽,\"没有闭合\n李强,x\n")
        #expect(throws: FileError.self) { try csvRows(p) }
        do { _ = try csvRows(p) } catch let e as FileError {
            #expect(e.row == 2)
            #expect(e.message.zh.contains("第 2 行开始的引号没有闭合"))
        }
    }

    @Test func brokenUTF8AfterAValidStartIsAnError() throws {
        let dir = TempDir()
        let p = dir.file("bad.csv", Array("客户,备注\n张丽,好\n".utf8) + [0x41, 0xFF, 0xFE, 0x0A])
        #expect(throws: FileError.self) { try csvRows(p) }
    }

    @Test func writerQuotesWhatNeedsQuoting() {
        var w = CSVWriter()
        w.row(["a", "b,c", "d\"e", "f\ng", " h"])
        #expect(w.content == "\u{FEFF}a,\"b,c\",\"d\"\"e\",\"f\ng\",\" h\"\r\n")
    }

    /// The reader checks fields as UTF-8 without making Strings: its check must refuse exactly
    /// what `String(validating:)` refuses (overlong forms, surrogates, beyond U+10FFFF, cut sequences).
    @Test func theUTF8CheckAgreesWithStringValidation() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("客户".utf8), Array("a".utf8), Array("😀".utf8), [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x90, 0x80], [0xC2], [0x80], [0xFF], [0xEF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF],
            [0xE0, 0xA0, 0x80], [0xC2, 0xA0], Array("abcdefghijkl".utf8),
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            if Bool.random(using: &rng), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = .random(in: 0...255, using: &rng)
            }
            let checked = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
            #expect(checked == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
