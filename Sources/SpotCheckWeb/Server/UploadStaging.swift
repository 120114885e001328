import Foundation
import Hummingbird
import SpotCheckFormats
import SpotCheckKit
import SpotCheckText

/// Files uploaded to the workbench and not yet imported: kept per session in a folder only the
/// server's user can open (0700, a fresh temporary folder made at the first upload), each under its
/// own name, with the kind its headers suggest beside it. An import takes them; a person can
/// remove them; a restart forgets them.
final class UploadStaging: @unchecked Sendable {
    /// The folder of every session's uploads, made on the first upload (guarded by `lock`).
    private var made: String?
    private let lock = NSLock()

    /// One uploaded file.
    struct Staged: Codable, Sendable, Equatable {
        /// Its number within the session (the form's field names).
        var id: Int
        /// Its name as uploaded.
        var name: String
        var size: Int
        /// The kind its headers suggest (``SheetKindGuess``), nil when they say nothing.
        var guess: String?
        /// The seller centre its headers name.
        var platform: String?
        /// Why it cannot be read as a sheet, in the workbench's language (the import will say so again).
        var problem: [String]?
    }

    init() {}

    deinit {
        // The server is going: what was not imported goes with it (nothing to report if it cannot).
        if let made { _ = try? FileManager.default.removeItem(atPath: made) }
    }

    /// The folder of every session's uploads.
    func root() throws -> String {
        try lock.withLock {
            if let made { return made }
            let r = try WorkbookDownload.ownerOnlyFolder("spotcheck-uploads")
            made = r
            return r
        }
    }

    /// The folder of one session's uploads (made 0700 on first use).
    func folder(_ context: WebContext) throws -> String {
        var hasher = Hasher()
        hasher.combine(context.csrf)
        let key = String(UInt64(bitPattern: Int64(hasher.finalize())), radix: 16)
        let dir = try root() + "/u\(context.identity?.id ?? 0)-" + key
        try FileManager.default.createDirectory(
            atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// The session's uploads, in the order they came.
    func list(_ context: WebContext) throws -> [Staged] {
        let dir = try folder(context)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }
        return try names.map { n in
            try JSONDecoder().decode(Staged.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/" + n)))
        }.sorted { $0.id < $1.id }
    }

    /// Where an upload's content is.
    func path(of s: Staged, _ context: WebContext) throws -> String { try folder(context) + "/\(s.id)/" + s.name }

    /// Stores the body of an upload under `name`, then guesses its kind from its headers.
    /// Larger than `limit` bytes is refused (the file is not kept).
    func add(
        name: String, body: RequestBody, limit: Int, columns: ColumnMap, lang: Lang, _ context: WebContext
    ) async throws -> Staged {
        let dir = try folder(context)
        let id = (try list(context).map(\.id).max() ?? 0) + 1
        let fileDir = dir + "/\(id)"
        try FileManager.default.createDirectory(
            atPath: fileDir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let path = fileDir + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw HTTPError(.internalServerError)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                if size > limit { throw HTTPError(.contentTooLarge) }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            try handle.close()
        } catch {
            try? handle.close()  // the upload failed already: that error is the one to report
            try FileManager.default.removeItem(atPath: fileDir)
            throw error
        }
        var staged = Staged(id: id, name: name, size: size)
        do {
            let guess = try SheetKindGuess.guess(path: path, columns: columns)
            staged.guess = guess.kind?.rawValue
            staged.platform = guess.platform?.rawValue
        } catch let e as FileError {
            // Said with the name as uploaded, not where the server keeps it.
            staged.problem = [Catalog.CLI.located(file: name, row: e.row, column: e.column, e.message).text(lang)]
        } catch let e as UserFacingError {
            staged.problem = e.messages.map { $0.text(lang) }
        }
        try JSONEncoder().encode(staged).write(to: URL(fileURLWithPath: dir + "/\(id).json"))
        return staged
    }

    /// Forgets one upload.
    func remove(id: Int, _ context: WebContext) throws {
        let dir = try folder(context)
        for p in [dir + "/\(id)", dir + "/\(id).json"] where FileManager.default.fileExists(atPath: p) {
            try FileManager.default.removeItem(atPath: p)
        }
    }

    /// Forgets every upload of the session.
    func clear(_ context: WebContext) throws {
        let dir = try folder(context)
        try FileManager.default.removeItem(atPath: dir)
    }

    /// The name of an upload as a plain file name: the last part of what the browser sent
    /// (percent-encoded), without control characters; nil when nothing is left.
    static func fileName(_ header: String?) -> String? {
        guard let raw = header?.removingPercentEncoding else { return nil }
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty, clean != ".", clean != "..", clean.utf8.count <= 200 else {
            return nil
        }
        return clean
    }
}
