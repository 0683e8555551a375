import Foundation

/// The time source and sleeper the retry loop uses; inject a fake in tests so they need not wait.
public protocol RetryClock: Sendable {
    /// The current wall-clock time (used to turn `Retry-After` dates and reset times into delays).
    func now() -> Date
    /// Waits `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}
