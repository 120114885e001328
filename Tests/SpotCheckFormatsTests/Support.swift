import Foundation
import ZIPFoundation

@testable import SpotCheckFormats

/// A temporary folder for one test, removed when the value goes away.
final class TempDir {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String, _ bytes: [UInt8]) -> String {
        let p = "\(path)/\(name)"
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
    func file(_ name: String, _ text: String) -> String { file(name, Array(text.utf8)) }
}

/// The repository's Tests/Fixtures folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// All rows of a file.
func rows(_ path: String, sheet: String? = nil) throws -> [(Int, [Cell])] {
    var out: [(Int, [Cell])] = []
    try TabularFile(path: path, sheet: sheet).forEachRow { out.append(($0, $1)) }
    return out
}

/// All records of a CSV, as text.
func csvRows(_ path: String, chunkSize: Int = 4 << 20) throws -> [[String]] {
    var out: [[String]] = []
    try CSVReader(path: path, chunkSize: chunkSize).forEachRow { _, fields in out.append(fields) }
    return out
}

/// Reads parts of an XLSX package as text, to check what was written.
enum XLSXParts {
    static func text(_ path: String, _ part: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let entry = archive[part] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}
