import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// The fixture's five transcripts, all sampled, three scored (Q1 王敏 90 不合格, Q2 王敏 100, C1 刘洋 92.5), and
/// the QA report of September written.
func scoredQAReport() throws -> (TestWorkspace, String) {
    let w = try QAFixture.imported()
    try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
    let audit = "\(w.dir)/audit.xlsx", scored = "\(w.dir)/scored.xlsx", path = "\(w.dir)/qa.xlsx"
    _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: audit)
    try python(scoreScript, [audit, scored])
    _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)
    _ = try QAReport(workspace: try w.on("2026-10-15")).run(period: september, to: path)
    return (w, path)
}

/// The formula of a cell (`B7`) in a worksheet's XML, unescaped; nil when the cell holds a value.
func formula(_ xml: String, _ cell: String) -> String? {
    guard let m = xml.firstMatch(of: try! Regex("<c r=\"\(cell)\"[^>]*><f>([^<]*)</f>")) else { return nil }
    return String(m.output[1].substring ?? "").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}

@Suite("The QA summary's live figures")
struct QASummaryTests {
    /// The summary's rows by their first cell.
    func rows(_ book: Workbook) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for r in try book.rows("质检汇总表").values where !r.isEmpty { out[r[0]] = out[r[0]] ?? r }
        return out
    }

    @Test func averagesPassRatesAndCountsRecomputedFromTheDetailCellsAreQAFigures() throws {
        let (w, path) = try scoredQAReport()
        let book = try Workbook(path)
        let summary = try rows(book)
        // Recompute from the cells a reader sees: 质检明细表 (agent, total, pass) and 问题明细 (rule, agent).
        let detail = try book.rows("质检明细表")
        let dh = detail[1]!
        let (agentCol, totalCol, passCol) = (
            dh.firstIndex(of: "客服")!, dh.firstIndex(of: "总分")!, dh.firstIndex(of: "是否合格")!
        )
        let audited = detail.filter { $0.key > 1 }.values.map {
            (agent: $0[agentCol], total: Double($0[totalCol])!, passed: $0[passCol] == "合格")
        }
        let findings = try book.rows("问题明细").filter { $0.key > 1 }.values.map { (rule: $0[1], agent: $0[2]) }
        let header = summary["客服"]!
        let (averageCol, passRateCol) = (header.firstIndex(of: "平均分")!, header.firstIndex(of: "合格率")!)
        let rules = QARule.allCases.map { Catalog.QA.rule($0).zh }
        let loaded = try QAFigures.load(period: september, in: try w.on("2026-10-15"))
        #expect(audited.count == 3 && findings.count == 7)
        for (name, figures) in loaded.figures.agents.map({ ($0.key, $0.value) }) + [("团队", loaded.figures.team)] {
            let row = summary[name]!
            let mine = audited.filter { name == "团队" || $0.agent == name }
            let volume = Double(row[1])!
            #expect(Int(row[3]) == mine.count && mine.count == figures.results.count, "\(name)")
            let average = mine.map(\.total).reduce(0, +) / Double(mine.count)
            #expect(close(row[averageCol], average) && close(row[averageCol], figures.average!), "\(name)")
            let passRate = Double(mine.filter(\.passed).count) / Double(mine.count)
            #expect(close(row[passRateCol], passRate) && close(row[passRateCol], figures.passRate!), "\(name)")
            for (k, rule) in rules.enumerated() {
                let n = findings.filter { $0.rule == rule && (name == "团队" || $0.agent == name) }.count
                #expect(close(row[4 + k], Double(n) * 100 / volume), "\(name) \(rule)")
                #expect(close(row[4 + k], figures.per100(QARule.allCases[k])))
            }
        }
        #expect(summary["已评分"]?[1] == "3" && summary["发现问题数"]?[1] == "7")
        #expect(close(summary["平均分"]?[1], (90 + 100 + 92.5) / 3) && close(summary["合格率"]?[1], 2.0 / 3.0))
    }

    @Test func theSummaryCellsAreFormulasOverTheDetailSheets() throws {
        let (w, path) = try scoredQAReport()
        let xml = try withExtendedLifetime(w) { try Workbook(path).part("xl/worksheets/sheet1.xml") }
        // 刘洋 is the first agent (row 15), the team's row follows 王敏's.
        #expect(formula(xml, "B7") == "COUNT('质检明细表'!$P$2:$P$4)")
        #expect(formula(xml, "B9") == "IF(B7=0,\"无数据\",AVERAGE('质检明细表'!$P$2:$P$4))")
        #expect(formula(xml, "B10") == "IF(B7=0,\"无数据\",COUNTIFS('质检明细表'!$Q$2:$Q$4,\"=合格\")/B7)")
        #expect(formula(xml, "D15") == "COUNTIFS('质检明细表'!$D$2:$D$4,\"=刘洋\")")
        #expect(
            formula(xml, "L15")
                == "IF($D15=0,\"无数据\",AVERAGEIFS('质检明细表'!$P$2:$P$4,'质检明细表'!$D$2:$D$4,\"=刘洋\"))")
        #expect(
            formula(xml, "M16")
                == "IF($D16=0,\"无数据\",COUNTIFS('质检明细表'!$Q$2:$Q$4,\"=合格\",'质检明细表'!$D$2:$D$4,\"=王敏\")/$D16)")
        #expect(
            formula(xml, "E16")
                == "IF($B16=0,0,COUNTIFS('问题明细'!$B$2:$B$8,\"=服务忌语\",'问题明细'!$C$2:$C$8,\"=王敏\")*100/$B16)")
        #expect(formula(xml, "N17") == "IF($D17<5,\"已评分少于 5 个，平均分和合格率仅供参考\",\"\")")
        // Volumes are counted from every transcript, not only the ones listed: plain values.
        #expect(formula(xml, "B15") == nil && formula(xml, "B5") == nil)
    }

    /// LibreOffice opens the report, recalculates every formula, and saves it: the figures are
    /// SpotCheck's; with a total and pass edited in the detail sheet they follow the edit.
    @Test func libreOfficeRecalculatesTheSameFiguresAndFollowsAnEditedDetail() throws {
        let (w, path) = try scoredQAReport()
        let recalculated = try recalculate(path, in: w.dir)
        let before = try rows(Workbook(path)), after = try rows(Workbook(recalculated))
        for name in ["已评分", "发现问题数", "平均分", "合格率", "刘洋", "王敏", "团队"] {
            let a = before[name]!, b = after[name]!
            #expect(a.count == b.count, "\(name)")
            for (x, y) in zip(a, b) {
                if let dx = Double(x), let dy = Double(y) {
                    #expect(abs(dx - dy) < 1e-9, "\(name): \(x) vs \(y)")
                } else {
                    #expect(x == y, "\(name)")
                }
            }
        }
        // C1 (刘洋) marked down to 40 and 不合格 by hand.
        let edited = "\(w.dir)/edited.xlsx"
        try python(
            #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); d = wb["质检明细表"]
            r = next(r for r in range(2, d.max_row + 1) if d.cell(r, 2).value == "C1")
            d.cell(r, 16).value = 40; d.cell(r, 17).value = "不合格"; wb.save(sys.argv[2])
            """#, [path, edited])
        let followed = try rows(Workbook(try recalculate(edited, in: w.dir)))
        #expect(close(followed["刘洋"]?[11], 40) && followed["刘洋"]?[12] == "0")
        #expect(close(followed["平均分"]?[1], (90 + 100 + 40) / 3) && close(followed["合格率"]?[1], 1.0 / 3.0))
        #expect(followed["王敏"]?[11] == "95")
    }
}

@Suite("What checks a scorecard item covers")
struct ScorecardChecksTests {
    func card(_ w: TestWorkspace, _ json: String) throws -> Scorecard {
        try json.write(toFile: "\(w.dir)/spotcheck-config/scorecard.json", atomically: true, encoding: .utf8)
        return try w.on("2026-10-08").qa().scorecard
    }

    @Test func anItemNamesItsChecksAndAnOlderFileTakesTheShippedOnes() throws {
        let w = try TestWorkspace()
        let shipped = try w.on("2026-10-08").qa().scorecard
        #expect(shipped.items.first { $0.id == "no_banned" }?.checks == [.bannedPhrase])
        #expect(shipped.items.first { $0.id == "confirm" }?.checks == [])
        // A scorecard.json copied before items named their checks: the shipped item of the same id says.
        let older = try card(
            w,
            #"{"pass_mark": 80, "items": [{"id": "no_banned", "name": "未使用服务忌语", "category": "c", "weight": 50, "allowed": [0, 10]}, {"id": "mine", "name": "甲", "category": "c", "weight": 50, "allowed": [0, 10], "checks": ["dead-air", "no-closing"]}]}"#
        )
        #expect(older.items.map(\.checks) == [[.bannedPhrase], [.deadAir, .noClosing]])
    }

    @Test func anUnknownCheckIsAnErrorThatListsTheKnownOnes() throws {
        let w = try TestWorkspace()
        let json =
            #"{"pass_mark": 80, "items": [{"id": "a", "name": "甲", "category": "c", "weight": 100, "allowed": [0, 10], "checks": ["banned"]}]}"#
        #expect(throws: ConfigError.self) { try card(w, json) }
        do { _ = try card(w, json) } catch let e as ConfigError {
            #expect(
                e.message
                    == Catalog.Config.invalidValue(
                        "\(w.dir)/spotcheck-config/scorecard.json", "items[0].checks",
                        Catalog.Config.unknownName(QARule.allCases.map(\.rawValue))))
        }
    }
}

/// Opens a workbook in LibreOffice (headless, a profile of its own that recalculates every
/// formula on load) and saves it as XLSX again; returns the new file's path.
func recalculate(_ path: String, in dir: String) throws -> String {
    let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let soffice else {
        throw CallError(message: .init(stringLiteral: "LibreOffice (soffice) is needed: Scripts/ensure-deps test"))
    }
    let profile = "\(dir)/lo-profile", out = "\(dir)/recalculated-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: "\(profile)/user", withIntermediateDirectories: true)
    try #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
    </oor:items>
    """#.write(toFile: "\(profile)/user/registrymodifications.xcu", atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: soffice)
    p.arguments = [
        "-env:UserInstallation=file://\(profile)", "--headless", "--convert-to", "xlsx", "--outdir", out, path,
    ]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    let result = "\(out)/\((path as NSString).lastPathComponent)"
    guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: result) else {
        throw CallError(message: .init(stringLiteral: "LibreOffice did not convert \(path)"))
    }
    return result
}
