import Foundation
import ZIPFoundation

@testable import SpotCheckFormats

/// The repository root.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The built `spotcheck` beside the test bundle.
let spotcheckBinary: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "spotcheck"
    ).path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return "\(repositoryRoot)/.build/debug/spotcheck"
}()

/// What a run printed and returned.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A scratch folder the CLI runs in.
final class Scratch {
    let dir: String
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `spotcheck` with arguments in this folder; `unset` names variables taken out of its environment.
    @discardableResult
    func run(
        _ args: [String], today: String? = "2026-09-25", env: [String: String] = [:], unset: [String] = []
    ) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: spotcheckBinary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SPOTCHECK_DB")
        environment.removeValue(forKey: "SPOTCHECK_TODAY")
        if let today { environment["SPOTCHECK_TODAY"] = today }
        environment["USER"] = "组长"
        for (k, v) in env { environment[k] = v }
        for k in unset { environment.removeValue(forKey: k) }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) -> String {
        let path = "\(dir)/\(name)"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: "\(dir)/\(name)") }
}

/// Reads a workbook back.
struct Book {
    let path: String
    let reader: XLSXReader
    init(_ path: String) throws { self.path = path; reader = try XLSXReader(path: path) }
    func rows(_ sheet: String) throws -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        try reader.forEachRow(sheet: sheet) { n, c in out[n] = c.map(\.text) }
        return out
    }
    func part(_ name: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let entry = archive[name] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}
