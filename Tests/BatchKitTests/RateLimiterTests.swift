import Foundation
import Testing
import VeniceClient
@testable import BatchKit

/// Every test runs on `VirtualClock`: times are exact, written down, and no test waits or reads
/// the wall clock.
@Suite struct BatchRateLimiterTests {
    /// Seconds from the clock's start to each grant.
    func offsets(_ grants: [Date], _ clock: VirtualClock) -> [Double] {
        grants.map { $0.timeIntervalSince(clock.start) }
    }

    /// Whether two lists of times agree to a microsecond (Date arithmetic near 2027 is good to
    /// about 10⁻⁷ s per step).
    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 }
    }

    @Test func oneCallerStartsExactlyOneIntervalApart() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "600/min"), clock: clock)
        for _ in 0 ..< 12 { try await limiter.acquire() }
        // 600/min: 60 s / 600 = 0.1 s apart, the first at once: 0, 0.1, …, 1.1
        let expected = (0 ..< 12).map { Double($0) / 10 }
        let got = offsets(await limiter.grants, clock)
        #expect(same(got, expected), "\(got)")
        // so the 11th start is the first a full second after the 1st: at most 10 in any second
        #expect(got[10] - got[0] >= 1 - 1e-6)
    }

    /// Six workers share one limiter. The virtual clock lets a sleeper wake late (each sleep moves
    /// time on from wherever the others left it), as a busy machine does; starts must still stay a
    /// full interval apart.
    @Test(.timeLimit(.minutes(3)))   // a hang guard, with room for a loaded machine
    func concurrentWorkersShareTheRateEvenWhenTheyWakeLate() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "100/s"), clock: clock)   // 1 s / 100 = 0.01 s apart
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0 ..< 6 {
                group.addTask { for _ in 0 ..< 5 { try await limiter.acquire() } }
            }
            try await group.waitForAll()
        }
        let got = offsets(await limiter.grants, clock)
        try #require(got.count == 6 * 5)
        // (to 10⁻⁶ s: a Date this far from 2001 resolves about 10⁻⁷ s)
        for (a, b) in zip(got, got.dropFirst()) {
            #expect(b - a >= 0.01 - 1e-6, "starts \(a) and \(b) are closer than 0.01 s")
        }
        // 10 consecutive gaps of at least 0.01 s: no 0.1 s window holds more than 10 starts
        for i in 0 ..< got.count - 10 { #expect(got[i + 10] - got[i] >= 0.1 - 1e-6) }
    }

    @Test func pushbackPausesAndSlowsDownThenRecovers() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "60/min"), clock: clock)   // 1 s apart
        try await limiter.acquire()                                     // at 0
        await limiter.serviceRefused(delay: 5)                          // pause until 0 + 5, spacing × 2
        #expect(await limiter.slowdown == 2)
        try await limiter.acquire()                                     // waits out the pause: 5
        try await limiter.acquire()                                     // then 2 × 1 s later: 7
        #expect(same(offsets(await limiter.grants, clock), [0, 5, 7]))
        for _ in 0 ..< 3 { await limiter.succeeded() }                  // 2 − 3 × 0.25
        #expect(await limiter.slowdown == 1.25)
        await limiter.succeeded()
        await limiter.succeeded()                                       // never below the rate asked for
        #expect(await limiter.slowdown == 1)
    }

    @Test func lowRemainingHeadersSlowDown() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "600/min"), clock: clock)   // 0.1 s apart
        try await limiter.acquire()                                     // at 0
        // 19 left is above the low mark (2): no change, the next start is 0.1 s later
        await limiter.observe(remaining: 19, reset: clock.now().addingTimeInterval(30))
        try await limiter.acquire()                                     // 0.1
        // none left, reset in 7 s: pause until 0.1 + 7
        await limiter.observe(remaining: 0, reset: clock.now().addingTimeInterval(7))
        try await limiter.acquire()                                     // 7.1
        // one left, reset in 10 s: spread over the window, 10 / (1 + 1) = 5 s on
        await limiter.observe(remaining: 1, reset: clock.now().addingTimeInterval(10))
        try await limiter.acquire()                                     // 12.1
        // none left, a reset a day away: the pause is capped at maxPause, 60 s
        await limiter.observe(remaining: 0, reset: clock.now().addingTimeInterval(100_000))
        try await limiter.acquire()                                     // 72.1
        let got = offsets(await limiter.grants, clock)
        #expect(same(got, [0, 0.1, 7.1, 12.1, 72.1]), "\(got)")
    }

    @Test func theRetryClockCountsAttemptsAndReportsPushback() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "60/min"), clock: clock)
        let retryClock = RateLimitedClock(limiter: limiter, base: clock)
        let counter = AttemptCounter()
        await AttemptCounter.$current.withValue(counter) {
            await retryClock.willRetry(after: .rateLimited(ServerErrorInfo(status: 429, body: [])), delay: 3)
            await retryClock.willRetry(after: .internalServerError(ServerErrorInfo(status: 500, body: [])), delay: 1)
        }
        #expect(counter.value == 2, "each retry is an attempt of the item")
        #expect(await limiter.slowdown == 2, "only the 429 slows the batch down")
        // the 429 paused starts until 3; the retry's own 1 s delay ends at 1, then it waits for the limiter
        try await retryClock.sleep(seconds: 1)
        #expect(same(offsets(await limiter.grants, clock), [3]))
        #expect(same([clock.elapsed], [3]))
    }

    @Test func ratesParse() throws {
        #expect(try RequestRate(parsing: "20").perMinute == 20)
        #expect(try RequestRate(parsing: "20/min").perMinute == 20)
        #expect(try RequestRate(parsing: "2/s").perMinute == 120)          // 2 × 60
        for bad in ["0", "-3", "x", "/min", "inf"] {
            #expect(throws: BatchError.invalidRate(bad), "\(bad)") { try RequestRate(parsing: bad) }
        }
    }
}
