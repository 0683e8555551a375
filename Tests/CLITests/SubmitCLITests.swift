import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// The submit commands end to end: the real binary against the local contract server.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SubmitCLITests {
    static let key = "sk-test-3f9a7c1e5d2b"
    /// The model cache of these runs (`XDG_CACHE_HOME`), never the user's.
    static let cacheHome = NSTemporaryDirectory() + "venice-edit-submit-cache-" + UUID().uuidString

    /// Starts a server, fills the model cache for it (so scripted faults and request counts concern
    /// the image requests only; `CatalogueCLITests` covers the fetching), runs `body`, stops the server.
    func withServer(warm: Bool = true, _ body: (ContractServer, String) async throws -> Void) async throws {
        try await ServerSession.run(apiKey: Self.key, label: "submit") { server, folder in
            if warm {
                let models = try await run(["models"], server: server)
                #expect(models.status == 0, "\(models.stderr)")
                await server.clearRequests()
            }
            try await body(server, folder)
        }
    }

    func run(_ arguments: [String], server: ContractServer, key: String = SubmitCLITests.key,
             baseURL: String? = nil) async throws -> CommandRunner.Output {
        let result = try await CommandRunner.run(arguments, environment: ["VENICE_API_KEY": key,
                                                                   "VENICE_BASE_URL": baseURL ?? server.baseURL,
                                                                   "XDG_CACHE_HOME": Self.cacheHome], timeout: 120)
        #expect(!result.stdout.contains(SubmitCLITests.key), "the key must never be printed")
        #expect(!result.stderr.contains(SubmitCLITests.key), "the key must never be printed")
        return result
    }

    @Test func editSendsThePreparedImageAndSavesTheResult() async throws {
        try await withServer { server, folder in
            let output = folder + "/edited.png"
            let result = try await run(["edit", CommandRunner.fixture("probe/small-200x150.jpg"), "--prompt", "make it snow",
                                  "-o", output, "--json"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let requests = await server.requests
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.endpoint == "/image/edit")
            #expect(request.authorization == "Bearer \(Self.key)")
            #expect(Set(request.fieldNames) == ["image", "prompt"], "optional fields are sent only when set")
            #expect(request.fields["prompt"] == "make it snow")
            // 200×150 is below the minimum: the service must receive the enlarged image
            let header = try #require(request.images.first?.header)
            #expect(header.pixelCount >= 65_536)
            #expect(request.status == 200)
            let saved = try Data(contentsOf: URL(fileURLWithPath: output))
            #expect(Array(saved.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["output"] as? String == output)
            #expect(report["attempts"] as? Int == 1)
        }
    }

    @Test func aMismatchedExtensionIsCorrectedAndSaid() async throws {
        try await withServer { server, folder in
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "sepia", "-o", folder + "/out.jpg",
                                  "--output-format", "png"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder + "/out.png"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.jpg"))
            #expect(result.stdout.contains("saved as \(folder)/out.png"))
        }
    }

    @Test func aDryRunSendsNothingAndShowsNoImageData() async throws {
        try await withServer { server, folder in
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "sepia", "-o", folder + "/out.png",
                                  "--model", "qwen-edit", "--dry-run", "--json"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(await server.requests.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.png"))
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["transport"] as? String == "multipart", "a local file goes as multipart")
            #expect(report["endpoint"] as? String == "/image/edit")
            let fields = try #require(report["fields"] as? [String: Any])
            #expect(fields["model"] as? String == "qwen-edit")
            let images = try #require(report["images"] as? [[String: Any]])
            #expect(images.first?["width"] as? Int == 640)
            #expect(result.stdout.count < 2_000, "no base64 in a dry run")
        }
    }

    @Test func aRateLimitIsWaitedOutAndRetried() async throws {
        try await withServer { server, folder in
            await server.script([.rateLimited(retryAfterSeconds: 1)])
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "sepia", "-o", folder + "/out.png",
                                  "--json"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(await server.requests.count == 2)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["attempts"] as? Int == 2)
            #expect(report["retry_delays"] as? [Double] == [1])
        }
    }

    @Test func aWrongKeyFailsOnceWithAdvice() async throws {
        try await withServer { server, folder in
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "sepia", "-o", folder + "/out.png"],
                                 server: server, key: "sk-wrong-key")
            #expect(result.status == 1)
            #expect(result.stderr.contains("VENICE_API_KEY"), "\(result.stderr)")
            #expect(!result.stderr.contains("sk-wrong-key"))
            #expect(await server.requests.count == 1, "a 401 is never retried")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.png"))
        }
    }

    @Test func fieldErrorsFromTheServiceAreShown() async throws {
        try await withServer { server, folder in
            await server.script([.badRequest(message: "Invalid request", details: ["resolution": ["Unsupported resolution 2K today"]])])
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "sepia", "-o", folder + "/out.png",
                                  "--model", "gpt-image-2-edit", "--resolution", "2K"], server: server)
            #expect(result.status == 1)
            #expect(result.stderr.contains("resolution"), "\(result.stderr)")
            #expect(result.stderr.contains("Unsupported resolution 2K today"))
            #expect(await server.requests.count == 1)
        }
    }

    @Test func multiEditAlignsLayersWithTheBaseAndSendsModelId() async throws {
        try await withServer { server, folder in
            // a 320×180 layer: same aspect as the 640×360 base, so it is scaled up to match
            let layer = PixelImage(width: 320, height: 180, channels: 1, fill: 255)
            try AtomicFileWriter.write(try PNGEncoder.encode(layer), to: folder + "/mask.png")
            let result = try await run(["multi-edit", CommandRunner.fixture("photo.jpg"), folder + "/mask.png",
                                  "-p", "replace the bird with a squirrel", "--model", "firered-image-edit",
                                  "-o", folder + "/out.png"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let request = try #require(await server.requests.first)
            #expect(request.endpoint == "/image/multi-edit")
            #expect(request.fields["modelId"] == "firered-image-edit")
            #expect(!request.fieldNames.contains("model"))
            #expect(request.images.count == 2)
            #expect(request.images.map { $0.header?.width } == [640, 640])
            #expect(request.images.map { $0.header?.height } == [360, 360])
        }
    }

    @Test func multiEditBuildsAMaskOnTheFlyAlignedWithTheBase() async throws {
        try await withServer { server, folder in
            // the base is stored 160×240 with orientation 6 and enlarged to 314×210 when prepared;
            // the sketch is drawn on its stored pixels
            let result = try await run(["multi-edit", CommandRunner.fixture("orientation/6.jpg"),
                                  "--from-sketch", CommandRunner.fixture("masks/sketch-6.jpg"), "--rect", "0,0,10%,10%",
                                  "-p", "x", "--model", "firered-image-edit", "-o", folder + "/out.png"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let request = try #require(await server.requests.first)
            #expect(request.images.count == 2)
            #expect(request.images.map { $0.header?.width } == [314, 314])
            #expect(request.images.map { $0.header?.height } == [210, 210])
            #expect(result.stdout.contains("marked for editing"))
        }
    }

    @Test func multiEditRefusesALayerOfAnotherShape() async throws {
        try await withServer { server, folder in
            let layer = PixelImage(width: 300, height: 300, channels: 1, fill: 0)
            try AtomicFileWriter.write(try PNGEncoder.encode(layer), to: folder + "/square.png")
            let result = try await run(["multi-edit", CommandRunner.fixture("photo.jpg"), folder + "/square.png",
                                  "-p", "x", "-o", folder + "/out.png"], server: server)
            #expect(result.status == 1)
            #expect(result.stderr.contains("square.png"))
            #expect(result.stderr.contains("aspect ratio"))
            #expect(await server.requests.isEmpty)
        }
    }

    @Test func removeBackgroundSendsAFileOrAURL() async throws {
        try await withServer { server, folder in
            let file = try await run(["remove-bg", CommandRunner.fixture("photo.jpg"), "-o", folder + "/cut.png"], server: server)
            #expect(file.status == 0, "\(file.stderr)")
            let url = try await run(["remove-bg", "https://example.com/photo.jpg", "-o", folder + "/cut2.png"], server: server)
            #expect(url.status == 0, "\(url.stderr)")
            let requests = await server.requests
            #expect(requests.count == 2)
            #expect(requests.first?.fieldNames == ["image"])
            #expect(requests.last?.fieldNames == ["image_url"])
            #expect(requests.last?.fields["image_url"] == "https://example.com/photo.jpg")
            #expect(FileManager.default.fileExists(atPath: folder + "/cut.png"))
        }
    }

    @Test func modelsListsTheEditModels() async throws {
        try await withServer { server, _ in
            let result = try await run(["models", "--refresh-models"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            for id in ModelCatalog.modelIDs { #expect(result.stdout.contains(id)) }
            #expect(await server.requests.map { $0.query["type"] } == ["inpaint", "upscale"])
            // prices and capabilities from the catalogue the server lists
            let lines = result.stdout.split(separator: "\n")
            let gpt = try #require(lines.first { $0.hasPrefix("gpt-image-2-edit ") })
            #expect(gpt.contains("1K $0.27, 2K $0.50, 4K $0.83"), "\(gpt)")
            #expect(gpt.contains("≤ 14 images"))
            let nano = try #require(lines.first { $0.hasPrefix("nano-banana-2-edit ") })
            #expect(nano.contains("+$0.01 per image beyond 1"), "\(nano)")
            #expect(lines.first { $0.hasPrefix("luma-uni-1-edit ") }?.contains("edit only") == true)
            #expect(lines.first { $0.hasPrefix("upscaler ") }?.contains("2x $0.02, 4x $0.08") == true)
        }
    }

    @Test func plainHTTPIsRefusedForOtherHosts() async throws {
        try await withServer { server, folder in
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "-o", folder + "/out.png"],
                                 server: server, baseURL: "http://api.example.com/api/v1")
            #expect(result.status == 1)
            #expect(result.stderr.lowercased().contains("https"), "\(result.stderr)")
        }
    }

    @Test func verboseLogsAndErrorsNeverShowTheKey() async throws {
        try await withServer { server, folder in
            await server.script([.internalError, .objectError(status: 400, message: "bad key \(Self.key)", type: "invalid")])
            let result = try await run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "-o", folder + "/out.png",
                                  "--verbose", "--retries", "1"], server: server)
            #expect(result.status == 1)
            #expect(!result.stderr.isEmpty, "verbose logging writes to standard error")
            #expect(!result.stderr.lowercased().contains("bearer"), "\(result.stderr)")
            #expect(await server.requests.count == 2)
        }
    }

    @Test func aMissingKeyIsExplained() async throws {
        let result = try await CommandRunner.run(["models"], environment: ["VENICE_API_KEY": "", "VENICE_API_KEY_FILE": ""])
        #expect(result.status == 1)
        #expect(result.stderr.contains("VENICE_API_KEY"))
    }
}
