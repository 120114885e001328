import CJemalloc
import Glibc

/// The allocator: jemalloc, linked in place of the C library's malloc. An import hands each row's
/// buffers from the thread that parses it to the thread that stores it, and glibc's malloc frees
/// a block allocated on another thread under its arena's lock: a million-row import spent about
/// 6% of its CPU in malloc and free, and took 7–12% less time with jemalloc (README, "Benchmarks").
enum Allocator {
    /// jemalloc's version when it serves `malloc` (nil when the C library's malloc does: jemalloc
    /// linked after the C library in the lookup order would answer `mallctl` all the same).
    static var version: String? {
        var text: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &text, &size, nil, 0) == 0, let text, servesMalloc else { return nil }
        return String(cString: text)
    }

    /// Whether a block from `malloc` is counted by jemalloc (its count of this thread's allocated bytes grows).
    private static var servesMalloc: Bool {
        func allocated() -> UInt64? {
            var bytes: UInt64 = 0
            var size = MemoryLayout<UInt64>.size
            return mallctl("thread.allocated", &bytes, &size, nil, 0) == 0 ? bytes : nil
        }
        guard let before = allocated(), let block = malloc(4096) else { return false }
        // Handed to the C library, so that the compiler cannot leave the allocation out.
        let usable = malloc_usable_size(block)
        free(block)
        guard let after = allocated() else { return false }
        return usable >= 4096 && after >= before + 4096
    }
}
