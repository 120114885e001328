import Foundation
import Testing

@Suite("A command line that fits")
struct CommandLineTests {
    @Test func theMonthDefaultsToTheWindowHoldingTodayAndQAAcceptsMonthAndPeriod() throws {
        let s = try CLICallsTests().drawn()
        let status = try s.run(["status"], today: "2026-09-25")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stderr.contains("未指定 --month，按今天所在的抽查区间处理 2026-09（2026-08-27 – 2026-09-26）"))
        #expect(status.stdout.contains("2026-09 服务回访抽查进度"))
        let transcripts = "\(repositoryRoot)/Samples/2026-09/聊天记录.csv"
        #expect(try s.run(["qa", "import", "--channel", "chat", transcripts], today: "2026-10-08").status == 0)
        let byMonth = try s.run(["qa", "check", "--month", "2026-09", "--json"], today: "2026-10-08")
        let byPeriod = try s.run(["qa", "check", "--period", "2026-09", "--json"], today: "2026-10-08")
        #expect(byMonth.status == 0 && byPeriod.status == 0)
        #expect(byMonth.stdout.contains("\"transcripts\""))
    }

    @Test func theToolRunsOnJemalloc() throws {
        // Linked in place of the C library's malloc (Package.swift, CJemalloc): were the C library's
        // first in the lookup order, every allocation would go to it and the import lose its speed.
        let s = try Scratch()
        #expect(try s.run(["init"]).status == 0)
        // Before anything is drawn the status only says so (exit 1); the diagnostics come first.
        let r = try s.run(["--verbose", "status"])
        #expect(r.stderr.contains("allocator: jemalloc 5."), "\(r.stderr)")
        // The C library's malloc first in the lookup order: jemalloc still answers its controls, but serves nothing.
        let glibc = try s.run(["--verbose", "status"], env: ["LD_PRELOAD": "libc.so.6"])
        #expect(glibc.stderr.contains("allocator: the C library's malloc"), "\(glibc.stderr)")
    }

    @Test func aWrongChoiceExits64NamingTheClosestValue() throws {
        let s = try Scratch()
        let r = try s.run([
            "call", "--month", "2026-09", "--item", "1", "--at", "2026-09-20 10:00", "--result", "scord",
        ])
        #expect(r.status == 64)
        #expect(r.stderr.contains("无法识别「scord」。您是否要输入「scored」？"))
        let en = try s.run(["--lang", "en", "qa", "import", "--channel", "chats", "x.csv"])
        #expect(en.status == 64)
        #expect(en.stderr.contains("\"chats\" is not one of the values. Did you mean \"chat\"? Use one of: chat, call"))
    }
}
