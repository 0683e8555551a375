import Foundation
import Testing
import VeniceClient
import VeniceTestServer

/// Attempts and delays for each kind of transient failure, and the failures that are never retried.
@Suite(.timeLimit(.minutes(3))) struct RetryTests {
    /// A whole-second "now", so HTTP dates (1 s resolution) convert to exact delays.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func edit(_ h: Harness) async throws(VeniceError) -> ImageResponse {
        try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "retry me"))
    }

    @Test func retryAfterSecondsIsHonoured() async throws {
        try await withHarness { h async throws in
            await h.server.script([.rateLimited(retryAfterSeconds: 3), .rateLimited(retryAfterSeconds: 5)])
            let response = try await edit(h)
            #expect(h.clock.delays == [3, 5])
            #expect(response.attempts == 3)
            #expect(response.retryDelays == [3, 5])
            #expect(await h.server.requests.map(\.status) == [429, 429, 200])
        }
    }

    @Test func retryAfterHTTPDateIsHonoured() async throws {
        try await withHarness(clock: RecordingClock(now: Self.now)) { h in
            await h.server.script([.rateLimitedUntil(Self.now.addingTimeInterval(7))])
            let response = try await edit(h)
            #expect(h.clock.delays == [7])
            #expect(response.attempts == 2)
        }
    }

    @Test func rateLimitResetInSecondsAndMillisecondsIsHonoured() async throws {
        try await withHarness(clock: RecordingClock(now: Self.now)) { h in
            let inSeconds = Self.now.timeIntervalSince1970 + 4
            let inMilliseconds = (Self.now.timeIntervalSince1970 + 6) * 1000
            await h.server.script([.rateLimitedReset(unixTime: inSeconds), .rateLimitedReset(unixTime: inMilliseconds)])
            let response = try await edit(h)
            #expect(h.clock.delays == [4, 6])
            #expect(response.attempts == 3)
        }
    }

    @Test func serverErrorsBackOffExponentially() async throws {
        try await withHarness(retryPolicy: RetryPolicy(maxRetries: 3, jitter: 0)) { h in
            await h.server.script([.internalError, .unavailable(), .rateLimitedWithoutHint])
            let response = try await edit(h)
            #expect(h.clock.delays == [0.5, 1, 2])
            #expect(response.attempts == 4)
            #expect(await h.server.requests.map(\.status) == [500, 503, 429, 200])
        }
    }

    @Test func backoffJitterStaysWithinAQuarter() async throws {
        try await withHarness { h async throws in
            await h.server.script([.internalError, .internalError])
            _ = try await edit(h)
            let delays = h.clock.delays
            #expect(delays.count == 2)
            #expect(delays[0] >= 0.375 && delays[0] <= 0.5)
            #expect(delays[1] >= 0.75 && delays[1] <= 1.0)
        }
    }

    @Test func backoffIsCappedAtEightSeconds() {
        let policy = RetryPolicy(jitter: 0)
        #expect((0..<8).map { policy.baseBackoff(retry: $0) } == [0.5, 1, 2, 4, 8, 8, 8, 8])
        #expect(RetryPolicy().backoff(retry: 2, random: 1) == 1.5)
    }

    @Test func serverDelayParsing() {
        let now = Self.now
        func delay(_ status: Int, _ retryAfter: String?, _ reset: String?) -> Double? {
            RetryPolicy.serverDelay(status: status, retryAfter: retryAfter, rateLimitReset: reset, now: now)
        }
        #expect(delay(429, "0", nil) == 0)
        #expect(delay(503, " 12 ", nil) == 12)
        #expect(delay(429, "Sun, 06 Nov 1994 08:49:37 GMT", nil) == 0)  // in the past
        let future = now.addingTimeInterval(9)
        #expect(delay(429, ContractServer.httpDate(future), nil) == 9)
        #expect(delay(429, "Friday, 15-Jan-27 08:00:09 GMT", nil) == 9)
        #expect(delay(429, "Fri Jan 15 08:00:05 2027", nil) == 5)
        #expect(delay(429, nil, "1800000003") == 3)
        #expect(delay(429, nil, "1800000003500") == 3.5)
        #expect(delay(429, nil, "2") == 2)  // small values are a delay, not a time
        #expect(delay(503, nil, "1800000003") == nil)  // the rate-limit reset only applies to 429
        #expect(delay(429, "soon", nil) == nil)
        #expect(delay(429, "7", "1800000030") == 7)  // Retry-After wins
    }

    @Test func givesUpAfterMaxRetries() async throws {
        try await withHarness { h async throws in
            await h.server.script([.internalError, .internalError, .internalError, .internalError])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            guard case .internalServerError(let info)? = error else {
                Issue.record("expected internalServerError, got \(String(describing: error))")
                return
            }
            #expect(info.message == "Inference processing failed")
            #expect(await h.server.requests.count == 3)
            #expect(h.clock.delays.count == 2)
            #expect(error?.description.contains("Gave up after the allowed retries") == true)
        }
    }

    @Test func serviceUnavailableHonoursRetryAfterThenGivesUp() async throws {
        try await withHarness(retryPolicy: RetryPolicy(maxRetries: 1)) { h in
            await h.server.script([.unavailable(retryAfterSeconds: 2), .unavailable(retryAfterSeconds: 2)])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            guard case .serviceUnavailable(let info)? = error else {
                Issue.record("expected serviceUnavailable, got \(String(describing: error))")
                return
            }
            #expect(info.code == "MODEL_AT_CAPACITY")
            #expect(h.clock.delays == [2])
            #expect(await h.server.requests.count == 2)
        }
    }

    @Test func noRetriesWhenMaxRetriesIsZero() async throws {
        try await withHarness(retryPolicy: .none) { h async throws in
            await h.server.script([.rateLimited(retryAfterSeconds: 1)])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            guard case .rateLimited? = error else {
                Issue.record("expected rateLimited, got \(String(describing: error))")
                return
            }
            #expect(await h.server.requests.count == 1)
            #expect(h.clock.delays.isEmpty)
        }
    }

    @Test(arguments: [
        (Fault.badRequest(message: "Invalid request parameters", details: ["prompt": ["Too long"]]), 400),
        (Fault.unauthorized, 401),
        (Fault.paymentRequired, 402),
        (Fault.payloadTooLarge, 413),
        (Fault.unprocessable(code: "CONTENT_POLICY_VIOLATION", message: "Content policy violation"), 422),
        (Fault.custom(status: 404, headers: ["retry-after": "1"], body: #"{"error":"Not found"}"#), 404),
    ])
    func clientErrorsAreNeverRetried(fault: Fault, status: Int) async throws {
        try await withHarness { h async throws in
            await h.server.script([fault, fault, fault])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            #expect(error?.status == status)
            #expect(error?.isRetryable == false)
            #expect(await h.server.requests.count == 1)
            #expect(h.clock.delays.isEmpty)
        }
    }

    @Test func tooLongRetryAfterFailsClearly() async throws {
        try await withHarness { h async throws in
            await h.server.script([.rateLimited(retryAfterSeconds: 120)])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            #expect(error == .retryDelayTooLong(requestedSeconds: 120, limitSeconds: 60, status: 429))
            #expect(error?.description == "Venice asked to wait 120 s before retrying (status 429), "
                + "longer than the 60 s this client waits: try again later.")
            #expect(await h.server.requests.count == 1)
            #expect(h.clock.delays.isEmpty)
        }
    }

    @Test func tooLateRateLimitResetFailsClearly() async throws {
        try await withHarness(clock: RecordingClock(now: Self.now)) { h in
            await h.server.script([.rateLimitedReset(unixTime: (Self.now.timeIntervalSince1970 + 300) * 1000)])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            #expect(error == .retryDelayTooLong(requestedSeconds: 300, limitSeconds: 60, status: 429))
            #expect(h.clock.delays.isEmpty)
        }
    }

    @Test func timeoutsAreRetried() async throws {
        // The stalled answer never comes in time (the server holds it until it stops), so the first
        // attempt always times out; the 30 s allowed is only what the second, ordinary one needs,
        // with room for a loaded machine.
        try await withHarness(retryPolicy: RetryPolicy(maxRetries: 1, jitter: 0), requestTimeout: .seconds(30)) { h in
            await h.server.script([.stall(seconds: 3600)])
            let response = try await edit(h)
            #expect(response.attempts == 2)
            #expect(h.clock.delays == [0.5])
            #expect(h.logs.text.contains("failure=timeout"))
        }
    }

    @Test func timeoutIsReportedAfterRetries() async throws {
        try await withHarness(retryPolicy: .none, requestTimeout: .milliseconds(500)) { h in
            await h.server.script([.stall(seconds: 3600)])
            let error = await veniceError { () async throws(VeniceError) in try await edit(h) }
            guard case .timeout? = error else {
                Issue.record("expected timeout, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func connectionFailuresAreRetriedThenReported() async throws {
        // a port bound but not listening refuses connections, and stays ours until closed (a
        // stopped server's port could be taken by another test's server meanwhile)
        let closedPort = try ClosedPort()
        defer { closedPort.close() }
        let baseURL = "http://127.0.0.1:\(closedPort.port)/api/v1"
        let clock = RecordingClock()
        let configuration = try VeniceConfiguration(apiKey: testKey, baseURL: baseURL, connectTimeout: .seconds(2))
        let client = VeniceClient(configuration: configuration, clock: clock)
        let error = await veniceError { () async throws(VeniceError) in
            try await client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
        }
        try await client.shutdown()
        switch error {
        case .transport?:
            break
        default:
            Issue.record("expected a transport failure, got \(String(describing: error))")
        }
        #expect(clock.delays.count == 2)
        #expect(error?.description.contains(testKey) == false)
    }

    @Test func cancellationStopsWaitingForARetry() async throws {
        try await withHarness(clock: RecordingClock(holdsSleeps: true)) { h in
            await h.server.script([.rateLimited(retryAfterSeconds: 30)])
            let task = Task { () async throws(VeniceError) -> ImageResponse in try await edit(h) }
            // the client has had its 429 and is now waiting out the 30 s: cancel it there
            var sleeps = h.clock.sleepsBegun.makeAsyncIterator()
            #expect(await sleeps.next() == 30)
            task.cancel()
            // a wait that ignored the cancellation would never end (the suite's time limit fails it)
            switch await task.result {
            case .failure(let error): #expect((error as? VeniceError) == .cancelled)
            case .success: Issue.record("expected cancellation")
            }
            #expect(await h.server.requests.count == 1)
        }
    }

    @Test func theSystemClocksSleepEndsWhenCancelled() async throws {
        let task = Task { try await SystemRetryClock().sleep(seconds: 3600) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
