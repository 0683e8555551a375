import Foundation

/// A flag the scheduler checks before taking each item: set by the first Ctrl-C, or by an item
/// whose failure means every other item would fail too (a rejected key, an empty balance), so the
/// batch stops taking new items while the ones in flight finish.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requests = 0
    private var reason: String?

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

    /// Stops the batch because of `reason` (the first reason given is kept).
    public func abort(reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if self.reason == nil { self.reason = reason }
        requests += 1
    }

    /// Why the batch aborted itself, when it did (`nil` after a plain Ctrl-C).
    public var abortReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }

    /// Whether a stop was asked for.
    public var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requests > 0
    }
}
