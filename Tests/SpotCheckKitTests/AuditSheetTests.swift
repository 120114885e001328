import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("The audit workbook: marked phrases, the scorecard sheet, the legend")
struct AuditSheetTests {
    /// A rich text run as the sheet's XML holds it: its text, and whether it is bold, red, in 等线.
    struct Run: Equatable {
        var text: String
        var bold: Bool, red: Bool, font: Bool
    }

    /// The runs of each rich text cell of the audit sheet's conversation column (G), by row (1-based).
    func conversationRuns(_ path: String) throws -> [Int: [Run]] {
        let xml = try Workbook(path).part("xl/worksheets/sheet1.xml")
        var out: [Int: [Run]] = [:]
        for cell in xml.matches(of: /<c r="G(\d+)"[^>]*><is>(.*?)<\/is><\/c>/.dotMatchesNewlines()) {
            let runs = cell.output.2.matches(of: /<r><rPr>(.*?)<\/rPr><t[^>]*>(.*?)<\/t><\/r>/.dotMatchesNewlines()).map
            {
                let p = $0.output.1
                return Run(
                    text: String($0.output.2), bold: p.contains("<b/>"), red: p.contains("<color rgb=\"FFFF0000\"/>"),
                    font: p.contains("<rFont val=\"等线\"/>"))
            }
            if !runs.isEmpty { out[Int(cell.output.1)!] = runs }
        }
        return out
    }

