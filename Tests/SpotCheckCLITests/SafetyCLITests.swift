import Foundation
import Testing

@testable import SpotCheckFormats

/// The demo's September drawn in a fresh workspace (`init`, or `init --demo`).
private func septemberDrawn(demo: Bool) throws -> Scratch {
    let s = try Scratch()
    try s.run(demo ? ["init", "--demo"] : ["init"])
    let samples = "\(repositoryRoot)/Samples"
    for (month, today, seed, files) in [
        (
            "2026-08", "2026-08-26", "20260826",
            ["after-sales": "售后问题处理表.csv", "courier": "快递件处理表.xlsx", "reviews": "评价收集表.csv", "vip": "VIP客户名单.xlsx"]
        ),
        (
            "2026-09", "2026-09-25", "20260925",
            ["after-sales": "售后问题处理表.xlsx", "courier": "快递件处理表.csv", "reviews": "评价收集表.xlsx", "vip": "VIP客户名单.csv"]
        ),
    ] {
        for (kind, file) in files.sorted(by: { $0.key < $1.key }) {
            try s.run(["import", "--kind", kind, "--month", month, "\(samples)/\(month)/\(file)"], today: today)
        }
        try s.run(["sample", "--month", month, "--seed", seed], today: today)
    }
    return s
}

@Suite("Nothing silently wrong, from the command line")
struct SafetyCLITests {
    @Test func aListOfAnotherWorkspaceIsRefusedNamingItsMonthAndSeed() throws {
        let s = try septemberDrawn(demo: false)
        let r = try s.run(
            ["results", "import", "\(repositoryRoot)/Samples/2026-09/回访名单-已填写.xlsx"], today: "2026-10-08")
        #expect(r.status == 1)
        #expect(r.stderr.contains("这份名单来自另一个工作区（2026-09 的抽样，随机种子 20260925），不属于当前数据库；未导入任何数据"), "\(r.stderr)")
        let status = try s.run(["status", "--month", "2026-09", "--json"], today: "2026-10-08")
        #expect(status.stdout.contains("\"counted\" : 0"), "\(status.stdout)")
    }

    @Test func anExportOntoTheDatabaseIsRefusedAndTheDatabaseStays() throws {
        let s = try septemberDrawn(demo: true)
        let before = s.bytes("spotcheck.db")
        for target in ["spotcheck.db", "./spotcheck.db-wal", "spotcheck-config/spotcheck.json"] {
            let r = try s.run(["export", "call-list", "--month", "2026-09", "-o", target])
            #expect(r.status == 1)
            #expect(r.stderr.contains("输出文件不能是数据库、配置或本命令读取的文件"), "\(r.stderr)")
        }
        #expect(s.bytes("spotcheck.db") == before)
        #expect(try s.run(["status", "--month", "2026-09"]).status == 0)
    }

    @Test func anExportKilledMidwayLeavesTheEarlierFileIntact() throws {
        let s = try septemberDrawn(demo: true)
        #expect(try s.run(["export", "call-list", "--month", "2026-09", "-o", "名单.xlsx"]).status == 0)
        let good = try #require(s.bytes("名单.xlsx"))
        var killedBeforeTheEnd = 0
        for delay in stride(from: 0, to: 400_000, by: 20_000) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: spotcheckBinary)
            p.arguments = ["export", "call-list", "--month", "2026-09", "-o", "名单.xlsx"]
            p.currentDirectoryURL = URL(fileURLWithPath: s.dir)
            p.environment = ProcessInfo.processInfo.environment.merging(["SPOTCHECK_TODAY": "2026-09-25"]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedBeforeTheEnd += 1 }
            p.waitUntilExit()
            // Whatever the moment: the file there is a whole workbook, the old one or a new one.
            let now = try #require(s.bytes("名单.xlsx"))
            if now != good {
                #expect(try XLSXReader(path: "\(s.dir)/名单.xlsx").sheetNames == ["说明", "回访名单", "_spotcheck"])
            }
        }
        #expect(killedBeforeTheEnd > 0)
        #expect(try XLSXReader(path: "\(s.dir)/名单.xlsx").sheetNames.count == 3)
    }

    @Test func aCommandWaitsForAnotherThatHoldsTheDatabase() throws {
        let s = try septemberDrawn(demo: true)
        // Another writer holds the database for two seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE"); c.execute("UPDATE meta SET value = value WHERE key = 'change_seq'")
            print("locked", flush=True); time.sleep(2); c.execute("COMMIT")
            """, "\(s.dir)/spotcheck.db",
        ]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // "locked"
        // Reads go on meanwhile (WAL).
        let read = try s.run(["status", "--month", "2026-09"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(holder.isRunning)
        // A write waits for the other command, then goes on.
        let start = Date()
        let write = try s.run([
            "call", "--month", "2026-09", "--item", "1", "--at", "2026-09-25 10:30", "--result", "no-answer",
        ])
        #expect(write.status == 0, "\(write.stderr)")
        #expect(Date().timeIntervalSince(start) > 0.5)
        #expect(!write.stderr.contains("内部错误"))
        holder.waitUntilExit()
    }

    @Test func theDatabaseIsCreatedReadableByItsOwnerOnly() throws {
        let s = try Scratch()
        try s.run(["init"])
        var st = stat()
        #expect(stat("\(s.dir)/spotcheck.db", &st) == 0 && st.st_mode & 0o777 == 0o600)
    }
}
