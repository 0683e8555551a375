import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An async client for Venice's image-edit endpoints, built on AsyncHTTPClient.
///
/// Every call validates its request locally, sends it (JSON or multipart), retries transient
/// failures according to `retryPolicy`, and maps failures to `VeniceError`. Task cancellation stops
/// both a request in flight and a wait between retries.
///
/// A client that creates its own `HTTPClient` must be shut down with `shutdown()` (or use
/// `withClient(configuration:…)`, which does it for you). A client given an `HTTPClient` leaves
/// shutting it down to the caller.
///
/// ```swift
/// let config = try VeniceConfiguration.fromEnvironment()
/// let response = try await VeniceClient.withClient(configuration: config) { client in
///     try await client.edit(EditRequest(image: .bytes(jpeg, contentType: "image/jpeg"), prompt: "make it dusk"))
/// }
/// ```
public final class VeniceClient: Sendable {
    /// The largest response body accepted (images are well under this).
    public static let maxResponseBytes = 100 * 1024 * 1024

    /// Where and how requests are sent.
    public let configuration: VeniceConfiguration
    /// When failed requests are retried.
    public let retryPolicy: RetryPolicy
    /// The JSON body size, in bytes, above which `.automatic` sends multipart instead.
    public let automaticJSONLimit: Int
    private let httpClient: HTTPClient
    private let ownsHTTPClient: Bool
    private let clock: any RetryClock
    private let logger: Logger
    private let redactor: SecretRedactor

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: Key, base URL, timeouts and User-Agent.
    ///   - httpClient: An existing client to share; when `nil` one is created (connect timeout from
    ///     the configuration, redirects disabled) and must be released with `shutdown()`.
    ///   - retryPolicy: When to retry; 2 retries with exponential backoff by default.
    ///   - clock: The clock and sleeper for retry delays; inject a fake in tests.
    ///   - logger: Where to log requests, responses and retries (never the key or `Authorization`).
    ///   - automaticJSONLimit: The JSON body size above which `Transport.automatic` switches to
    ///     multipart; `Transport.jsonBodyLimit` (32 MB, inside Venice's ~35 MB JSON limit) by default.
    public init(
        configuration: VeniceConfiguration,
        httpClient: HTTPClient? = nil,
        retryPolicy: RetryPolicy = .standard,
        clock: any RetryClock = SystemRetryClock(),
        logger: Logger = Logger(label: "venice-edit.client"),
        automaticJSONLimit: Int = Transport.jsonBodyLimit
    ) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
        self.automaticJSONLimit = automaticJSONLimit
        self.clock = clock
        self.logger = logger
        self.redactor = SecretRedactor(secret: configuration.apiKey)
        if let httpClient {
            self.httpClient = httpClient
            self.ownsHTTPClient = false
        } else {
            var clientConfiguration = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: Self.timeAmount(configuration.connectTimeout))
            )
            clientConfiguration.httpVersion = .automatic
            self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
            self.ownsHTTPClient = true
        }
    }

    /// Runs `body` with a new client and shuts the client down afterwards, also when `body` throws.
    public static func withClient<T: Sendable>(
        configuration: VeniceConfiguration,
        retryPolicy: RetryPolicy = .standard,
        clock: any RetryClock = SystemRetryClock(),
        logger: Logger = Logger(label: "venice-edit.client"),
        _ body: (VeniceClient) async throws -> T
    ) async throws -> T {
        let client = VeniceClient(configuration: configuration, retryPolicy: retryPolicy, clock: clock, logger: logger)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    /// Shuts down the `HTTPClient` if this client created it; does nothing for a shared one.
    ///
    /// Calling it twice is harmless.
    public func shutdown() async throws(VeniceError) {
        guard ownsHTTPClient else { return }
        do {
            try await httpClient.shutdown()
        } catch let error as HTTPClientError where error == .alreadyShutdown {
            return
        } catch {
            throw .transport(reason: "could not shut down the HTTP client: \(redactor.redact(String(describing: error)))")
        }
    }

    // MARK: - Endpoints

    /// Edits one image with a prompt (`POST /image/edit`).
    ///
    /// - Parameters:
    ///   - request: The image, prompt and options.
    ///   - transport: JSON (default), multipart, or automatic (multipart when JSON would exceed `Transport.jsonBodyLimit`, 32 MB).
    /// - Returns: The edited image and the response headers' information.
    public func edit(_ request: EditRequest, transport: Transport = .json) async throws(VeniceError) -> ImageResponse {
        let body = try request.encodedBody(transport: transport, jsonLimit: automaticJSONLimit)
        return try await sendImageRequest(path: "/image/edit", body: body)
    }

    /// Edits a base image with up to two more layers or masks (`POST /image/multi-edit`).
    ///
    /// - Parameters:
    ///   - request: The images (base first), prompt and options.
    ///   - transport: JSON (default), multipart (file uploads only: URL inputs are refused locally),
    ///     or automatic.
    public func multiEdit(_ request: MultiEditRequest, transport: Transport = .json) async throws(VeniceError) -> ImageResponse {
        let body = try request.encodedBody(transport: transport, jsonLimit: automaticJSONLimit)
        return try await sendImageRequest(path: "/image/multi-edit", body: body)
    }

    /// Removes the background of an image (`POST /image/background-remove`); the answer is a PNG.
    public func removeBackground(
        _ request: BackgroundRemoveRequest, transport: Transport = .json
    ) async throws(VeniceError) -> ImageResponse {
        let body = try request.encodedBody(transport: transport, jsonLimit: automaticJSONLimit)
        return try await sendImageRequest(path: "/image/background-remove", body: body)
    }

    /// Upscales an image by 2 or 4 (`POST /image/upscale`).
    public func upscale(_ request: UpscaleRequest, transport: Transport = .json) async throws(VeniceError) -> ImageResponse {
        let body = try request.encodedBody(transport: transport, jsonLimit: automaticJSONLimit)
        return try await sendImageRequest(path: "/image/upscale", body: body)
    }

    /// Sends a request prepared elsewhere (see `PreparedRequest`) to its endpoint.
    public func send(_ request: PreparedRequest) async throws(VeniceError) -> ImageResponse {
        let body = try request.encodedBody(jsonLimit: automaticJSONLimit)
        return try await sendImageRequest(path: request.endpoint.path, body: body)
    }

    /// Lists models of a type (`GET /models?type=…`), `inpaint` (the edit models) by default.
    public func models(type: String = "inpaint") async throws(VeniceError) -> [ModelInfo] {
        let bytes = try await modelListBody(type: type)
        guard let json = JSONValue.parse(bytes), let models = ModelInfo.list(from: json) else {
            throw .invalidResponse(reason: "the model list is not the documented JSON ({\"data\": [...]})")
        }
        return models
    }

    /// The raw answer of `GET /models?type=…` (what `ModelCatalogueCache` stores).
    public func modelListBody(type: String) async throws(VeniceError) -> [UInt8] {
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .invalidRequest(reason: "model type \"\(type)\" must be a word such as inpaint, image or all")
        }
        return try await send(method: .GET, path: "/models?type=\(type)", body: nil, accept: "application/json").bytes
    }

    // MARK: - Sending and retrying

    /// A successful exchange: body, headers and the retry history.
    private struct Outcome {
        var bytes: [UInt8]
        var headers: HTTPHeaders
        var attempts: Int
        var retryDelays: [Double]
    }

    private func sendImageRequest(path: String, body: EncodedBody) async throws(VeniceError) -> ImageResponse {
        let outcome = try await send(method: .POST, path: path, body: body, accept: "image/png, image/jpeg, image/webp")
        guard !outcome.bytes.isEmpty else {
            throw .invalidResponse(reason: "the response to \(path) has an empty body")
        }
        let response = ImageResponse(
            bytes: outcome.bytes, headers: outcome.headers, attempts: outcome.attempts, retryDelays: outcome.retryDelays
        )
        guard response.contentType.hasPrefix("image/") || response.contentType == "application/octet-stream" else {
            let info = ServerErrorInfo(status: 200, body: outcome.bytes).redacting(redactor)
            throw .invalidResponse(reason: "expected an image but got \(response.contentType): \(info.summary)")
        }
        if response.isDeprecated || response.deprecationWarning != nil {
            logger.warning("the model is deprecated", metadata: [
                "model": "\(response.modelID ?? "?")",
                "replacement": "\(response.deprecatedReplacement ?? "-")",
                "warning": "\(response.deprecationWarning ?? "-")",
            ])
        }
        return response
    }

    /// Sends a request, retrying per `retryPolicy`, and returns the 2xx answer.
    private func send(
        method: HTTPMethod, path: String, body: EncodedBody?, accept: String
    ) async throws(VeniceError) -> Outcome {
        var request = HTTPClientRequest(url: configuration.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: accept)
        if let body {
            request.headers.add(name: "Content-Type", value: body.contentType)
            request.body = .bytes(body.buffer)
        }
        let endpoint = path.split(separator: "?").first.map(String.init) ?? path
        var metadata: Logger.Metadata = ["endpoint": "\(endpoint)", "method": "\(method.rawValue)"]
        if let body {
            metadata["transport"] = "\(body.transport.rawValue)"
            metadata["body_bytes"] = "\(body.buffer.readableBytes)"
        }

        var retryDelays: [Double] = []
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancelled }
            metadata["attempt"] = "\(attempt)"
            logger.debug("sending request", metadata: metadata)

            let failure: VeniceError
            var serverDelay: Double?
            do {
                let response = try await httpClient.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
                let bytes = try await collect(response.body)
                let status = Int(response.status.code)
                logger.debug("received response", metadata: metadata.merging([
                    "status": "\(status)", "response_bytes": "\(bytes.count)",
                ]) { $1 })
                if (200..<300).contains(status) {
                    return Outcome(bytes: bytes, headers: response.headers, attempts: attempt, retryDelays: retryDelays)
                }
                let info = ServerErrorInfo(status: status, body: bytes).redacting(redactor)
                failure = VeniceError.forStatus(info)
                if RetryPolicy.isRetryable(status: status) {
                    serverDelay = RetryPolicy.serverDelay(
                        status: status,
                        retryAfter: response.headers.first(name: "retry-after"),
                        rateLimitReset: response.headers.first(name: "x-ratelimit-reset-requests"),
                        now: clock.now()
                    )
                }
            } catch {
                failure = mapTransportError(error)
            }

            guard failure.isRetryable, attempt <= retryPolicy.maxRetries else {
                logger.debug("request failed", metadata: metadata.merging(["failure": "\(Self.kind(of: failure))"]) { $1 })
                throw failure
            }
            let delay: Double
            if let serverDelay {
                guard serverDelay <= retryPolicy.maxServerDelay else {
                    logger.warning("server asked for a retry delay over the limit", metadata: metadata.merging([
                        "requested_seconds": "\(serverDelay)", "limit_seconds": "\(retryPolicy.maxServerDelay)",
                    ]) { $1 })
                    throw .retryDelayTooLong(
                        requestedSeconds: serverDelay, limitSeconds: retryPolicy.maxServerDelay, status: failure.status ?? 0
                    )
                }
                delay = serverDelay
            } else {
                delay = retryPolicy.backoff(retry: attempt - 1, random: Double.random(in: 0..<1))
            }
            retryDelays.append(delay)
            logger.info("retrying after a transient failure", metadata: metadata.merging([
                "failure": "\(Self.kind(of: failure))",
                "delay_seconds": "\((delay * 1000).rounded() / 1000)",
                "retry": "\(attempt) of \(retryPolicy.maxRetries)",
            ]) { $1 })
            await clock.willRetry(after: failure, delay: delay)
            do {
                try await clock.sleep(seconds: delay)
            } catch {
                throw .cancelled
            }
        }
    }

    /// Reads a whole response body, up to `maxResponseBytes`.
    private func collect(_ body: HTTPClientResponse.Body) async throws -> [UInt8] {
        var buffer = try await body.collect(upTo: Self.maxResponseBytes)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Maps an AsyncHTTPClient / NIO error to `timeout`, `cancelled` or `transport`.
    private func mapTransportError(_ error: any Error) -> VeniceError {
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled:
                return .cancelled
            case .deadlineExceeded:
                return .timeout(reason: "no complete answer within \(configuration.requestTimeout)")
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .timeout(reason: "could not connect within \(configuration.connectTimeout)")
            case .readTimeout, .writeTimeout:
                return .timeout(reason: "the connection stalled (\(error))")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return .invalidResponse(reason: "the response is larger than \(Self.maxResponseBytes) bytes")
        }
        if Task.isCancelled { return .cancelled }
        return .transport(reason: redactor.redact(String(describing: error)))
    }

    /// A short label for logs: `status 429`, `timeout`, `transport`, ….
    private static func kind(of error: VeniceError) -> String {
        if let status = error.status { return "status \(status)" }
        switch error {
        case .timeout: return "timeout"
        case .transport: return "transport"
        case .cancelled: return "cancelled"
        default: return "other"
        }
    }

    /// Converts a `Duration` to NIO's `TimeAmount`.
    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let nanos = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if nanos.overflow { return .nanoseconds(Int64.max) }
        return .nanoseconds(nanos.partialValue + attoseconds / 1_000_000_000)
    }
}