    @Test func theBannedPhraseIsMarkedInTheConversationWhereTheChecksFoundIt() throws {
        let (w, path) = try AuditWorkbookTests().exported()
        let runs = try conversationRuns(path)
        // Rows 3–7: C1, C2, C3, Q1, Q2. Q1's agent wrote 沒辦法 (traditional), found by the folding matcher.
        let q1 = try #require(runs[6])
        #expect(
            q1.map(\.text) == [
                "10:00:00 顾客：在吗\n10:00:15 客服：您好，请问有什么可以帮您\n10:00:30 顾客：退款到哪了\n10:00:40 客服：", "沒辦法",
                "，系統就是這樣\n10:01:00 客服：感谢您的耐心，再见",
            ])
        #expect(q1.map(\.bold) == [false, true, false] && q1.map(\.red) == [false, true, false])
        #expect(q1.allSatisfy { $0.font }, "every run in the sheets' font: \(q1)")
        // C3's customer said 没办法: the rule looks at agents' words only, and so does the marking.
        let rows = try Workbook(path).rows("抽检评分")
        #expect(rows[5]![6].contains("客服也没办法"))
        #expect(runs.keys.sorted() == [6])
        // The cell reads as the plain conversation, in this reader and in openpyxl.
        #expect(rows[6]![6] == q1.map(\.text).joined())
        let plain = "\(w.dir)/plain.txt"
        try python(
            "import sys, openpyxl\nopen(sys.argv[2], 'w').write(openpyxl.load_workbook(sys.argv[1]).worksheets[0]['G6'].value)",
            [path, plain])
        #expect(try String(contentsOfFile: plain, encoding: .utf8) == rows[6]![6])
        // The marked stretches are the banned-phrase findings, no more and no fewer.
        let found = try Store(path: w.db).read { db in try QAData.findings(period: "2026-09", db) }
            .filter { $0.finding.rule == .bannedPhrase }.map(\.finding.matched)
        #expect(found == ["沒辦法"])
    }

    @Test func marksLandOnTheirPhraseAfterCharactersOfEveryWidth() {
        let t0 = LocalDateTime(day: Day(year: 2026, month: 9, day: 5)!, hour: 14)!
        let u = [
            Utterance(seq: 0, speaker: .customer, start: t0, end: nil, text: "😀𠀀 在吗"),
            Utterance(seq: 1, speaker: .agent, start: t0, end: nil, text: "𠀀😀 没办法，你到售后部门问问吧"),
        ]
        // Scalar offsets, as the checks record them: 没办法 at 3..<6, 你到售后部门问问 at 7..<15.
        let talk = AuditWorkbook.conversation(u, channel: .chat, lang: .zh, marks: [1: [3..<6, 7..<15]])
        let utf8 = Array(talk.text.utf8)
        #expect(talk.marks.map { String(decoding: utf8[$0], as: UTF8.self) } == ["没办法", "你到售后部门问问"])
        // A mark past the utterance's end is left out, not misplaced.
        #expect(AuditWorkbook.conversation(u, channel: .chat, lang: .zh, marks: [1: [3..<99]]).marks.isEmpty)
    }

    @Test func maskingPhoneNumbersKeepsTheMarksOnTheirPhrases() {
        let text = "14:00:00 客服：您的号码13812345678，没办法改\n14:00:05 顾客：我的是 139-1234-5678"
        let phrase = text.utf8.count - "没办法改\n14:00:05 顾客：我的是 139-1234-5678".utf8.count
        let masked = AuditWorkbook.masked(MarkedText(text, marks: [phrase..<(phrase + "没办法".utf8.count)]))
        #expect(masked.text == PrivateText.mask(text))
        #expect(masked.text.contains("138****5678") && masked.text.contains("139****5678"))
        let utf8 = Array(masked.text.utf8)
        #expect(masked.marks.map { String(decoding: utf8[$0], as: UTF8.self) } == ["没办法"])
        // A mark that cuts into a number would leave part of it unmasked: the marks go, the text is masked whole.
        let glued = "客服：你到13812345678部门问问"
        let into = "客服：你到1381".utf8.count
        let cut = AuditWorkbook.masked(MarkedText(glued, marks: [0..<into]))
        #expect(cut.text == PrivateText.mask(glued) && cut.marks.isEmpty)
        #expect(!cut.text.contains("13812345678"))
    }

    @Test("The live total and pass formulas, made once and numbered per row, are the rule's own for every row")
    func rowFormulasMadeOnceAreTheRulesFormulas() throws {
        let w = try QAFixture.imported()
        defer { withExtendedLifetime(w) {} }
        let card = try w.on("2026-10-08").qa().scorecard
        for lang in [Lang.zh, .en] {
            let layout = AuditWorkbook.RowLayout(card: card, lang: lang)
            for r in [0, 3, 9, 99, 20_004, 1_048_575] {
                let row = String(r + 1)
                let cells = layout.letters.map { $0 + row }
                #expect(layout.totalFormula(r) == card.totalFormula(itemCells: cells))
                #expect(
                    layout.passedFormula(r)
                        == card.passFormula(
                            totalCell: layout.totalLetter + row, itemCells: cells, pass: layout.passText,
                            fail: layout.failText))
            }
            #expect(layout.totalFormula(3).contains("(--I4)*1.5"))
        }
    }

    @Test func theScorecardSheetIsInChineseWithEveryItemsNameCategoryWeightAndScores() throws {
        let (w, path) = try AuditWorkbookTests().exported()
        defer { withExtendedLifetime(w) {} }
        let book = try Workbook(path)
        let card = try book.rows("评分标准")
        #expect(card[1] == ["2026-09 质检评分标准"])
        #expect(card[2] == ["评分项", "类别", "权重", "可选分值", "否决项（最低分即不合格）"])
        #expect(card[3] == ["及时响应（15秒内，含自动回复）", "流程合规性", "15", "0、5、10"])
        #expect(card[7] == ["未使用服务忌语", "话术规范性", "10", "0、10", "否决项"])
        #expect(card[10] == ["耐心礼貌、不推诿", "服务态度", "10", "0、5、10", "否决项"])
        #expect(card[11] == ["合计", "", "100"])
        #expect(card[13] == ["合格线：80 分（满分 100）"])
        // No item code anywhere in the workbook a Chinese reader sees.
        let ids = try w.on("2026-10-08").qa().scorecard.items.map(\.id)
        #expect(ids.contains("no_banned") && ids.contains("response"))
        for sheet in ["抽检评分", "评分标准"] {
            let cells = try book.rows(sheet).values.flatMap { $0 }
            #expect(!cells.contains { c in ids.contains { c.contains($0) } }, "\(sheet)")
        }
        // The weights' total is live; the sheet prints with its title and month above.
        let xml = try book.part("xl/worksheets/sheet2.xml")
        #expect(xml.contains("<f>SUM(C3:C10)</f><v>100</v>"))
        #expect(xml.contains("<oddHeader>&amp;C评分标准　2026-09</oddHeader>"))
        #expect(xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"))
    }

    @Test func theLegendSaysWhatEachMarkingMeansOnBothSheets() throws {
        let (w, path) = try AuditWorkbookTests().exported()
        defer { withExtendedLifetime(w) {} }
        let book = try Workbook(path)
        let card = try book.rows("评分标准")
        let legend = try #require(card.first { $0.value.first == "图例" }?.key)
        #expect(card[legend + 1] == ["位置", "示例", "含义"])
        #expect(card[legend + 2]!.prefix(3) == ["「是否合格」列", "不合格", "不合格：总分低于合格线，或否决项给了最低分；随填写的分值自动更新"])
        #expect(card[legend + 3]!.prefix(3) == ["否决项的评分列", "0", "否决项给了最低分：无论总分多少，整通会话不合格"])
        #expect(card[legend + 4]!.prefix(2) == ["评分项的表头", "权重 10·否决项"])
        #expect(card[legend + 5]!.prefix(3) == ["「对话内容」列", "客服：没办法", "红色加粗：自动检查发现的服务忌语（与「自动检查结果」一列对应）"])
        // The samples look as the audit sheet's markings do: the same highlight, the same red bold run.
        let xml = try book.part("xl/worksheets/sheet2.xml")
        for row in [legend + 2, legend + 3] {
            #expect(xml.contains("<conditionalFormatting sqref=\"B\(row)\"><cfRule type=\"expression\" dxfId=\"0\""))
        }
        #expect(xml.contains("<formula>TRUE</formula>"))
        let strings = try book.part("xl/sharedStrings.xml")
        #expect(strings.contains(#"<rFont val="等线"/><family val="2"/></rPr><t>没办法</t>"#))
        // The audit sheet carries the short legend beside its title, so it prints on every page.
        let audit = try book.rows("抽检评分")
        #expect(audit[1]![8] == "不合格")
        #expect(audit[1]![9] == "红底＝不合格，或否决项给了最低分；红色加粗＝对话中的服务忌语")
        let sheet = try book.part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<conditionalFormatting sqref=\"I1\"><cfRule type=\"expression\" dxfId=\"0\""))
        #expect(sheet.contains("<mergeCell ref=\"J1:T1\"/>"))
    }

    @Test func inEnglishTheScorecardAndTheHeadersUseTheEnglishNamesAndScoresImportBack() throws {
        let w = try QAFixture.imported()
        try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let path = "\(w.dir)/audit-en.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08", lang: .en)).export(period: september, to: path)
        let book = try Workbook(path)
        let card = try book.rows("Scorecard")
        #expect(card[2] == ["Item", "Category", "Weight", "Allowed scores", "Critical (lowest score fails)"])
        #expect(card[3] == ["Replied within 15 s (auto-reply counts)", "Process compliance", "15", "0, 5, 10"])
        #expect(card[7] == ["No banned phrases", "Wording", "10", "0, 10", "critical"])
        let audit = try book.rows("Audit")
        #expect(audit[2]![8] == "Replied within 15 s (auto-reply counts)\nweight 15")
        #expect(audit[2]![12] == "No banned phrases\nweight 10, critical")
        #expect(!card.values.flatMap { $0 }.contains { $0.contains("未使用服务忌语") })
        // An auditor scores the English workbook; its headers are found by their English names.
        let scored = "\(w.dir)/audit-en-scored.xlsx"
        try python(
            """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["Audit"]
            for c, v in zip(range(9, 17), [10, 10, 10, 10, 0, 10, 10, 10]): ws.cell(3, c).value = v
            ws.cell(3, 19).value = "孙悦"
            wb.save(sys.argv[2])
            """, [path, scored])
        let r = try ScoresImporter(workspace: try w.on("2026-10-15", lang: .en)).run(file: scored)
        #expect((r.scored, r.changed) == (1, 1))
    }
}
