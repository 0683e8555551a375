import Foundation

/// Counts the HTTP attempts of one item, including those that ended in an error (which
/// `VeniceError` does not record): `RateLimitedClock` bumps the counter bound to the current task
/// before each retry.
public final class AttemptCounter: @unchecked Sendable {
    /// The counter of the item the current task is working on, if any.
    @TaskLocal public static var current: AttemptCounter?

    private let lock = NSLock()
    private var count = 0

    /// Creates a counter at zero.
    public init() {}

    /// Adds one attempt.
    public func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    /// The attempts counted.
    public var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
