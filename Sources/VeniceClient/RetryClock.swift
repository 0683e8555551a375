import Foundation

/// The time source and sleeper the retry loop uses; inject a fake in tests so they need not wait.
public protocol RetryClock: Sendable {
    /// The current wall-clock time (used to turn `Retry-After` dates and reset times into delays).
    func now() -> Date
    /// Waits `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
    /// Called just before the retry wait, with the failure that caused it and the delay chosen
    /// (e.g. so a rate limiter shared by several requests can slow down after a 429).
    /// The default does nothing.
    func willRetry(after failure: VeniceError, delay: Double) async
}

extension RetryClock {
    /// Does nothing.
    public func willRetry(after failure: VeniceError, delay: Double) async {}
}
