import Foundation

/// The real clock: `Date()` and `Task.sleep`, which stops early when the task is cancelled.
public struct SystemRetryClock: RetryClock {
    /// Creates the system clock.
    public init() {}

    /// The current time.
    public func now() -> Date { Date() }

    /// Sleeps with `Task.sleep`; throws `CancellationError` when the task is cancelled.
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}
