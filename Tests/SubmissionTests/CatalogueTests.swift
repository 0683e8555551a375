import Foundation
import Submission
import Testing
import VeniceClient
import VeniceTestServer

/// The model catalogue: the day-long cache, refreshing, a corrupt cache, and the fallback.
@Suite(.timeLimit(.minutes(2))) struct CatalogueTests {
    func loader(_ bench: Bench, clock: ManualNow) -> ModelCatalogueLoader {
        ModelCatalogueLoader(client: bench.client, cache: ModelCatalogueCache(directory: bench.folder + "/cache"),
                             now: { clock.now })
    }

    func modelRequests(_ bench: Bench) async -> Int {
        await bench.server.requests.filter { $0.endpoint == "/models" }.count
    }

    @Test func theCacheServesADayAndIsRefreshedAfterwardsOrWhenAsked() async throws {
        try await withServer { bench in
            let clock = ManualNow()
            let loader = loader(bench, clock: clock)
            let first = await loader.load(type: "inpaint")
            #expect(first.source == .server)
            #expect(first.model("nano-banana-2-edit")?.maxInputImages == 5)
            #expect(await modelRequests(bench) == 1)

            clock.advance(86_399)
            let second = await loader.load(type: "inpaint")
            #expect(second.source == .cache)
            #expect(second.models == first.models)
            #expect(await modelRequests(bench) == 1, "a fresh cache makes no request")

            clock.advance(2)
            #expect(await loader.load(type: "inpaint").source == .server)
            #expect(await modelRequests(bench) == 2, "a day-old cache is fetched again")

            #expect(await loader.load(type: "inpaint", refresh: true).source == .server)
            #expect(await modelRequests(bench) == 3)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: bench.folder + "/cache")
            #expect(leftovers.count == 1, "one file per base URL and type, no temporary files left: \(leftovers)")
        }
    }

    @Test func aCorruptCacheIsIgnoredWithAWarningAndReplaced() async throws {
        try await withServer { bench in
            let clock = ManualNow()
            let loader = loader(bench, clock: clock)
            let cache = try #require(loader.cache)
            let path = cache.path(baseURL: bench.server.baseURL, type: "inpaint")
            try FileManager.default.createDirectory(atPath: bench.folder + "/cache", withIntermediateDirectories: true)
            try Data("{\"fetched_at\": 1800000000, \"body\": \"{not json".utf8).write(to: URL(fileURLWithPath: path))
            let catalogue = await loader.load(type: "inpaint")
            #expect(catalogue.source == .server)
            #expect(catalogue.warnings.contains { $0.contains("ignored the model cache") && $0.contains(path) })
            #expect(await loader.load(type: "inpaint").source == .cache, "the file was replaced by a good one")
        }
    }

    @Test func aCacheThatCannotBeWrittenCostsAWarningOnly() async throws {
        try await withServer { bench in
            let blocker = bench.folder + "/not-a-folder"
            try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
            let loader = ModelCatalogueLoader(client: bench.client, cache: ModelCatalogueCache(directory: blocker + "/cache"),
                                              now: { Date(timeIntervalSince1970: 1_800_000_000) })
            let catalogue = await loader.load(type: "inpaint")
            #expect(catalogue.source == .server)
            #expect(catalogue.model("nano-banana-2-edit") != nil)
            #expect(catalogue.warnings.contains { $0.contains("could not write the model cache") }, "\(catalogue.warnings)")
        }
    }

    @Test func anUnreachableCatalogueFallsBackAndTheRequestStillGoesOut() async throws {
        try await withServer { bench in
            await bench.server.script([.internalError])
            let clock = ManualNow()
            let catalogue = await loader(bench, clock: clock).load(type: "inpaint")
            #expect(catalogue.source == .fallback)
            #expect(catalogue.warnings.contains { $0.contains("static rules") })
            let base = try bench.jpeg("base.jpg", width: 600, height: 400)
            let job = try Submission(catalogue: catalogue).prepare(SubmissionInputs(base: base),
                                                                  options: SubmissionOptions(endpoint: .edit, prompt: "x"))
            _ = try await bench.client.send(job.request)
            #expect(await bench.imageRequests.map(\.status) == [200])
        }
    }

    @Test func aStaleCacheIsBetterThanNothingWhenTheServerFails() async throws {
        try await withServer { bench in
            let clock = ManualNow()
            let loader = loader(bench, clock: clock)
            _ = await loader.load(type: "inpaint")
            clock.advance(90_000)
            await bench.server.script([.unavailable()])
            let stale = await loader.load(type: "inpaint")
            #expect(stale.source == .cache)
            #expect(stale.model("nano-banana-2-edit") != nil)
            #expect(stale.warnings.contains { $0.contains("using the cached one") })
        }
    }
}

/// Prices and endpoints read from Venice's published snapshot of the models (the real JSON shape).
@Suite struct SnapshotPriceTests {
    func snapshot() throws -> ModelCatalogue {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/../shared/venice/models-snapshot.json"))
        return try #require(ModelCatalogue(body: [UInt8](data), type: "all", source: .server, fetchedAt: nil))
    }

    @Test func tierQualityAndInputImagePricesComeFromTheCatalogue() throws {
        let catalogue = try snapshot()
        #expect(catalogue.models.count == 22)
        let gpt = try #require(catalogue.model("gpt-image-2-edit"))
        // numbers from models-snapshot.json
        #expect(gpt.price(resolution: "1K") == 0.34)
        #expect(gpt.price(resolution: "2K") == 0.52)
        #expect(gpt.price(resolution: "4K") == 0.84)
        #expect(gpt.price(resolution: "4K", quality: "low") == 0.04)
        let flux = try #require(catalogue.model("flux-2-max-edit"))
        #expect(abs((flux.price(resolution: nil, inputImages: 3) ?? 0) - (0.12 + 2 * 0.0345)) < 1e-9)
        let grok = try #require(catalogue.model("grok-imagine-edit"))
        #expect(abs((grok.price(resolution: "2K", inputImages: 1) ?? 0) - (0.04 + 0.0023)) < 1e-9, "none included")
        let upscaler = try #require(catalogue.model("upscaler"))
        #expect(upscaler.upscalePrice(scale: 2) == 0.02)
        #expect(upscaler.upscalePrice(scale: 4) == 0.08)
        #expect(upscaler.endpoints == [.upscale])
        #expect(catalogue.model("luma-uni-1-edit")?.endpoints == [.edit])
        #expect(catalogue.model("firered-image-edit")?.endpoints == [.edit, .multiEdit])
    }
}
