import Foundation

/// Hands values from one thread that makes them to another that uses them, in batches, with
/// at most `capacity` batches waiting: the maker waits when the user falls behind, so memory
/// stays bounded however much passes through. The maker ends with ``close(_:)`` (an error
/// ends the handoff with it); the user can ``cancel()``, and the maker's next ``put(_:)`` then
/// throws ``Cancelled``.
final class Handoff<Element>: @unchecked Sendable {
    /// Thrown by ``put(_:)`` once the user cancelled.
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var waiting: [[Element]] = []
    private var closed = false
    private var cancelled = false
    /// The maker's error, once closed.
    private(set) var error: Error?
    // The maker's side only.
    private var batch: [Element] = []
    private let batchSize: Int
    private let capacity: Int

    init(batchSize: Int = 256, capacity: Int = 8) {
        self.batchSize = batchSize
        self.capacity = capacity
        batch.reserveCapacity(batchSize)
    }

    /// Runs `make` on a thread of its own, putting its values into a new handoff that it
    /// closes when `make` returns (or with the error it throws). `make` must share nothing
    /// with the caller's thread but the handoff (and what neither changes).
    static func start(
        batchSize: Int = 256, capacity: Int = 8, _ make: @escaping (Handoff<Element>) throws -> Void
    ) -> Handoff<Element> {
        let handoff = Handoff(batchSize: batchSize, capacity: capacity)
        let job = Job {
            do {
                try make(handoff)
                handoff.close(nil)
            } catch {
                handoff.close(error)
            }
        }
        Thread { job.run() }.start()
        return handoff
    }

    /// Adds a value (the maker's side).
    func put(_ value: Element) throws {
        batch.append(value)
        if batch.count >= batchSize { try flush() }
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(batch)
        batch = []
        batch.reserveCapacity(batchSize)
        condition.broadcast()
    }

    /// Ends the handoff (the maker's side), with the maker's error if it failed.
    func close(_ error: Error?) {
        var error = error
        if error == nil {
            do { try flush() } catch let e { error = e }
        }
        condition.lock()
        self.error = error
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch (the user's side); nil once the maker closed and everything was taken.
    func next() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        if waiting.isEmpty { return nil }
        let first = waiting.removeFirst()
        condition.broadcast()
        return first
    }

    /// Stops the maker (the user's side) and waits until it closed.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !closed { condition.wait() }
        condition.unlock()
    }
}

/// A job for a thread of its own.
private final class Job: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
