import Foundation
import Testing
import VeniceClient
@testable import BatchKit

@Suite struct BatchRateLimiterTests {
    @Test func startsNeverExceedTheRateInAnyWindow() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "600/min"), clock: clock)
        for _ in 0..<50 { try await limiter.acquire() }
        let grants = await limiter.grants
        #expect(grants.count == 50)
        #expect(await limiter.maxGrants(within: 1) <= 10)
        for (a, b) in zip(grants, grants.dropFirst()) { #expect(b.timeIntervalSince(a) >= 0.1 - 1e-9) }
        #expect(grants.last!.timeIntervalSince(grants.first!) >= 4.9 - 1e-9)
    }

    @Test func concurrentWorkersShareTheRate() async throws {
        let limiter = RateLimiter(rate: try RequestRate(parsing: "100/s"))   // real clock, 10 ms apart
        await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask { for _ in 0..<5 { try await limiter.acquire() } }
            }
        }
        let grants = await limiter.grants
        #expect(grants.count == 30)
        let span = try #require(grants.last).timeIntervalSince(try #require(grants.first))
        #expect(span >= 0.29 - 0.01)
        #expect(await limiter.maxGrants(within: 0.1) <= 10, "even when a worker wakes late")
        for (a, b) in zip(grants, grants.dropFirst()) { #expect(b.timeIntervalSince(a) >= 0.01) }
    }

    @Test func pushbackPausesAndSlowsDownThenRecovers() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "60/min"), clock: clock)
        try await limiter.acquire()
        let before = clock.now()
        await limiter.serviceRefused(delay: 5)
        #expect(await limiter.slowdown == 2)
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(before) >= 5 - 1e-9, "waits out the pause")
        let t1 = clock.now()
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(t1) >= 2 - 1e-9, "then spaces starts twice as far")
        for _ in 0..<4 { await limiter.succeeded() }
        #expect(await limiter.slowdown == 1)
    }

    @Test func lowRemainingHeadersSlowDown() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(rate: try RequestRate(parsing: "600/min"), clock: clock)
        try await limiter.acquire()
        await limiter.observe(remaining: 19, reset: clock.now().addingTimeInterval(30))
        var t = clock.now()
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(t) < 0.2, "plenty left: no change")
        await limiter.observe(remaining: 0, reset: clock.now().addingTimeInterval(7))
        t = clock.now()
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(t) >= 7 - 1e-9, "none left: wait for the reset")
        await limiter.observe(remaining: 1, reset: clock.now().addingTimeInterval(10))
        t = clock.now()
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(t) >= 5 - 1e-9, "one left: spread over the window")
        await limiter.observe(remaining: 0, reset: clock.now().addingTimeInterval(100_000))
        t = clock.now()
        try await limiter.acquire()
        #expect(clock.now().timeIntervalSince(t) <= 60 + 1e-9, "a far reset time is capped")
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
        #expect(counter.value == 2)
        #expect(await limiter.slowdown == 2, "only the 429 slows the batch down")
        let t = clock.now()
        try await retryClock.sleep(seconds: 1)
        #expect(clock.now().timeIntervalSince(t) >= 3 - 1e-9, "a retry also waits for the limiter")
    }

    @Test func ratesParse() throws {
        #expect(try RequestRate(parsing: "20").perMinute == 20)
        #expect(try RequestRate(parsing: "20/min").perMinute == 20)
        #expect(try RequestRate(parsing: "2/s").perMinute == 120)
        for bad in ["0", "-3", "x", "/min", "inf"] {
            #expect(throws: BatchError.self, "\(bad)") { try RequestRate(parsing: bad) }
        }
    }
}
