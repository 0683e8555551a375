import Foundation
import Logging
import VeniceClient
import VeniceTestServer

/// A `RetryClock` that never waits: it records each requested delay and reports a fixed time.
///
/// With `holdsSleeps`, a sleep instead lasts until its task is cancelled, so a test can cancel a
/// client in the middle of a retry wait and decide by the order of events, not by elapsed time.
final class RecordingClock: RetryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []
    private let fixedNow: Date
    private let holdsSleeps: Bool
    /// Yields each delay as a sleep begins.
    let sleepsBegun: AsyncStream<Double>
    private let sleepBegan: AsyncStream<Double>.Continuation

    init(now: Date = Date(timeIntervalSince1970: 1_800_000_000), holdsSleeps: Bool = false) {
        self.fixedNow = now
        self.holdsSleeps = holdsSleeps
        (sleepsBegun, sleepBegan) = AsyncStream<Double>.makeStream()
    }

    /// The delays requested so far, in seconds.
    var delays: [Double] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }

    func now() -> Date { fixedNow }

    func sleep(seconds: Double) async throws {
        lock.withLock { recorded.append(seconds) }
        sleepBegan.yield(seconds)
        if holdsSleeps {
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
        try Task.checkCancellation()
    }
}

/// Collects every log line (message and metadata) written through `handler(label:)`.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return lines.count
    }

    func append(_ line: String) {
        lock.lock(); lines.append(line); lock.unlock()
    }

    /// A logger at trace level that writes into this capture.
    func logger() -> Logger {
        Logger(label: "venice-edit.test") { _ in CapturingLogHandler(capture: self) }
    }
}

/// A `LogHandler` that renders each record (level, message, all metadata) into a `LogCapture`.
struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}

/// The test photograph and generated images.
enum Fixtures {
    /// `Fixtures/photo.jpg` at the package root (640×360).
    static let photo: [UInt8] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Fixtures/photo.jpg")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    static var photoInput: ImageInput { .bytes(photo, contentType: "image/jpeg") }
}

/// A running contract server plus a client pointed at it, torn down by `withHarness`.
struct Harness {
    let server: ContractServer
    let client: VeniceClient
    let clock: RecordingClock
    let logs: LogCapture
}

let testKey = "sk-test-0123456789abcdef"

/// Starts a server and a client (recording clock, captured logs), runs `body`, then shuts both down.
func withHarness<T>(
    apiKey: String = testKey,
    clientKey: String? = nil,
    retryPolicy: RetryPolicy = RetryPolicy(),
    requestTimeout: Duration = .seconds(120),   // a hang guard; tests of timeouts set their own
    clock: RecordingClock = RecordingClock(),
    behavior: ServerBehavior = ServerBehavior(),
    automaticJSONLimit: Int = Transport.jsonBodyLimit,
    _ body: (Harness) async throws -> T
) async throws -> T {
    let server = try await ContractServer.start(apiKey: apiKey, behavior: behavior)
    let logs = LogCapture()
    let configuration = try VeniceConfiguration(
        apiKey: clientKey ?? apiKey, baseURL: server.baseURL, requestTimeout: requestTimeout
    )
    let client = VeniceClient(configuration: configuration, retryPolicy: retryPolicy, clock: clock, logger: logs.logger(),
                              automaticJSONLimit: automaticJSONLimit)
    let harness = Harness(server: server, client: client, clock: clock, logs: logs)
    do {
        let result = try await body(harness)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

/// Runs `operation` and returns the `VeniceError` it throws (`nil` when it succeeds).
func veniceError<T>(_ operation: () async throws(VeniceError) -> T) async -> VeniceError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
