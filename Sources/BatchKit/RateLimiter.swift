import Foundation
import VeniceClient

/// A client-side rate limiter shared by every worker of a batch: request starts are spaced at
/// least `60 / perMinute` seconds apart, measured between the actual starts (so no window of a
/// minute holds more than the rate), and the spacing widens when the service pushes back.
///
/// - `serviceRefused(delay:)` (a 429 or 503) pauses every start for `delay` seconds and doubles the
///   spacing (up to `maxSlowdown` times); each success then narrows it again by a quarter step.
/// - `observe(remaining:reset:)` reads `x-ratelimit-remaining-requests`: at `lowRemaining` or
///   fewer, the remaining requests are spread until the reset time; at 0, starts pause until it
///   (never longer than `maxPause`).
///
/// Time comes from a `RetryClock`, so tests can use a fake clock that does not wait.
public actor RateLimiter {
    /// The rate asked for.
    public nonisolated let rate: RequestRate
    /// At or below this many remaining requests the limiter slows down.
    public nonisolated let lowRemaining: Int
    /// The longest pause the limiter imposes on its own, in seconds.
    public nonisolated let maxPause: Double
    /// The widest the spacing may grow, as a multiple of the base interval.
    public nonisolated let maxSlowdown: Double
    private let clock: any RetryClock
    private var nextStart: Date?
    private var pausedUntil: Date?
    /// The current spacing multiplier (1 = the rate asked for).
    public private(set) var slowdown: Double = 1
    /// The times requests were allowed to start, in order.
    public private(set) var grants: [Date] = []

    /// Creates a limiter.
    public init(rate: RequestRate, clock: any RetryClock = SystemRetryClock(), lowRemaining: Int = 2,
                maxPause: Double = 60, maxSlowdown: Double = 8) {
        self.rate = rate
        self.clock = clock
        self.lowRemaining = lowRemaining
        self.maxPause = maxPause
        self.maxSlowdown = max(1, maxSlowdown)
    }

    /// The current spacing between starts, in seconds.
    public var interval: Double { rate.interval * slowdown }

    /// Waits until a request may start; throws `CancellationError` when the task is cancelled.
    public func acquire() async throws {
        while true {
            let now = clock.now()
            var start = now
            if let nextStart, nextStart > start { start = nextStart }
            if let pausedUntil, pausedUntil > start { start = pausedUntil }
            nextStart = start.addingTimeInterval(interval)
            let wait = start.timeIntervalSince(now)
            if wait > 0 { try await clock.sleep(seconds: wait) } else { try Task.checkCancellation() }
            // a pause imposed while this caller slept pushes it back again
            if let pausedUntil, pausedUntil > clock.now().addingTimeInterval(0.001) { continue }
            // a caller that woke late must not bunch up with the next: actual starts stay a full
            // interval apart (the check and the append below run without suspending, so atomically)
            while let last = grants.last {
                let gap = clock.now().timeIntervalSince(last)
                guard gap < rate.interval else { break }
                try await clock.sleep(seconds: rate.interval - gap)
            }
            grants.append(clock.now())
            return
        }
    }

    /// The service refused a request (429, 503): pause every start for `delay` seconds and slow down.
    public func serviceRefused(delay: Double) {
        let now = clock.now()
        let until = now.addingTimeInterval(min(max(delay, interval), maxPause))
        if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
        slowdown = min(slowdown * 2, maxSlowdown)
    }

    /// A request succeeded: narrow the spacing back toward the rate asked for.
    public func succeeded() {
        slowdown = max(1, slowdown - 0.25)
    }

    /// Reads the rate-limit headers of an answer.
    ///
    /// - Parameters:
    ///   - remaining: `x-ratelimit-remaining-requests`.
    ///   - reset: `x-ratelimit-reset-requests`, when the window resets.
    public func observe(remaining: Int?, reset: Date?) {
        guard let remaining, remaining <= lowRemaining else { return }
        let now = clock.now()
        let horizon = min(max(reset?.timeIntervalSince(now) ?? interval, 0), maxPause)
        if remaining <= 0 {
            let until = now.addingTimeInterval(max(horizon, interval))
            if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
        } else {
            let spread = now.addingTimeInterval(max(horizon / Double(remaining + 1), interval))
            if nextStart.map({ spread > $0 }) ?? true { nextStart = spread }
        }
    }
}
