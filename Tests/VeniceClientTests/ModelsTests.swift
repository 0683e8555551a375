import Foundation
import Testing
import VeniceClient
import VeniceTestServer

/// `GET /models?type=inpaint` decoding.
@Suite(.timeLimit(.minutes(3))) struct ModelsTests {
    @Test func inpaintModelsDecodeLeniently() async throws {
        try await withHarness { h async throws in
            let models = try await h.client.models()
            #expect(models.map(\.id) == ModelCatalog.modelIDs)
            let recorded = try #require(await h.server.requests.first)
            #expect(recorded.method == "GET")
            #expect(recorded.endpoint == "/models")
            #expect(recorded.query == ["type": "inpaint"])

            let firered = models[0]
            #expect(firered.name == "FireRed Image Edit")
            #expect(firered.type == "inpaint")
            #expect(firered.traits == ["default"])
            #expect(firered.promptCharacterLimit == 1500)
            #expect(firered.maxInputImages == 3)
            #expect(firered.combineImages == true)
            #expect(firered.singleImageAspectRatio == false)
            #expect(firered.aspectRatios.contains("16:9"))
            #expect(firered.editPrice == ModelPrice(usd: 0.04, diem: 0.04))
            #expect(firered.includedInputImages == 1)
            #expect(firered.additionalInputImagePrice?.usd == 0.0045)
            #expect(firered.created == 1_760_000_000)

            let qwen = models[1]
            #expect(qwen.combineImages == false)
            #expect(qwen.effectiveMaxInputImages == 1)
            #expect(qwen.replacementModelId == "firered-image-edit")
            #expect(qwen.deprecationDate == "2026-12-01T00:00:00.000Z")

            let gpt = models[2]
            #expect(gpt.maxInputImages == 14)
            #expect(gpt.resolutions == ["1K", "2K", "4K"])
            #expect(gpt.defaultResolution == "1K")
            #expect(gpt.qualities == ["low", "medium", "high"])
            #expect(gpt.defaultQuality == "high")
            #expect(gpt.resolutionPrices["2K"] == ModelPrice(usd: 0.5, diem: 0.5))
            #expect(gpt.isBeta)
            #expect(gpt.privacy == "anonymized")

            let bare = models[3]
            #expect(bare.name == nil)
            #expect(bare.promptCharacterLimit == nil)
            #expect(bare.aspectRatios.isEmpty)
            #expect(bare.editPrice == nil)
            #expect(bare.effectiveMaxInputImages == 3)
        }
    }

    @Test func otherTypesAndBadTypesAreHandled() async throws {
        try await withHarness { h async throws in
            #expect(try await h.client.models(type: "text").isEmpty)
            let error = await veniceError { () async throws(VeniceError) in try await h.client.models(type: "inpaint&x=1") }
            guard case .invalidRequest? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(await h.server.requests.count == 1)
        }
    }

    @Test func modelListErrorsAreRetriedLikeOtherCalls() async throws {
        try await withHarness { h async throws in
            await h.server.script([.internalError, .custom(status: 200, headers: ["content-type": "application/json"], body: "[]")])
            #expect(try await h.client.models().isEmpty)
            #expect(h.clock.delays.count == 1)
            await h.server.script([.custom(status: 200, headers: [:], body: "not json")])
            let error = await veniceError { () async throws(VeniceError) in try await h.client.models() }
            guard case .invalidResponse? = error else {
                Issue.record("expected invalidResponse, got \(String(describing: error))")
                return
            }
        }
    }
}

/// The scoped helper and a shared `HTTPClient`.
@Suite(.timeLimit(.minutes(3))) struct ClientLifecycleTests {
    @Test func withClientShutsDownItsOwnHTTPClient() async throws {
        let server = try await ContractServer.start(apiKey: testKey)
        let configuration = try VeniceConfiguration(apiKey: testKey, baseURL: server.baseURL)
        let ids = try await VeniceClient.withClient(configuration: configuration, logger: LogCapture().logger()) { client in
            try await client.models().map(\.id)
        }
        #expect(ids == ModelCatalog.modelIDs)
        await server.stop()
    }

    @Test func aSharedHTTPClientIsLeftRunning() async throws {
        let server = try await ContractServer.start(apiKey: testKey)
        let configuration = try VeniceConfiguration(apiKey: testKey, baseURL: server.baseURL)
        let client = VeniceClient(configuration: configuration, httpClient: .shared, logger: LogCapture().logger())
        _ = try await client.edit(EditRequest(image: Fixtures.photoInput, prompt: "x"))
        try await client.shutdown()  // does nothing to the shared client
        try await client.shutdown()
        _ = try await client.models()
        await server.stop()
    }
}
