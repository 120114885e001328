import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import ZIPFoundation

@testable import SpotCheckKit

/// A temporary workspace (database + configuration folder) for one test.
final class TestWorkspace {
    let dir: String
    var db: String { "\(dir)/spotcheck.db" }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-kit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try Workspace.initialize(dbPath: db)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A workspace handle for a given day.
    func on(_ day: String, lang: Lang = .zh) throws -> Workspace {
        let d = try DateText.parse(day)!
        return try Workspace(
            dbPath: db, configDirectory: nil, lang: lang,
            now: d.hasTime ? d.moment : LocalDateTime(day: d.day, hour: 9)!,
            nowIsDayOnly: !d.hasTime)
    }

    /// Writes a UTF-8 CSV file and returns its path.
    func csv(_ name: String, _ lines: [String]) -> String {
        let path = "\(dir)/\(name)"
        try! lines.joined(separator: "\r\n").appending("\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Imports files of a kind.
    @discardableResult
    func importFiles(
        _ kind: SourceKind, _ files: [String], month: String? = nil, skipBad: Bool = false, today: String = "2026-11-25"
    ) throws -> ImportReport {
        try SheetImporter(workspace: try on(today)).run(
            ImportRequest(kind: kind, files: files, month: month.flatMap(YearMonth.init(parsing:)), skipBad: skipBad))
    }

    /// Draws a month.
    @discardableResult
    func draw(
        _ month: String, seed: UInt64 = 1, size: Int? = nil, redraw: Bool = false, today: String = "2026-11-25"
    ) throws -> DrawSummary {
        try MonthlyDraw(workspace: try on(today)).run(
            .init(month: YearMonth(parsing: month)!, size: size, seed: seed, redraw: redraw, drawnBy: "测试"))
    }

    /// Counts rows of a table.
    func count(_ table: String) throws -> Int {
        try Store(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! }
    }

    /// How many identity keys are stored.
    func keyCount() throws -> Int { try keys().count }

    /// The identity keys stored (`b:…`, `p:…`, `o:…`), in the order stored, with their customers.
    func keys() throws -> [(String, Int)] {
        try Store(path: db).read { db in
            var keys: [(String, Int)] = []
            try SheetData.forEachIdentityKey(db) { keys.append(($0, $1)) }
            return keys
        }
    }

    /// A snapshot of every table's content, to show that a failed command changed nothing.
    func snapshot() throws -> [String: [[String]]] {
        try Store(path: db).read { db in
            var out: [String: [[String]]] = [:]
            for t in [
                "imports", "records", "customer_key_blocks", "customer_merges", "pool_blocks", "draws", "draw_items",
                "meta",
                "call_attempts", "call_cases",
                "qa_imports", "transcripts",
                "utterances", "findings", "qa_checks", "qa_draws", "qa_items", "audits", "audit_scores", "orders",
            ] {
                out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t) ORDER BY 1").map { row in
                    row.databaseValues.map { "\($0)" }
                }
            }
            return out
        }
    }

    /// The records stored, as dictionaries of column → text.
    func records() throws -> [[String: String]] {
        try Store(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY id").map { row in
                var d: [String: String] = [:]
                for (col, value) in row where col != "fields" {
                    if !value.isNull { d[col] = "\(value)".trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                }
                let fields = RecordFields(packed: row["fields"])
                for (name, value) in zip(RecordFields.names, fields.all) { if let value { d[name] = value } }
                return d
            }
        }
    }
}

/// Reads a written workbook back: sheets by name, rows of cells.
struct Workbook {
    let path: String
    let reader: XLSXReader

    init(_ path: String) throws {
        self.path = path
        reader = try XLSXReader(path: path)
    }

    var sheets: [String] { reader.sheetNames }

    /// Rows of a sheet, keyed by Excel row number, with cells as text.
    func rows(_ sheet: String) throws -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        try reader.forEachRow(sheet: sheet) { n, cells in out[n] = cells.map(\.text) }
        return out
    }

    /// Raw cells of a sheet.
    func cells(_ sheet: String) throws -> [Int: [Cell]] {
        var out: [Int: [Cell]] = [:]
        try reader.forEachRow(sheet: sheet) { n, cells in out[n] = cells }
        return out
    }

    /// Whether a cell (`sheet` a part such as `xl/worksheets/sheet2.xml`, `cell` such as `Q2`) is drawn with
    /// thin borders all round: its style (`s="N"`) is the N-th cell format of `xl/styles.xml`.
    func hasThinBorders(_ sheet: String, _ cell: String) throws -> Bool {
        let xml = try part(sheet), styles = try part("xl/styles.xml")
        guard let c = xml.firstMatch(of: try Regex("<c r=\"\(cell)\" s=\"(\\d+)\"")),
            let index = Int(c.output[1].substring ?? "")
        else { return false }
        guard let xfs = styles.firstMatch(of: /<cellXfs[^>]*>(.*?)<\/cellXfs>/) else { return false }
        let formats = xfs.output.1.matches(of: /<xf [^>]*borderId="(\d+)"/)
        guard index < formats.count, let border = Int(formats[index].output.1), border > 0 else { return false }
        let borders = styles.firstMatch(of: /<borders[^>]*>(.*?)<\/borders>/)!.output.1.matches(
            of: /<border>.*?<\/border>/)
        let b = borders[border].output
        return ["left", "right", "top", "bottom"].allSatisfy { b.contains("<\($0) style=\"thin\">") }
    }

    /// The XML of a package part.
    func part(_ name: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let entry = archive[name] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The repository root and its folders.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let fixtures = "\(repositoryRoot)/Tests/Fixtures"
let samples = "\(repositoryRoot)/Samples"

/// An after-sales sheet in the hand-made layout.
let afterSalesHeader = "客户,手机号,旺旺号,订单编号,商品,购买日期,问题描述,处理人,处理日期"
