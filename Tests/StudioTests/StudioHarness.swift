import AsyncHTTPClient
import Foundation
import ImagePrep
import NIOCore
import NIOHTTP1
import Studio
import VeniceClient
import VeniceTestServer

/// A studio server running in this process on a free port, an HTTP client to talk to it raw, and
/// a scratch folder; `withStudio` tears them down.
struct StudioHarness {
    let server: StudioServer
    let url: String
    let port: Int
    let token: String
    let folder: String
    let http: HTTPClient
    let run: Task<Void, any Error>

    /// One answer.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        }
    }

    /// Sends a request to the studio: with the token header unless `token` is false, with the
    /// given `Host` (default `127.0.0.1:PORT`) and extra headers.
    func call(_ path: String, method: HTTPMethod = .GET, body: [UInt8]? = nil, json: Any? = nil,
              token: Bool = true, host: String? = nil, headers: [(String, String)] = []) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        request.headers.replaceOrAdd(name: "Host", value: host ?? "127.0.0.1:\(port)")
        if token { request.headers.add(name: "X-Studio-Token", value: self.token) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        } else if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: .seconds(120))
        var buffer = try await response.body.collect(upTo: 200 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers,
                      body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    /// Polls job `id` until it is done or failed (the suite's time limit guards against a hang).
    func finish(job id: Int) async throws -> [String: Any] {
        while true {
            let job = try await call("/api/jobs/\(id)").json()
            if let state = job["state"] as? String, state == "done" || state == "failed" { return job }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Writes a `width`×`height` JPEG (grey with a bright band at the top) into the scratch folder.
    func jpeg(_ name: String, width: Int, height: Int) throws -> String {
        var image = PixelImage(width: width, height: height, channels: 3, fill: 120)
        for i in 0..<(min(height, 40) * width * 3) { image.pixels[i] = 230 }
        let path = folder + "/" + name
        try AtomicFileWriter.write(try JPEGEncoder.encode(image, quality: 85), to: path)
        return path
    }

    /// A grayscale sketch PNG: black, with the rectangle `x..<x+w, y..<y+h` white.
    static func sketch(width: Int, height: Int, rect: (x: Int, y: Int, w: Int, h: Int)) throws -> [UInt8] {
        var image = PixelImage(width: width, height: height, channels: 1, fill: 0)
        for y in rect.y..<(rect.y + rect.h) {
            for x in rect.x..<(rect.x + rect.w) { image.pixels[y * width + x] = 255 }
        }
        return try PNGEncoder.encode(image)
    }
}

/// A failure to set a test up.
enum StudioTestError: Error {
    case setup(String)
}

/// Starts a contract server and a studio over `images` (paths in a new scratch folder made by
/// `files`), with the server's model list; the studio holds a key for the server unless
/// `withKey` is false. Runs `body`, then stops everything.
func withStudio<T>(
    withKey: Bool = true,
    limits: PrepareOptions = PrepareOptions(),
    files: (String) throws -> [String],
    _ body: (StudioHarness, ContractServer) async throws -> T
) async throws -> T {
    let folder = NSTemporaryDirectory() + "venice-studio-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let images = try files(folder)
    let contract = try await ContractServer.start(apiKey: "sk-studio-test")
    let venice = try VeniceConfiguration(apiKey: "sk-studio-test", baseURL: contract.baseURL, requestTimeout: .seconds(120))
    let lister = VeniceClient(configuration: venice, retryPolicy: RetryPolicy(maxRetries: 0))
    // the lists are read once, before any test scripts a fault for the image endpoints
    let inpaint = await ModelCatalogueLoader(client: lister, cache: nil).load(type: "inpaint")
    let upscale = await ModelCatalogueLoader(client: lister, cache: nil).load(type: "upscale")
    let configuration = StudioConfiguration(
        images: images, port: 0, saveFolder: nil,
        client: withKey ? .success(venice) : .failure(.invalidConfiguration(reason: "the API key is empty: set VENICE_API_KEY")),
        retryPolicy: RetryPolicy(maxRetries: 2),
        catalogue: { type in type == "upscale" ? upscale : inpaint }, limits: limits)
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    func stop(_ run: Task<Void, any Error>?) async {
        run?.cancel()
        _ = await run?.result
        try? await http.shutdown()
        try? await lister.shutdown()
        await contract.stop()
    }
    var run: Task<Void, any Error>?
    do {
        let server = try StudioServer(configuration: configuration)
        let (addresses, continuation) = AsyncStream<String>.makeStream()
        run = Task { try await server.run(handlesSignals: false) { continuation.yield($0) } }
        var iterator = addresses.makeAsyncIterator()
        guard let url = await iterator.next() else { throw StudioTestError.setup("the studio did not start") }
        let harness = StudioHarness(server: server, url: url, port: server.port, token: server.token.value, folder: folder,
                                    http: http, run: run ?? Task {})
        let result = try await body(harness, contract)
        await stop(run)
        return result
    } catch {
        await stop(run)
        throw error
    }
}

/// The package root (two levels above this file's folder).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
