import Foundation
import VeniceClient

/// The clock given to a `VeniceClient` in a batch: retries wait their delay and then for a slot
/// from the shared `RateLimiter` (so retries count against the rate too), and a 429 or 503 makes
/// the limiter slow every worker down.
public struct RateLimitedClock: RetryClock {
    /// The limiter shared by the batch.
    public let limiter: RateLimiter
    /// The clock that tells time and sleeps.
    public let base: any RetryClock

    /// Creates a clock over `base` that goes through `limiter`.
    public init(limiter: RateLimiter, base: any RetryClock = SystemRetryClock()) {
        self.limiter = limiter
        self.base = base
    }

    /// The base clock's time.
    public func now() -> Date { base.now() }

    /// Waits `seconds`, then for the limiter's next slot.
    public func sleep(seconds: Double) async throws {
        try await base.sleep(seconds: seconds)
        try await limiter.acquire()
    }

    /// Tells the limiter about pushback: 429 (rate limited) and 503 (at capacity) slow the batch down.
    public func willRetry(after failure: VeniceError, delay: Double) async {
        AttemptCounter.current?.increment()
        switch failure {
        case .rateLimited, .serviceUnavailable:
            await limiter.serviceRefused(delay: delay)
        default:
            break
        }
    }
}
