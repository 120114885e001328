import CJemalloc

/// The allocator: jemalloc, linked in place of the C library's malloc. An import hands each row's
/// buffers from the thread that parses it to the thread that stores it, and glibc's malloc frees
/// a block allocated on another thread under its arena's lock: a million-row import spent about
/// 6% of its CPU in malloc and free, and took 12% less time with jemalloc (README, "Benchmarks").
enum Allocator {
    /// jemalloc's version, when it is the allocator in use (nil if the C library's malloc is).
    static var version: String? {
        var text: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &text, &size, nil, 0) == 0, let text else { return nil }
        return String(cString: text)
    }
}
