import Foundation
import Testing
@testable import VeniceClient
import VeniceTestServer

/// What the server receives for each endpoint and transport.
@Suite(.timeLimit(.minutes(5))) struct RequestBodyTests {
    @Test func editSendsOnlyRequiredFieldsAsJSON() async throws {
        try await withHarness { h async throws in
            let response = try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "make it dusk"))
            let requests = await h.server.requests
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.method == "POST")
            #expect(request.endpoint == "/image/edit")
            #expect(request.contentType == "application/json")
            #expect(request.fieldNames == ["image", "prompt"])
            #expect(request.fields["prompt"] == "make it dusk")
            #expect(request.authorization == "Bearer \(testKey)")
            #expect(request.headers["user-agent"] == "venice-edit/\(VeniceConfiguration.clientVersion)")
            #expect(request.images.count == 1)
            #expect(request.images[0].source == .base64)
            #expect(request.images[0].byteCount == Fixtures.photo.count)
            #expect(request.images[0].header == ImageHeader(format: "jpeg", width: 640, height: 360))
            #expect(request.status == 200)

            #expect(response.contentType == "image/png")
            #expect(response.bytes == TestImages.png8x8)
            #expect(response.fileExtension == "png")
            #expect(response.modelID == "firered-image-edit")
            #expect(response.modelName == "Firered Image Edit")
            #expect(response.isContentViolation == false)
            #expect(response.isDeprecated == false)
            #expect(response.enhancedPrompt == nil)
            #expect(response.balanceUSD == 12.34)
            #expect(response.balanceDIEM == 5.5)
            #expect(response.rateLimitLimit == 20)
            #expect(response.rateLimitRemaining == 19)
            #expect(response.rateLimitReset == Date(timeIntervalSince1970: 1_900_000_000))
            #expect(response.attempts == 1)
            #expect(response.retryDelays.isEmpty)
        }
    }

    @Test func editSendsEveryOptionAndParsesHeaders() async throws {
        var behavior = ServerBehavior()
        behavior.deprecationWarning = "This model will be removed"
        behavior.deprecationDate = "2026-12-01T00:00:00.000Z"
        behavior.deprecated = true
        behavior.deprecatedReplacement = "qwen-image-2-edit"
        behavior.contentViolation = true
        try await withHarness(behavior: behavior) { h async throws in
            let prompt = "replace the sky: 50% sunset + clouds, café & ünïcode ✨"
            let request = EditRequest(
                image: Fixtures.photoInput, prompt: prompt, model: "qwen-edit", aspectRatio: "16:9",
                resolution: "2K", outputFormat: "jpg", safeMode: false, enhancePrompt: true,
                disablePromptOptimizationThinking: true
            )
            let response = try await h.client.edit(request)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.status == 200)
            #expect(recorded.fieldNames == [
                "aspect_ratio", "disable_prompt_optimization_thinking", "enhance_prompt", "image", "model",
                "output_format", "prompt", "resolution", "safe_mode",
            ])
            #expect(recorded.fields["model"] == "qwen-edit")
            #expect(recorded.fields["aspect_ratio"] == "16:9")
            #expect(recorded.fields["resolution"] == "2K")
            #expect(recorded.fields["output_format"] == "jpeg")
            #expect(recorded.fields["safe_mode"] == "false")
            #expect(recorded.fields["enhance_prompt"] == "true")
            #expect(recorded.fields["disable_prompt_optimization_thinking"] == "true")
            #expect(recorded.fields["prompt"] == prompt)

            #expect(response.contentType == "image/jpeg")
            #expect(response.bytes == TestImages.jpeg8x8)
            #expect(response.fileExtension == "jpg")
            #expect(response.modelID == "qwen-edit")
            #expect(response.enhancedPrompt == "Enhanced: " + prompt)
            #expect(response.isDeprecated)
            #expect(response.deprecationWarning == "This model will be removed")
            #expect(response.deprecationDate == "2026-12-01T00:00:00.000Z")
            #expect(response.deprecatedReplacement == "qwen-image-2-edit")
            #expect(response.isContentViolation)
        }
    }

    @Test func editOverMultipartUsesAFilePartNamedImage() async throws {
        try await withHarness { h async throws in
            let request = EditRequest(image: Fixtures.photoInput, prompt: "add a boat", model: "firered-image-edit",
                                      outputFormat: "webp", safeMode: true)
            let response = try await h.client.edit(request, transport: .multipart)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.contentType == "multipart/form-data")
            #expect(recorded.partNames == ["image", "prompt", "model", "output_format", "safe_mode"])
            #expect(recorded.fields["prompt"] == "add a boat")
            #expect(recorded.fields["safe_mode"] == "true")
            #expect(recorded.fields["image"] == nil)
            let image = try #require(recorded.images.first)
            #expect(image.source == .upload)
            #expect(image.field == "image")
            #expect(image.contentType == "image/jpeg")
            #expect(image.fileName == "image.jpg")
            #expect(image.byteCount == Fixtures.photo.count)
            #expect(response.contentType == "image/webp")
            #expect(response.bytes == TestImages.webp8x8)
        }
    }

    @Test func editPassesURLsThrough() async throws {
        try await withHarness { h async throws in
            let url = "http://example.com/photo.jpg?size=large"
            _ = try await h.client.edit(EditRequest(image: .url(url), prompt: "sharpen"))
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.fields["image"] == url)
            #expect(recorded.images.first?.source == .url)
        }
    }

    @Test func multiEditSendsModelIdAndImagesBaseFirst() async throws {
        try await withHarness { h async throws in
            let layer = TestImages.png(width: 300, height: 300)
            let mask = TestImages.png(width: 256, height: 256, alpha: true)
            let request = MultiEditRequest(
                images: [Fixtures.photoInput, .bytes(layer, contentType: "image/png"), .bytes(mask)],
                prompt: "put the layer where the mask is white", modelId: "gpt-image-2-edit", quality: "medium"
            )
            let response = try await h.client.multiEdit(request)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.endpoint == "/image/multi-edit")
            #expect(recorded.contentType == "application/json")
            #expect(recorded.fieldNames == ["images", "modelId", "prompt", "quality"])
            #expect(recorded.fields["model"] == nil)
            #expect(recorded.fields["modelId"] == "gpt-image-2-edit")
            #expect(recorded.fields["images.count"] == "3")
            #expect(recorded.images.map { $0.header?.width } == [640, 300, 256])
            #expect(recorded.images.map { $0.header?.format } == ["jpeg", "png", "png"])
            #expect(response.modelID == "gpt-image-2-edit")
        }
    }

    @Test func multiEditOverMultipartRepeatsTheImagesPart() async throws {
        try await withHarness { h async throws in
            let layer = TestImages.png(width: 256, height: 300)
            let request = MultiEditRequest(
                images: [Fixtures.photoInput, .bytes(layer, contentType: "image/png")],
                prompt: "blend", modelId: "firered-image-edit", aspectRatio: "1:1"
            )
            _ = try await h.client.multiEdit(request, transport: .multipart)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.status == 200)
            #expect(recorded.contentType == "multipart/form-data")
            #expect(recorded.partNames == ["images", "images", "prompt", "modelId", "aspect_ratio"])
            #expect(recorded.images.map(\.field) == ["images", "images"])
            #expect(recorded.images.map(\.source) == [.upload, .upload])
            #expect(recorded.images.map(\.contentType) == ["image/jpeg", "image/png"])
            #expect(recorded.images.map { $0.header?.width } == [640, 256])
        }
    }

    @Test func multiEditOverMultipartRefusesURLsLocally() async throws {
        try await withHarness { h async throws in
            let request = MultiEditRequest(images: [Fixtures.photoInput, .url("https://example.com/mask.png")], prompt: "x")
            let error = await veniceError { () async throws(VeniceError) in
                try await h.client.multiEdit(request, transport: .multipart)
            }
            guard case .invalidRequest(let reason)? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("file uploads only"))
            #expect(await h.server.requests.isEmpty)
            // The same request goes out as JSON, URL and all.
            _ = try await h.client.multiEdit(request, transport: .automatic)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.contentType == "application/json")
            #expect(recorded.images.map(\.source) == [.base64, .url])
        }
    }

    @Test func backgroundRemovalSendsExactlyOneField() async throws {
        try await withHarness { h async throws in
            let fromBytes = try await h.client.removeBackground(BackgroundRemoveRequest(Fixtures.photoInput))
            _ = try await h.client.removeBackground(BackgroundRemoveRequest(.url("https://example.com/a.jpg")))
            _ = try await h.client.removeBackground(BackgroundRemoveRequest(Fixtures.photoInput), transport: .multipart)
            let requests = await h.server.requests
            #expect(requests.map(\.endpoint) == Array(repeating: "/image/background-remove", count: 3))
            #expect(requests.map(\.status) == [200, 200, 200])
            #expect(requests[0].fieldNames == ["image"])
            #expect(requests[1].fieldNames == ["image_url"])
            #expect(requests[1].fields["image_url"] == "https://example.com/a.jpg")
            #expect(requests[2].partNames == ["image"])
            #expect(requests[2].images.first?.source == .upload)
            #expect(fromBytes.contentType == "image/png")
            #expect(ImageHeader.parse(fromBytes.bytes) == ImageHeader(format: "png", width: 8, height: 8))
        }
    }

    @Test func automaticTransportSwitchesToMultipartAboveTheJSONLimit() async throws {
        try await withHarness(automaticJSONLimit: 50_000) { h async throws in
            // A tiny body stays JSON; the photo's base64 (~71 KB) is over the 50 KB limit, so multipart.
            _ = try await h.client.edit(EditRequest(image: .bytes(TestImages.blankPNG(width: 300, height: 300)), prompt: "x"),
                                        transport: .automatic)
            _ = try await h.client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"), transport: .automatic)
            let requests = await h.server.requests
            #expect(requests.map(\.contentType) == ["application/json", "multipart/form-data"])
            #expect(requests.map(\.status) == [200, 200])
            #expect(requests[1].images.first?.source == .upload)
        }
    }

    @Test func automaticTransportStaysInsideVenicesJSONLimitByDefault() throws {
        // 24.1 MB of file is ~32.1 MB of base64: over the 32 MB the client allows itself, inside
        // Venice's ~35 MB; 23.9 MB (~31.9 MB) still goes as JSON.
        let big = TestImages.paddedPNGHeader(width: 1000, height: 1000, totalBytes: 24_100_000)
        let justUnder = TestImages.paddedPNGHeader(width: 1000, height: 1000, totalBytes: 23_900_000)
        #expect(try EditRequest(image: .bytes(big), prompt: "x").encodedBody(transport: .automatic).transport == .multipart)
        #expect(try EditRequest(image: .bytes(justUnder), prompt: "x").encodedBody(transport: .automatic).transport == .json)
        let withURL = MultiEditRequest(images: [.bytes(big), .url("https://example.com/mask.png")], prompt: "x")
        #expect(try withURL.encodedBody(transport: .automatic).transport == .json)
    }

    @Test func filesOver25MBGet413WithoutRetry() async throws {
        // the timeout is a hang guard: uploading 25 MB must not be cut short (and retried) on a
        // loaded machine, since what is tested is the 413
        try await withHarness(requestTimeout: .seconds(240)) { h async throws in
            // "less than 25MB": 25,000,000 bytes is already refused
            let big = TestImages.paddedPNGHeader(width: 1000, height: 1000, totalBytes: 25_000_000)
            let error = await veniceError { () async throws(VeniceError) in
                try await h.client.edit(EditRequest(image: .bytes(big, contentType: "image/png"), prompt: "x"))
            }
            guard case .payloadTooLarge(let info)? = error else {
                Issue.record("expected payloadTooLarge, got \(String(describing: error))")
                return
            }
            #expect(info.code == "PAYLOAD_TOO_LARGE")
            #expect(error?.description.contains("venice-edit preflight") == true)
            #expect(await h.server.requests.map(\.status) == [413])
            #expect(h.clock.delays.isEmpty)
        }
    }
}
