import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// The submit commands and batch forms over the shared `Submission` step: the model cache, the
/// fallback, model checks, upscale, and identical requests from the single and batch paths.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SubmissionCLITests {
    static let key = "sk-test-77c2d9e14ab0"

    /// A server and a scratch folder with its own model cache (`XDG_CACHE_HOME`), so every test
    /// starts with no cached model list.
    struct Setup {
        let server: ContractServer
        let folder: String
        var cacheHome: String { folder + "/cache" }

        func run(_ arguments: [String], currentDirectory: String? = nil) async throws -> CommandRunner.Output {
            let result = try await CommandRunner.run(arguments, environment: [
                "VENICE_API_KEY": SubmissionCLITests.key, "VENICE_BASE_URL": server.baseURL, "XDG_CACHE_HOME": cacheHome,
            ], currentDirectory: currentDirectory, timeout: 120)
            #expect(!result.stderr.contains(SubmissionCLITests.key))
            #expect(!result.stdout.contains(SubmissionCLITests.key))
            return result
        }

        var imageRequests: [RecordedRequest] {
            get async { await server.requests.filter { $0.endpoint != "/models" } }
        }

        /// A `width`×`height` JPEG written at `path`.
        func jpeg(_ name: String, width: Int, height: Int) throws -> String {
            let path = folder + "/" + name
            try AtomicFileWriter.write(try JPEGEncoder.encode(PixelImage(width: width, height: height, channels: 3, fill: 140)),
                                       to: path)
            return path
        }
    }

    func withSetup(_ body: (Setup) async throws -> Void) async throws {
        try await ServerSession.run(apiKey: Self.key, label: "submission") { server, folder in
            try await body(Setup(server: server, folder: folder))
        }
    }

    @Test func theModelListIsFetchedOnceAndCachedForTheNextRun() async throws {
        try await withSetup { setup in
            let photo = CommandRunner.fixture("photo.jpg")
            for index in 0..<2 {
                let result = try await setup.run(["edit", photo, "-p", "x", "-o", setup.folder + "/out\(index).png"])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let requests = await setup.server.requests
            #expect(requests.map(\.endpoint) == ["/models", "/image/edit", "/image/edit"])
            let refreshed = try await setup.run(["edit", photo, "-p", "x", "-o", setup.folder + "/out2.png", "--refresh-models"])
            #expect(refreshed.status == 0, "\(refreshed.stderr)")
            #expect(await setup.server.requests.filter { $0.endpoint == "/models" }.count == 2)
        }
    }

    @Test func aFailingModelListFallsBackWithAWarningAndTheEditIsSent() async throws {
        try await withSetup { setup in
            await setup.server.script([.internalError])
            let result = try await setup.run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "-o", setup.folder + "/out.png",
                                              "--retries", "0"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: could not read the model list"), "\(result.stderr)")
            #expect(await setup.imageRequests.map(\.status) == [200])
            // the next run fetches and caches the list; a corrupt cache file is then ignored with a warning
            let fetched = try await setup.run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "-o", setup.folder + "/b.png"])
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let cacheFolder = setup.cacheHome + "/venice-edit"
            let files = try FileManager.default.contentsOfDirectory(atPath: cacheFolder)
            #expect(files.count == 1, "\(files)")
            for file in files { try Data("garbage".utf8).write(to: URL(fileURLWithPath: cacheFolder + "/" + file)) }
            let corrupt = try await setup.run(["edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "-o", setup.folder + "/c.png"])
            #expect(corrupt.status == 0, "\(corrupt.stderr)")
            #expect(corrupt.stderr.contains("warning: ignored the model cache"), "\(corrupt.stderr)")
            #expect(await setup.server.requests.map(\.endpoint)
                == ["/models", "/image/edit", "/models", "/image/edit", "/models", "/image/edit"])
        }
    }

    @Test func anEditOnlyModelIsRefusedForMultiEditAndNothingIsSent() async throws {
        try await withSetup { setup in
            let result = try await setup.run(["multi-edit", CommandRunner.fixture("photo.jpg"), "-p", "x", "--model", "luma-uni-1-edit",
                                              "-o", setup.folder + "/out.png"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("luma-uni-1-edit does not serve /image/multi-edit"), "\(result.stderr)")
            let tooMany = try await setup.run(["multi-edit", CommandRunner.fixture("photo.jpg"), "--rect", "0,0,10,10", "-p", "x",
                                               "--model", "qwen-edit", "-o", setup.folder + "/out.png"])
            #expect(tooMany.status == 1)
            #expect(await setup.imageRequests.isEmpty)
        }
    }

    @Test func aURLWithASpaceIsSentPercentEncoded() async throws {
        try await withSetup { setup in
            let result = try await setup.run(["remove-bg", "https://example.com/my photo.jpg", "-o", setup.folder + "/cut.png"])
            #expect(result.status == 0, "\(result.stderr)")
            let request = try #require(await setup.imageRequests.first)
            #expect(request.fields["image_url"] == "https://example.com/my%20photo.jpg")
        }
    }

    @Test func theDryRunSaysWhatIsSentWhatThatSavesAndWhatItCosts() async throws {
        try await withSetup { setup in
            let photo = try setup.jpeg("big.jpg", width: 4000, height: 3000)
            let fileBytes = try #require(try FileManager.default.attributesOfItem(atPath: photo)[.size] as? Int)
            let result = try await setup.run(["edit", photo, "-p", "x", "--model", "gpt-image-2-edit", "--resolution", "2K",
                                              "-o", setup.folder + "/out.jpg", "--dry-run", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let image = try #require((report["images"] as? [[String: Any]])?.first)
            // 2K: longest side 4096, so the 4000×3000 photo goes as it is
            #expect(image["width"] as? Int == 4000)
            #expect(report["transport"] as? String == "multipart")
            #expect(report["estimated_cost_usd"] as? Double == 0.5, "the catalogue's 2K price for gpt-image-2-edit")
            let oneK = try await setup.run(["edit", photo, "-p", "x", "--model", "gpt-image-2-edit",
                                            "-o", setup.folder + "/out.png", "--dry-run", "--json"])
            let small = try #require(try JSONSerialization.jsonObject(with: Data(oneK.stdout.utf8)) as? [String: Any])
            let sent = try #require((small["images"] as? [[String: Any]])?.first)
            #expect(sent["width"] as? Int == 2048)
            #expect(sent["height"] as? Int == 1536)
            let bytes = try #require(sent["bytes"] as? Int)
            #expect(small["input_bytes"] as? Int == fileBytes)
            #expect(small["bytes_saved"] as? Int == fileBytes - bytes)
            #expect(small["estimated_cost_usd"] as? Double == 0.27)
            #expect(await setup.imageRequests.isEmpty)
        }
    }

    @Test func upscaleAndBatchUpscaleSendAnInputThatFits() async throws {
        try await withSetup { setup in
            let photo = try setup.jpeg("big.jpg", width: 3000, height: 2000)
            let single = try await setup.run(["upscale", photo, "--scale", "4", "-o", setup.folder + "/up.png", "--json"])
            #expect(single.status == 0, "\(single.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            let sentBytes = try #require(report["bytes_sent"] as? Int)
            #expect(report["estimated_cost_usd"] as? Double == 0.08)
            let inputs = setup.folder + "/in"
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: photo, toPath: inputs + "/a.jpg")
            let batch = try await setup.run(["batch", "upscale", inputs, "-o", setup.folder + "/out", "--scale", "4", "--yes"])
            #expect(batch.status == 0, "\(batch.stderr)")
            #expect(batch.stderr.contains("$0.08"), "\(batch.stderr)")
            let received = await setup.imageRequests
            #expect(received.count == 2)
            for request in received {
                #expect(request.endpoint == "/image/upscale")
                #expect(request.status == 200)
                #expect(request.fields["scale"] == "4")
                #expect((request.images.first?.header?.pixelCount ?? .max) <= 1_048_576)
            }
            #expect(received.first?.images.first?.byteCount == sentBytes, "the report says what arrived")
            let identical = Self.normalized(received[0]) == Self.normalized(received[1])
            #expect(identical, "the single and batch upscale bodies differ")
        }
    }

    @Test func prepareForUpscaleSizesTheInputForTheScale() async throws {
        try await withSetup { setup in
            let photo = try setup.jpeg("big.jpg", width: 3000, height: 2000)
            let output = setup.folder + "/ready.jpg"
            let result = try await setup.run(["prepare", photo, "-o", output, "--endpoint", "upscale", "--scale", "4"])
            #expect(result.status == 0, "\(result.stderr)")
            let header = try #require(ImageHeader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))))
            #expect(header.pixelCount <= 1_048_576)
            #expect(header.pixelCount >= 1_040_000)
        }
    }

    /// The body with its multipart boundary replaced, so two requests can be compared byte for byte.
    static func normalized(_ request: RecordedRequest) -> [UInt8] {
        guard let type = request.headers["content-type"], let range = type.range(of: "boundary=") else { return request.body }
        let boundary = Array(type[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).utf8)
        var out: [UInt8] = []
        var index = 0
        let body = request.body
        while index < body.count {
            if index + boundary.count <= body.count, Array(body[index..<(index + boundary.count)]) == boundary {
                out += Array("BOUNDARY".utf8)
                index += boundary.count
            } else {
                out.append(body[index])
                index += 1
            }
        }
        return out
    }

    @Test func theSingleAndBatchPathsSendByteIdenticalBodies() async throws {
        try await withSetup { setup in
            let inputs = setup.folder + "/in"
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            let photo = inputs + "/photo.jpg"
            try FileManager.default.copyItem(atPath: CommandRunner.fixture("orientation/6.jpg"), toPath: photo)
            let common = ["-p", "swap the sky", "--model", "firered-image-edit", "--rect", "10%,10%,30%,30%", "--feather", "2"]
            let single = try await setup.run(["multi-edit", photo] + common + ["-o", setup.folder + "/one.png"])
            #expect(single.status == 0, "\(single.stderr)")
            let batch = try await setup.run(["batch", "multi-edit", inputs, "-o", setup.folder + "/out", "--yes"] + common)
            #expect(batch.status == 0, "\(batch.stderr)")
            let edit = try await setup.run(["edit", photo, "-p", "x", "--json-body", "-o", setup.folder + "/two.png"])
            let batchEdit = try await setup.run(["batch", "edit", inputs, "-p", "x", "--json-body", "-o", setup.folder + "/out2", "--yes"])
            #expect(edit.status == 0 && batchEdit.status == 0, "\(edit.stderr)\(batchEdit.stderr)")
            let received = await setup.imageRequests
            #expect(received.map(\.endpoint) == ["/image/multi-edit", "/image/multi-edit", "/image/edit", "/image/edit"])
            #expect(received.map(\.status) == [200, 200, 200, 200])
            #expect(received[0].images.count == 2, "base and the mask made on the fly, in batch too")
            #expect(received[1].images.map { $0.header?.width } == received[0].images.map { $0.header?.width })
            let sameMultipart = Self.normalized(received[0]) == Self.normalized(received[1])
            #expect(sameMultipart, "the single and batch multi-edit bodies differ")
            #expect(received[2].contentType == "application/json")
            let sameJSON = received[2].body == received[3].body
            #expect(sameJSON, "the single and batch edit bodies differ")
        }
    }
}
