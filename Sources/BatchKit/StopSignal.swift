import Foundation

/// A flag the scheduler checks before taking each item: set by the first Ctrl-C so the batch
/// stops taking new items while the ones in flight finish.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requests = 0

    /// Creates an unset signal.
    public init() {}

    /// Asks the batch to stop; returns how many times it has been asked (1 on the first call).
    @discardableResult
    public func requestStop() -> Int {
        lock.lock()
        defer { lock.unlock() }
        requests += 1
        return requests
    }

    /// Whether a stop was asked for.
    public var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requests > 0
    }
}
