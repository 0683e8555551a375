import Foundation
import ImagePrep
import Submission
import VeniceClient
import VeniceTestServer

/// A running contract server, a client pointed at it and a scratch folder, torn down by `withServer`.
struct Bench {
    let server: ContractServer
    let client: VeniceClient
    let folder: String

    /// The catalogue of `type` as the server lists it, fetched fresh (no cache).
    func catalogue(_ type: String = "inpaint") async -> ModelCatalogue {
        await ModelCatalogueLoader(client: client, cache: nil).load(type: type)
    }

    /// Writes a `width`×`height` JPEG (mid grey with a bright band, so it is not trivially uniform).
    func jpeg(_ name: String, width: Int, height: Int) throws -> String {
        var image = PixelImage(width: width, height: height, channels: 3, fill: 128)
        image.pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<min(height, 64) {
                for x in 0..<(width * 3) { buffer[y * width * 3 + x] = 230 }
            }
        }
        let path = folder + "/" + name
        try AtomicFileWriter.write(try JPEGEncoder.encode(image, quality: 85), to: path)
        return path
    }

    /// The image requests the server received (the `/models` requests left out).
    var imageRequests: [RecordedRequest] {
        get async { await server.requests.filter { $0.endpoint != "/models" } }
    }
}

/// Starts a server, a client without retries, and a scratch folder; runs `body`; tears them down.
func withServer<T>(_ body: (Bench) async throws -> T) async throws -> T {
    let server = try await ContractServer.start(apiKey: "sk-submission-test")
    let configuration = try VeniceConfiguration(apiKey: "sk-submission-test", baseURL: server.baseURL, requestTimeout: .seconds(120))
    let client = VeniceClient(configuration: configuration, retryPolicy: RetryPolicy(maxRetries: 0))
    let folder = NSTemporaryDirectory() + "venice-submission-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let bench = Bench(server: server, client: client, folder: folder)
    do {
        let result = try await body(bench)
        try await client.shutdown()
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
        throw error
    }
}

/// Runs `body` and returns the `SubmissionError` it throws (`nil` when it succeeds).
func submissionError<T>(_ body: () throws(SubmissionError) -> T) -> SubmissionError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The package root (two levels above this file's folder).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
