import Foundation

/// A bounded queue of batches from one producing thread to one consuming thread: the import's
/// stages (reading a sheet, understanding its rows, storing them) run on their own threads and
/// hand each other batches through these, so the stages overlap on the machine's cores.
public final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[Element]] = []
    private var closed = false
    private var cancelled = false

    /// A queue holding at most `capacity` batches.
    public init(capacity: Int) { self.capacity = capacity }

    /// Queues a batch, waiting while the queue is full; false once the receiver gave up.
    public func send(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches will come.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver stops: pending and future batches are dropped.
    public func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the receiver gave up (a sender that sends nothing for a while asks).
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next batch, or nil when the sender is done.
    public func receive() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !closed && !cancelled { condition.wait() }
        if batches.isEmpty { return nil }
        let b = batches.removeFirst()
        condition.broadcast()
        return b
    }
}
