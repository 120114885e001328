import Foundation
import Testing

/// LibreOffice's command (`soffice`) on the PATH, if it is installed (`Scripts/ensure-deps test` installs it).
let soffice: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

@Suite("Workbooks printed to PDF by LibreOffice")
struct PDFPagesCLITests {
    /// The pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree above them).
    /// LibreOffice writes them uncompressed, one per page.
    static func pages(ofPDF path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: data, as: UTF8.self).matches(of: /\/Type\s*\/Page(?![A-Za-z])/).count
    }

    /// Converts `files` to PDF into `outdir` in one LibreOffice run (its own profile, so that another
    /// LibreOffice running on the machine neither blocks it nor takes the job), at most `limit` seconds.
    static func convert(_ files: [String], to outdir: String, profile: String, limit: TimeInterval = 300) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice ?? "soffice")
        p.arguments =
            [
                "-env:UserInstallation=file://\(profile)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", outdir,
            ] + files
        let log = "\(outdir).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let deadline = Date().addingTimeInterval(limit)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            Issue.record("LibreOffice did not finish within \(Int(limit)) s")
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(p.terminationStatus == 0, "soffice exited \(p.terminationStatus): \(output)")
    }

    /// The demo's workbooks (three call lists, the report, the audit workbook, the QA report) and
    /// the per-agent QA reports of its QA month, each printed to PDF by LibreOffice as it comes:
    /// the 60-row call list on at most 15 A4 pages, the audit workbook on at most 30 (issue 9).
    @Test(
        .enabled(
            if: soffice != nil,
            "LibreOffice is not installed (no soffice on the PATH): `Scripts/ensure-deps test` installs it"))
    func everyWorkbookOfTheDemoPrintsWithinItsPageBudget() throws {
        let s = try Scratch()
        let demo = try s.run(["demo", "--out", "out"], today: nil)
        #expect(demo.status == 0, "\(demo.stderr)")
        // The per-agent reports, from the demo's QA month scored as the demo scores it.
        let samples = "\(repositoryRoot)/Samples/2026-09"
        try s.run(["init", "--demo"])
        for (channel, file) in [("chat", "聊天记录.csv"), ("call", "通话转写.jsonl"), ("call", "通话录音补录.xlsx")] {
            try s.run(["qa", "import", "--channel", channel, "\(samples)/\(file)"], today: "2026-10-08")
        }
        try s.run(["qa", "sample", "--month", "2026-09", "--seed", "20261008"], today: "2026-10-08")
        try s.run(["qa", "scores", "import", "\(samples)/抽检评分表-已评分.xlsx"], today: "2026-10-15")
        let agents = try s.run(
            ["qa", "report", "--month", "2026-09", "--per-agent", "-o", "agents"], today: "2026-10-15")
        #expect(agents.status == 0, "\(agents.stderr)")

        let fm = FileManager.default
        let books =
            try fm.contentsOfDirectory(atPath: "\(s.dir)/out").map { "\(s.dir)/out/\($0)" }
            + fm.contentsOfDirectory(atPath: "\(s.dir)/agents").map { "\(s.dir)/agents/\($0)" }
        let xlsx = books.filter { $0.hasSuffix(".xlsx") }.sorted()
        #expect(xlsx.count == 11, "\(xlsx)")
        try PDFPagesCLITests.convert(xlsx, to: "\(s.dir)/pdf", profile: "\(s.dir)/libreoffice-profile")

        var pages: [String: Int] = [:]
        for book in xlsx {
            let name = URL(fileURLWithPath: book).deletingPathExtension().lastPathComponent
            let pdf = "\(s.dir)/pdf/\(name).pdf"
            guard fm.fileExists(atPath: pdf) else {
                Issue.record("\(name): no PDF written")
                continue
            }
            pages[name] = try PDFPagesCLITests.pages(ofPDF: pdf)
            // Every visible sheet prints on a page of its own at least.
            let visible = try Book(book).part("xl/workbook.xml").matches(of: /<sheet [^>]*\/>/).filter {
                !$0.output.contains("state=\"hidden\"")
            }.count
            #expect(pages[name]! >= visible, "\(name): \(pages[name]!) pages for \(visible) sheets")
        }
        print(
            "PDF pages (LibreOffice): "
                + pages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for month in ["2026-08", "2026-09", "2026-10"] {
            let list = try #require(pages["回访名单-\(month)"])
            #expect(list <= 15, "the call list of \(month) prints on \(list) pages")
        }
        let audit = try #require(pages["抽检评分表-2026-09"])
        #expect(audit <= 30, "the audit workbook prints on \(audit) pages")
        #expect(pages.keys.filter { $0.hasPrefix("质检报告-2026-09-") }.count == 5)
    }
}
