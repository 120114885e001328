import Foundation
import Testing

/// Runs `spotcheck` with `input` on its standard input.
private func run(_ scratch: Scratch, _ args: [String], input: String) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: spotcheckBinary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: scratch.dir)
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "SPOTCHECK_DB")
    environment["SPOTCHECK_TODAY"] = "2026-10-26"
    environment["USER"] = "组长"
    p.environment = environment
    let inPipe = Pipe(), out = Pipe(), err = Pipe()
    p.standardInput = inPipe
    p.standardOutput = out
    p.standardError = err
    try p.run()
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try inPipe.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(
        status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
        stderr: String(decoding: e, as: UTF8.self))
}

@Suite("The workbench's people and the audit log from the command line")
struct WebCLITests {
    @Test("user add takes a password from standard input, refuses a short one, a taken name and an unknown role")
    func addUsers() throws {
        let s = try Scratch()
        try s.run(["init"])
        let added = try run(s, ["user", "add", "王组长", "--role", "lead", "--password-stdin"], input: "long enough 1\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("已添加用户「王组长」（组长）"))
        let again = try run(
            s, ["user", "add", "王组长", "--role", "caller", "--password-stdin"], input: "long enough 2\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("用户「王组长」已存在"))
        let short = try run(s, ["user", "add", "李娜", "--role", "caller", "--password-stdin"], input: "short\n")
        #expect(short.status == 1)
        #expect(short.stderr.contains("密码至少要 8 个字符"))
        let role = try run(s, ["user", "add", "李娜", "--role", "caler", "--password-stdin"], input: "long enough 3\n")
        #expect(role.status == 64)
        #expect(role.stderr.contains("caller"))
        let list = try s.run(["user", "list"])
        #expect(
            list.stdout.split(separator: "\n").map(String.init) == [
                "用户\t角色\t状态\t创建时间", "王组长\t组长\t启用\t2026-10-26 00:00",
            ])
        let disabled = try s.run(["user", "disable", "王组长"])
        #expect(disabled.status == 0)
        #expect(try s.run(["user", "list"]).stdout.contains("王组长\t组长\t已停用"))
        let unknown = try s.run(["user", "disable", "nobody"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("没有名为「nobody」的用户"))
    }

    @Test("spotcheck log lists who imported, drew, recorded and submitted, latest first")
    func auditLog() throws {
        let s = try Scratch()
        try s.run(["init"], today: "2026-10-26")
        let folder = "\(repositoryRoot)/Samples/2026-10"
        #expect(try s.run(["import", "--kind", "courier", "\(folder)/快递异常登记表.xlsx"], today: "2026-10-26").status == 0)
        #expect(try s.run(["sample", "--month", "2026-10", "--seed", "7"], today: "2026-10-26").status == 0)
        let call = try s.run(
            ["call", "--month", "2026-10", "--item", "1", "--at", "2026-10-26 10:30", "--result", "rejected"],
            today: "2026-10-27")
        #expect(call.status == 0, "\(call.stderr)")
        #expect(try s.run(["submit", "--month", "2026-10", "--by", "王组长"], today: "2026-10-27").status == 0)
        let log = try s.run(["log"])
        let lines = log.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.first == ["时间", "操作人", "途径", "操作", "月份", "内容"])
        #expect(lines.dropFirst().map { $0[3] } == ["递交", "回访记录", "抽样", "导入"])
        #expect(lines[1] == ["2026-10-27 00:00:00", "组长", "cli", "递交", "2026-10", "王组长"])
        #expect(lines[2].last == "#1 rejected")
        #expect(lines[3].last == "seed 7")
        #expect(lines[4].last == "courier: 快递异常登记表.xlsx")
        let english = try s.run(["--lang", "en", "log", "--month", "2026-10", "--limit", "1"])
        #expect(english.stdout.contains("\tsubmit\t2026-10\t"))
        #expect(english.stdout.split(separator: "\n").count == 2)
    }

    @Test("serve answers on its port, and warns when it serves beyond this machine without TLS")
    func serveStarts() throws {
        let s = try Scratch()
        try s.run(["init"])
        let port = 18_000 + Int.random(in: 0..<2000)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: spotcheckBinary)
        p.arguments = ["serve", "--host", "0.0.0.0", "--port", String(port)]
        p.currentDirectoryURL = URL(fileURLWithPath: s.dir)
        let err = Pipe(), out = Pipe()
        p.standardError = err
        p.standardOutput = out
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        var answered: String?
        for _ in 0..<100 where answered == nil {
            Thread.sleep(forTimeInterval: 0.1)
            answered = fetch("http://127.0.0.1:\(port)/login")
        }
        p.terminate()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(answered?.contains("name=\"_csrf\"") == true)
        #expect(stdout.contains("SpotCheck 工作台已启动：http://0.0.0.0:\(port)/"))
        #expect(stderr.contains("没有启用 TLS"))
        #expect(stderr.contains("还没有用户"))
        let half = try s.run(["serve", "--tls-cert", "x.pem"])
        #expect(half.status == 1)
        #expect(half.stderr.contains("--tls-cert 与 --tls-key 要一起给出"))
    }

    @Test("serve --tls-cert/--tls-key answers over HTTPS with a Secure session cookie, without the warning")
    func serveOverTLS() throws {
        let s = try Scratch()
        try s.run(["init"])
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(s.dir)/key.pem", "-out",
            "\(s.dir)/cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
        ]
        openssl.standardError = Pipe()
        openssl.standardOutput = Pipe()
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let port = 20_000 + Int.random(in: 0..<2000)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: spotcheckBinary)
        p.arguments = [
            "serve", "--host", "0.0.0.0", "--port", String(port), "--tls-cert", "cert.pem", "--tls-key", "key.pem",
        ]
        p.currentDirectoryURL = URL(fileURLWithPath: s.dir)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        var answered: String?
        for _ in 0..<100 where answered == nil {
            Thread.sleep(forTimeInterval: 0.1)
            answered = fetch("https://127.0.0.1:\(port)/login", extra: ["-k", "-i"])
        }
        p.terminate()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(answered?.contains("name=\"_csrf\"") == true)
        #expect(answered?.contains("Secure") == true)
        #expect(fetch("http://127.0.0.1:\(port)/login")?.contains("_csrf") != true, "no plain HTTP on the TLS port")
        #expect(!stderr.contains("没有启用 TLS"))
    }

    /// A GET with curl (the page's text), nil when nothing answers yet.
    private func fetch(_ url: String, extra: [String] = []) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "--max-time", "2"] + extra + [url]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 && !data.isEmpty ? String(decoding: data, as: UTF8.self) : nil
    }
}
