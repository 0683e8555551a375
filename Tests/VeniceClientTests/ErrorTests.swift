import Foundation
import Testing
import VeniceClient
import VeniceTestServer

/// Error bodies, messages and the guarantee that the API key never leaks.
@Suite(.timeLimit(.minutes(3))) struct ErrorTests {
    @Test func badRequestDetailsAreParsedPerField() async throws {
        try await withHarness { h async throws in
            await h.server.script([.badRequest(message: "Invalid request parameters",
                                               details: ["": ["Unrecognized key(s) in object: 'foo'"],
                                                         "prompt": ["String must contain at most 1500 character(s)"]])])
            let error = await veniceError { () async throws(VeniceError) in
                try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
            }
            guard case .badRequest(let info)? = error else {
                Issue.record("expected badRequest, got \(String(describing: error))")
                return
            }
            #expect(info.status == 400)
            #expect(info.message == "Invalid request parameters")
            #expect(info.fieldErrors == ["": ["Unrecognized key(s) in object: 'foo'"],
                                         "prompt": ["String must contain at most 1500 character(s)"]])
            let text = try #require(error?.description)
            #expect(text.contains("400 Bad Request"))
            #expect(text.contains("prompt: String must contain at most 1500 character(s)"))
            #expect(text.contains("request: Unrecognized key(s) in object: 'foo'"))
        }
    }

    @Test func stringDetailsAndObjectErrorsAreDecoded() async throws {
        try await withHarness { h async throws in
            await h.server.script([
                .badRequestText(message: "Bad image", details: "image must be a JPEG, PNG or WebP"),
                .objectError(status: 400, message: "Model not found", type: "invalid_request_error"),
            ])
            let first = await veniceError { () async throws(VeniceError) in
                try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
            }
            #expect(first?.serverInfo?.message == "Bad image")
            #expect(first?.serverInfo?.detailText == "image must be a JPEG, PNG or WebP")
            #expect(first?.description.contains("details: image must be a JPEG, PNG or WebP") == true)
            let second = await veniceError { () async throws(VeniceError) in
                try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
            }
            #expect(second?.serverInfo == ServerErrorInfo(status: 400, message: "Model not found", type: "invalid_request_error"))
        }
    }

    @Test func messagesTellTheUserWhatToDo() async throws {
        let cases: [(Fault, String)] = [
            (.unauthorized, "Check VENICE_API_KEY"),
            (.paymentRequired, "Add credits"),
            (.payloadTooLarge, "venice-edit preflight"),
            (.unprocessable(code: "IMAGE_TOO_LARGE", message: "Image dimensions must not exceed 33177600 pixels"),
             "venice-edit preflight"),
            (.unprocessable(code: "CONTENT_POLICY_VIOLATION", message: "Content policy violation"), "content policy"),
            (.custom(status: 415, headers: [:], body: #"{"error":"Invalid request content-type"}"#), "415"),
        ]
        try await withHarness { h async throws in
            await h.server.script(cases.map(\.0))
            for (fault, hint) in cases {
                let error = await veniceError { () async throws(VeniceError) in
                    try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
                }
                let text = error?.description ?? ""
                #expect(text.contains(hint), "\(fault): \(text)")
            }
            #expect(await h.server.requests.count == cases.count)
        }
    }

    @Test func serverChecksImageSizes() async throws {
        try await withHarness { h async throws in
            func edit(_ bytes: [UInt8]) async -> VeniceError? {
                await veniceError { () async throws(VeniceError) in
                    try await h.client.edit(EditRequest(image: .bytes(bytes), prompt: "x"))
                }
            }
            let small = await edit(TestImages.png(width: 100, height: 100))
            #expect(small?.status == 400)
            #expect(small?.serverInfo?.code == "IMAGE_TOO_SMALL")
            let large = await edit(TestImages.blankPNG(width: 10_000, height: 10_000))
            #expect(large?.status == 422)
            #expect(large?.serverInfo?.code == "IMAGE_TOO_LARGE")
            #expect(large?.description.contains("venice-edit preflight") == true)
            let corrupt = await edit(Array("definitely not an image".utf8))
            #expect(corrupt?.status == 400)
            #expect(corrupt?.serverInfo?.code == "CORRUPTED_IMAGE")
            // Exactly at the lower limit is fine: 256 × 256 = 65,536.
            #expect(await edit(TestImages.png(width: 256, height: 256)) == nil)
            #expect(await h.server.requests.map(\.status) == [400, 422, 400, 200])
        }
    }

    @Test func wrongKeyGets401WithoutLeakingIt() async throws {
        let wrongKey = "sk-wrong-key-that-must-not-leak"
        try await withHarness(clientKey: wrongKey) { h async throws in
            let error = await veniceError { () async throws(VeniceError) in
                try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
            }
            guard case .unauthorized? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(await h.server.requests.count == 1)
            #expect(h.clock.delays.isEmpty)
            #expect(!String(describing: error).contains(wrongKey))
            #expect(!String(reflecting: error).contains(wrongKey))
            #expect(!h.logs.text.contains(wrongKey))
        }
    }

    @Test func theKeyNeverAppearsInErrorsOrLogs() async throws {
        try await withHarness(retryPolicy: RetryPolicy(maxRetries: 1)) { h in
            // A server that echoes the key back in every part of its error.
            let echo = #"{"error":"key \#(testKey) is bad","code":"\#(testKey)","details":{"\#(testKey)":{"_errors":["\#(testKey)"]}}}"#
            await h.server.script([
                .custom(status: 500, headers: [:], body: echo),
                .custom(status: 400, headers: [:], body: echo),
                .unavailable(retryAfterSeconds: 1000),
            ])
            var errors: [VeniceError] = []
            for _ in 0..<2 {
                if let error = await veniceError({ () async throws(VeniceError) in
                    try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
                }) {
                    errors.append(error)
                }
            }
            // Successes and model listing log too.
            _ = try await h.client.models()
            _ = try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
            #expect(errors.count == 2)
            for error in errors {
                #expect(!error.description.contains(testKey))
                #expect(!String(reflecting: error).contains(testKey))
            }
            #expect(errors.first?.description.contains("[REDACTED]") == true)
            #expect(errors.last == .retryDelayTooLong(requestedSeconds: 1000, limitSeconds: 60, status: 503))
            #expect(h.logs.count > 0)
            #expect(!h.logs.text.contains(testKey))
            #expect(!h.logs.text.lowercased().contains("bearer"))
            #expect(!h.logs.text.lowercased().contains("authorization"))
            // The configuration hides it too.
            #expect(!h.client.configuration.description.contains(testKey))
            var dumped = ""
            dump(h.client.configuration, to: &dumped)
            #expect(!dumped.contains(testKey))
        }
    }

    @Test func errorBodiesThatAreNotJSONAreKeptAsText() {
        let info = ServerErrorInfo(status: 502, body: Array("<html>Bad gateway</html>".utf8))
        #expect(info.message == "<html>Bad gateway</html>")
        #expect(VeniceError.forStatus(info).description.hasPrefix("Venice answered with unexpected status 502"))
        let issues = ServerErrorInfo(status: 400, body: Array(#"{"error":"bad","issues":[{"path":["images",1],"message":"Invalid"}]}"#.utf8))
        #expect(issues.fieldErrors == ["images.1": ["Invalid"]])
    }
}
