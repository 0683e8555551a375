import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import VeniceClient
import VeniceTestServer

/// The contract server itself, driven with raw HTTP requests: it must refuse what Venice refuses.
@Suite(.timeLimit(.minutes(5))) struct ContractServerTests {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var details: [String: Any] { json["details"] as? [String: Any] ?? [:] }
    }

    static let photoBase64 = Data(Fixtures.photo).base64EncodedString()

    /// A client whose read timeout is a hang guard too (the shared client's would cut a 35 MB
    /// upload short under AddressSanitizer on a busy machine); lives for the whole test process.
    static let patientClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(240))))

    func send(_ server: ContractServer, _ path: String, method: HTTPMethod = .POST, key: String? = testKey,
              contentType: String? = "application/json", body: [UInt8] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        // a hang guard only: a 35 MB body on a loaded two-core machine can take tens of seconds
        let response = try await Self.patientClient.execute(request, timeout: .seconds(240))
        var buffer = try await response.body.collect(upTo: 10_000_000)
        return Reply(status: Int(response.status.code), headers: response.headers,
                     body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func json(_ object: [String: Any]) -> [UInt8] {
        [UInt8]((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    func withServer(_ body: (ContractServer) async throws -> Void) async throws {
        let server = try await ContractServer.start(apiKey: testKey)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func bearerKeyIsRequired() async throws {
        try await withServer { server async throws in
            let edit = json(["image": Self.photoBase64, "prompt": "x"])
            #expect(try await send(server, "/image/edit", key: nil, body: edit).status == 401)
            #expect(try await send(server, "/image/edit", key: "wrong", body: edit).status == 401)
            #expect(try await send(server, "/image/edit", body: edit).status == 200)
            // /models works without a key, not with a wrong one.
            #expect(try await send(server, "/models?type=inpaint", method: .GET, key: nil, contentType: nil).status == 200)
            #expect(try await send(server, "/models", method: .GET, key: "wrong", contentType: nil).status == 401)
        }
    }

    @Test func otherContentTypesGet415() async throws {
        try await withServer { server async throws in
            let reply = try await send(server, "/image/edit", contentType: "text/plain", body: Array("hello".utf8))
            #expect(reply.status == 415)
            #expect(reply.json["error"] as? String == "Invalid request content-type")
        }
    }

    @Test func unknownFieldsAndMissingFieldsGet400WithDetails() async throws {
        try await withServer { server async throws in
            let unknown = try await send(server, "/image/edit",
                                         body: json(["image": Self.photoBase64, "prompt": "x", "strength": 0.5]))
            #expect(unknown.status == 400)
            #expect(((unknown.details["_errors"] as? [String]) ?? []).first?.contains("'strength'") == true)
            let missing = try await send(server, "/image/edit", body: json(["image": Self.photoBase64]))
            #expect(missing.status == 400)
            #expect((missing.details["prompt"] as? [String: Any])?["_errors"] as? [String] == ["Required"])
        }
    }

    @Test func multiEditTakesModelIdNotModel() async throws {
        try await withServer { server async throws in
            let withModel = try await send(server, "/image/multi-edit",
                                           body: json(["images": [Self.photoBase64], "prompt": "x", "model": "firered-image-edit"]))
            #expect(withModel.status == 400)
            #expect(withModel.details["model"] != nil)
            let withModelId = try await send(server, "/image/multi-edit",
                                             body: json(["images": [Self.photoBase64], "prompt": "x", "modelId": "firered-image-edit"]))
            #expect(withModelId.status == 200)
            #expect(withModelId.headers.first(name: "x-venice-model-id") == "firered-image-edit")
            let badId = try await send(server, "/image/multi-edit",
                                       body: json(["images": [Self.photoBase64], "prompt": "x", "modelId": "nope"]))
            #expect(badId.status == 400)
        }
    }

    @Test func enumsLengthsCountsAndTypesAreChecked() async throws {
        try await withServer { server async throws in
            let base: [String: Any] = ["image": Self.photoBase64, "prompt": "x"]
            func edit(_ extra: [String: Any]) async throws -> Int {
                try await send(server, "/image/edit", body: json(base.merging(extra) { $1 })).status
            }
            #expect(try await edit(["aspect_ratio": "5:4"]) == 400)
            #expect(try await edit(["aspect_ratio": "21:9"]) == 200)
            #expect(try await edit(["output_format": "gif"]) == 400)
            #expect(try await edit(["output_format": "jpg"]) == 200)
            #expect(try await edit(["resolution": "12345678901"]) == 400)
            #expect(try await edit(["safe_mode": "yes"]) == 400)
            #expect(try await edit(["prompt": ""]) == 400)
            #expect(try await edit(["prompt": String(repeating: "p", count: 32_769)]) == 400)
            #expect(try await edit(["quality": "high"]) == 400)  // quality is a multi-edit field
            #expect(try await edit(["image": "@@@ not base64 @@@"]) == 400)
            #expect(try await edit(["image": "data:image/jpeg;base64," + Self.photoBase64]) == 200)
            let four = try await send(server, "/image/multi-edit",
                                      body: json(["images": Array(repeating: Self.photoBase64, count: 4), "prompt": "x"]))
            #expect(four.status == 400)
            let none = try await send(server, "/image/multi-edit", body: json(["images": [], "prompt": "x"]))
            #expect(none.status == 400)
            let both = try await send(server, "/image/background-remove",
                                      body: json(["image": Self.photoBase64, "image_url": "https://x.test/a.png"]))
            #expect(both.status == 400)
            let requests = await server.requests
            #expect(requests.count == 14)
            #expect(requests.filter { $0.status == 200 }.count == 3)
        }
    }

    @Test func multipartMultiEditRejectsTextImages() async throws {
        try await withServer { server async throws in
            let boundary = "test-boundary-123"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"images\"\r\n\r\nhttps://x.test/a.png\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nx\r\n--\(boundary)--\r\n"
            let reply = try await send(server, "/image/multi-edit", contentType: "multipart/form-data; boundary=\(boundary)",
                                       body: Array(body.utf8))
            #expect(reply.status == 400)
            #expect(reply.text.contains("file uploads only"))
        }
    }

    @Test func scriptedFaultsComeFirstAndInOrder() async throws {
        try await withServer { server async throws in
            await server.script([.rateLimited(retryAfterSeconds: 2), .unavailable(retryAfterSeconds: nil), .paymentRequired])
            let edit = json(["image": Self.photoBase64, "prompt": "x"])
            let first = try await send(server, "/image/edit", body: edit)
            #expect(first.status == 429)
            #expect(first.headers.first(name: "retry-after") == "2")
            #expect(try await send(server, "/image/edit", body: edit).status == 503)
            let third = try await send(server, "/image/edit", body: edit)
            #expect(third.status == 402)
            #expect(third.json["code"] as? String == "INSUFFICIENT_BALANCE")
            #expect(await server.pendingFaults.isEmpty)
            let fourth = try await send(server, "/image/edit", body: edit)
            #expect(fourth.status == 200)
            #expect(fourth.headers.first(name: "content-type") == "image/png")
            #expect(await server.requests.map(\.fault) == [.rateLimited(retryAfterSeconds: 2), .unavailable(retryAfterSeconds: nil),
                                                           .paymentRequired, nil])
        }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [UInt8](try Data(contentsOf: root.appendingPathComponent("Fixtures/" + name)))
    }

    /// Every image is read to its end: files written by real encoders pass (background removal has
    /// no pixel bounds, so these small ones can be sent there), and a header without data, a cut
    /// stream, a bad CRC or a missing IEND are refused as undecodable.
    @Test(arguments: [
        ("codecs/baseline.jpg", 200), ("codecs/progressive.jpg", 200), ("codecs/restart.jpg", 200),
        ("codecs/arithmetic.jpg", 200), ("codecs/gray.jpg", 200), ("codecs/cmyk.jpg", 200),
        ("codecs/rgb.png", 200), ("codecs/gray1.png", 200), ("codecs/gray2.png", 200), ("codecs/gray4.png", 200),
        ("codecs/graya.png", 200), ("codecs/interlaced.png", 200), ("codecs/palette-trns.png", 200),
        ("codecs/rgb16.png", 200), ("codecs/rgba16.png", 200), ("probe/interlaced.png", 200),
        ("codecs/truncated.jpg", 400), ("codecs/truncated.png", 400), ("codecs/bad-crc.png", 400),
        ("codecs/no-iend.png", 400),
    ])
    func imagesAreDecodedToTheEnd(fixture: String, status: Int) async throws {
        let bytes = try Self.fixture(fixture)
        try await withServer { server async throws in
            let reply = try await send(server, "/image/background-remove",
                                       body: json(["image": Data(bytes).base64EncodedString()]))
            #expect(reply.status == status, "\(fixture): \(reply.text)")
            if status == 400 { #expect(reply.json["code"] as? String == "CORRUPTED_IMAGE") }
        }
    }

    @Test func aHeaderWithoutPixelsOrACutStreamIsRefused() async throws {
        let photo = Fixtures.photo
        var flipped = TestImages.png(width: 300, height: 300)
        flipped[flipped.count / 2] ^= 0x40                   // inside IDAT: the chunk's CRC no longer matches
        let cases: [(String, [UInt8])] = [
            ("header only", TestImages.pngHeader(width: 300, height: 300)),
            ("JPEG cut at 60%", Array(photo.prefix(photo.count * 6 / 10))),
            ("JPEG without EOI", Array(photo.dropLast(2))),
            ("PNG with a flipped bit", flipped),
        ]
        try await withServer { server async throws in
            for (name, bytes) in cases {
                let reply = try await send(server, "/image/edit",
                                           body: json(["image": Data(bytes).base64EncodedString(), "prompt": "x"]))
                #expect(reply.status == 400, "\(name)")
                #expect(reply.json["code"] as? String == "CORRUPTED_IMAGE", "\(name): \(reply.text)")
            }
            // the same sizes, whole, pass
            let whole = try await send(server, "/image/edit",
                                       body: json(["image": Data(TestImages.png(width: 300, height: 300)).base64EncodedString(),
                                                   "prompt": "x"]))
            #expect(whole.status == 200, "\(whole.text)")
        }
    }

    @Test func qualityIsAMultiEditEnum() async throws {
        try await withServer { server async throws in
            func multiEdit(_ quality: String) async throws -> Int {
                try await send(server, "/image/multi-edit",
                               body: json(["images": [Self.photoBase64], "prompt": "x", "quality": quality])).status
            }
            #expect(try await multiEdit("ultra") == 400)
            #expect(try await multiEdit("high") == 200)
        }
    }

    @Test func bytesLimitsAreDecimalAndTheJSONBodyLimitIsAbout35MB() async throws {
        try await withServer { server async throws in
            // 25,000,000 bytes is not "less than 25MB" (sent as a file part: no base64 to inflate it)
            let atLimit = TestImages.paddedPNGHeader(width: 1000, height: 1000, totalBytes: 25_000_000)
            let boundary = "limit-boundary-25"
            let head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"
            let refused = try await send(server, "/image/background-remove",
                                         contentType: "multipart/form-data; boundary=\(boundary)",
                                         body: Array(head.utf8) + atLimit + Array("\r\n--\(boundary)--\r\n".utf8))
            #expect(refused.status == 413)
            #expect(refused.json["code"] as? String == "PAYLOAD_TOO_LARGE")
            // a JSON body over 35,000,000 bytes is refused whatever it holds
            let padding = String(repeating: "p", count: 35_000_001)
            let huge = try await send(server, "/image/edit", body: Array(#"{"prompt":"\#(padding)"}"#.utf8))
            #expect(huge.status == 413)
        }
    }

    @Test func aRetryEarlierThanTheRetryAfterSentIsAViolation() async throws {
        try await withServer { server async throws in
            await server.script([.rateLimited(retryAfterSeconds: 30)])
            let edit = json(["image": Self.photoBase64, "prompt": "x"])
            #expect(try await send(server, "/image/edit", body: edit).status == 429)
            #expect(await server.violations.isEmpty)
            // the same request again at once, 30 s too early
            #expect(try await send(server, "/image/edit", body: edit).status == 200)
            let violations = await server.violations
            #expect(violations.count == 1)
            #expect(violations.first?.contains("before the Retry-After") == true, "\(violations)")
            // another request (another prompt) is not a retry of the refused one
            #expect(try await send(server, "/image/edit", body: json(["image": Self.photoBase64, "prompt": "y"])).status == 200)
            #expect(await server.violations.count == 1)
        }
    }

    @Test func anEnforcedRateAnswers429WithRetryAfterPastIt() async throws {
        var behavior = ServerBehavior()
        behavior.enforcedRate = EnforcedRate(requests: 2, windowSeconds: 600)
        let server = try await ContractServer.start(apiKey: testKey, behavior: behavior)
        defer { Task { await server.stop() } }
        let edit = json(["image": Self.photoBase64, "prompt": "x"])
        #expect(try await send(server, "/image/edit", body: edit).status == 200)
        #expect(try await send(server, "/image/edit", body: edit).status == 200)
        let third = try await send(server, "/image/edit", body: edit)
        #expect(third.status == 429)
        #expect(third.json["code"] as? String == "RATE_LIMIT_EXCEEDED")
        // the first admission frees its slot 600 s after it arrived: between 1 and 600 s from now
        let wait = try #require(third.headers.first(name: "retry-after").flatMap(Int.init))
        #expect((1 ... 600).contains(wait))
        // invalid requests are refused for what they are, before any rate accounting
        #expect(try await send(server, "/image/edit", body: json(["image": Self.photoBase64])).status == 400)
        await server.stop()
    }
}
