import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing output files safely: to a temporary file beside the target, readable by its
/// owner only, then renamed into place in one step, so a kill, a crash or a full disk never
/// leaves a half-written file where a good one was.
public enum OutputPath {
    /// Creates an empty temporary file in the folder of `path` (mode 0600) and returns its path.
    public static func temporary(beside path: String) throws -> String {
        let (dir, name) = split(path)
        var template = Array("\(dir)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(errno))))
        }
        close(fd)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Flushes the temporary file to disk and renames it to `path`; on failure the temporary
    /// file is removed and whatever was at `path` stays.
    public static func commit(_ temporary: String, to path: String) throws {
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 {
            let synced = fsync(fd)
            let err = errno
            close(fd)
            if synced != 0 {
                unlink(temporary)
                throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(err))))
            }
        }
        guard rename(temporary, path) == 0 else {
            let err = errno
            unlink(temporary)
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(err))))
        }
    }

    /// Writes `bytes` to `path` through a temporary file (owner-only), atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temp = try temporary(beside: path)
        guard let f = fopen(temp, "wb") else {
            unlink(temp)
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(errno))))
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        guard written == bytes.count, closed == 0 else {
            unlink(temp)
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(errno))))
        }
        try commit(temp, to: path)
    }

    /// The absolute path with symbolic links resolved in its folder, for comparing paths
    /// (the file itself need not exist yet).
    public static func resolved(_ path: String) -> String {
        if let full = realpath(path, nil) {
            defer { free(full) }
            return String(cString: full)
        }
        let (dir, name) = split(path)
        guard let full = realpath(dir, nil) else { return path }
        defer { free(full) }
        return String(cString: full) + "/" + name
    }

    /// The folder (`.` when none) and the file name of a path.
    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }
}
