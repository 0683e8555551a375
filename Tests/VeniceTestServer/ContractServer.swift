import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A local HTTP server on 127.0.0.1 that enforces Venice's image-edit API contract.
///
/// It serves `POST /api/v1/image/edit`, `/image/multi-edit`, `/image/background-remove` and
/// `GET /api/v1/models` on an ephemeral port, checks every request the way the documented API does
/// (bearer key, content type, `additionalProperties: false`, required fields, enums, prompt length,
/// image count, base64, pixel limits read from the PNG/JPEG/WebP header, 25 MB file limit,
/// multipart rules), records it, and answers with a small real image and Venice's response headers.
/// Scripted faults (`script(_:)`) make it answer 429/500/503/4xx first, to exercise retries.
///
/// ```swift
/// let server = try await ContractServer.start(apiKey: "test-key")
/// await server.script([.rateLimited(retryAfterSeconds: 2), .internalError])
/// // … point a client at server.baseURL …
/// let requests = await server.requests
/// await server.stop()
/// ```
public final class ContractServer: Sendable {
    /// The TCP port the server listens on.
    public let port: Int
    /// The API base URL, e.g. `http://127.0.0.1:54321/api/v1` (use as `VENICE_BASE_URL`).
    public let baseURL: String
    /// The API key the server accepts (`Authorization: Bearer <apiKey>`).
    public let apiKey: String

    private let state: ContractState
    private let task: Task<Void, Never>

    private init(port: Int, apiKey: String, state: ContractState, task: Task<Void, Never>) {
        self.port = port
        self.apiKey = apiKey
        self.baseURL = "http://127.0.0.1:\(port)\(ContractRules.apiPrefix)"
        self.state = state
        self.task = task
    }

    /// Starts a server on 127.0.0.1 with an ephemeral port and returns once it accepts connections.
    ///
    /// - Parameters:
    ///   - apiKey: The key requests must carry as `Authorization: Bearer <apiKey>`.
    ///   - behavior: Response headers and limits; change later with `setBehavior(_:)`.
    /// - Throws: `ContractServerError.failedToStart` when the server could not bind.
    public static func start(apiKey: String = "test-key", behavior: ServerBehavior = ServerBehavior()) async throws -> ContractServer {
        let state = ContractState(apiKey: apiKey)
        await state.setBehavior(behavior)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await ContractServer.respond(to: request, state: state)
        }
        var logger = Logger(label: "venice-test-server")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "venice-contract-server"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                logger.error("contract server stopped: \(error)")
            }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw ContractServerError.failedToStart
        }
        return ContractServer(port: port, apiKey: apiKey, state: state, task: task)
    }

    /// Stops the server and waits until it has shut down.
    public func stop() async {
        await state.stop()
        task.cancel()
        await task.value
    }

    /// Queues faults: each following authenticated request is answered by the next one.
    public func script(_ faults: [Fault]) async { await state.script(faults) }

    /// Removes faults that have not been used.
    public func clearFaults() async { await state.clearFaults() }

    /// The faults not used yet.
    public var pendingFaults: [Fault] { get async { await state.faults } }

    /// Every request received so far, in order (including rejected ones).
    public var requests: [RecordedRequest] { get async { await state.requests } }

    /// Breaches of the contract by the client so far, e.g. a retry that came earlier than the
    /// `Retry-After` it was given. A test whose client waits for real asserts this is empty.
    public var violations: [String] { get async { await state.violations } }

    /// Forgets the recorded requests.
    public func clearRequests() async { await state.clearRequests() }

    /// Replaces the response headers and limits.
    public func setBehavior(_ behavior: ServerBehavior) async { await state.setBehavior(behavior) }

    // MARK: - Handling

    private static let maxBodyBytes = 80 * 1024 * 1024

    private static func respond(to request: Request, state: ContractState) async throws -> Response {
        var request = request
        let path = request.uri.path
        let endpoint = path.hasPrefix(ContractRules.apiPrefix) ? String(path.dropFirst(ContractRules.apiPrefix.count)) : path
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            query[String(key)] = String(value).removingPercentEncoding ?? String(value)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName.lowercased()
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let contentType = headers["content-type"]
        var record = RecordedRequest(
            method: request.method.rawValue, path: path, endpoint: endpoint, query: query, headers: headers,
            contentType: contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() },
            bodyByteCount: 0, fieldNames: [], fields: [:], partNames: [], images: [], status: 0
        )

        let body: [UInt8]
        do {
            var buffer = try await request.collectBody(upTo: maxBodyBytes)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            record.status = 413
            record.errorCode = "PAYLOAD_TOO_LARGE"
            await state.record(record)
            return jsonResponse(413, ServerJSON.errorBody(message: "Request body too large", code: "PAYLOAD_TOO_LARGE"))
        }
        record.bodyByteCount = body.count
        record.body = body

        let answer = await handle(method: request.method.rawValue, endpoint: endpoint, query: query,
                                  headers: headers, body: body, record: &record, state: state)
        record.status = answer.status
        await state.record(record)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private static func jsonResponse(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func errorAnswer(_ status: Int, _ message: String, code: String? = nil,
                                    headers: [(String, String)] = [], record: inout RecordedRequest) -> ContractState.Answer {
        record.errorCode = code
        return ContractState.Answer(status: status, headers: [("content-type", "application/json")] + headers,
                                    body: Array(ServerJSON.errorBody(message: message, code: code).utf8))
    }

    private static func handle(
        method: String, endpoint: String, query: [String: String], headers: [String: String], body: [UInt8],
        record: inout RecordedRequest, state: ContractState
    ) async -> ContractState.Answer {
        let isModels = endpoint == "/models"
        let imageEndpoint = ContractRules.Endpoint(rawValue: endpoint)
        let isUpscale = endpoint == UpscaleRules.path
        guard isModels || imageEndpoint != nil || isUpscale else {
            return errorAnswer(404, "Not found: \(endpoint)", record: &record)
        }
        if isModels, method != "GET" { return errorAnswer(405, "Method not allowed", record: &record) }
        if imageEndpoint != nil || isUpscale, method != "POST" { return errorAnswer(405, "Method not allowed", record: &record) }

        // Authentication: image endpoints need the key; /models accepts no key, but not a wrong one.
        let expected = "Bearer \(state.apiKey)"
        let authorization = headers["authorization"]
        if (imageEndpoint != nil || isUpscale || authorization != nil) && authorization != expected {
            return errorAnswer(401, "Authentication failed", record: &record)
        }

        if isModels {
            if let answer = await scriptedAnswer(state: state, record: &record, key: nil) { return answer }
            return ContractState.Answer(status: 200, headers: [("content-type", "application/json")],
                                        body: Array(ModelCatalog.json(type: query["type"]).utf8))
        }
        guard imageEndpoint != nil || isUpscale else { return errorAnswer(404, "Not found", record: &record) }
        if record.contentType == "application/json", body.count > ContractRules.maxJSONBodyBytes {
            return errorAnswer(413, "Request body too large", code: "PAYLOAD_TOO_LARGE", record: &record)
        }

        // Content type.
        let type = record.contentType ?? ""
        let form: ContractRules.Form
        do {
            switch type {
            case "application/json":
                form = try ContractRules.parseJSON(body)
            case "multipart/form-data":
                guard let boundary = ContractRules.boundary(of: headers["content-type"] ?? "") else {
                    return errorAnswer(400, "multipart/form-data without a boundary", code: "INVALID_REQUEST", record: &record)
                }
                form = try ContractRules.parseMultipart(body, boundary: boundary)
            default:
                return errorAnswer(415, "Invalid request content-type", record: &record)
            }
        } catch {
            return rejectionAnswer(error, record: &record)
        }
        record.fieldNames = form.fieldOrder
        record.partNames = form.partNames
        for (name, value) in form.fields {
            if case .array = value { continue }
            record.fields[name] = value.text
        }
        if case .array(let items)? = form.fields["images"] {
            record.fields["images.count"] = String(items.count)
        }

        if isUpscale { return UpscaleRules.answer(form, record: &record) }
        guard let imageEndpoint else { return errorAnswer(404, "Not found", record: &record) }

        let behavior = await state.behavior
        let modelMax = record.fields["modelId"].flatMap(ModelCapabilityCatalog.maxInputImages(for:))
        let pending: [ContractRules.PendingImage]
        do {
            pending = try ContractRules.checkFields(form, endpoint: imageEndpoint, maxImages: modelMax ?? behavior.maxImages)
        } catch {
            return rejectionAnswer(error, record: &record)
        }
        for image in pending {
            do {
                record.images.append(try ContractRules.checkImage(image, endpoint: imageEndpoint))
            } catch {
                return rejectionAnswer(error, record: &record)
            }
        }

        // Only a valid request reaches the rate limit and the scripted faults, so the attempts a
        // fault turns away are checked as strictly as the one that succeeds.
        let key = requestKey(endpoint: endpoint, fields: record.fields, images: pending)
        let now = Date().timeIntervalSince1970
        await state.checkRetry(key: key, endpoint: endpoint, at: now)
        if let wait = await state.admit(at: now) {
            await state.announceRetry(key: key, notBefore: Date().timeIntervalSince1970 + Double(wait))
            return errorAnswer(429, "Rate limit exceeded", code: "RATE_LIMIT_EXCEEDED",
                               headers: [("retry-after", String(wait)), ("x-ratelimit-remaining-requests", "0")],
                               record: &record)
        }
        if let answer = await scriptedAnswer(state: state, record: &record, key: key) { return answer }
        return successAnswer(endpoint: imageEndpoint, record: record, behavior: behavior)
    }

    /// The next scripted fault's answer (after a stall, none), remembering the retry time it
    /// announces for the request with content `key`.
    private static func scriptedAnswer(state: ContractState, record: inout RecordedRequest,
                                       key: UInt64?) async -> ContractState.Answer? {
        guard let fault = await state.nextFault() else { return nil }
        record.fault = fault
        if case .stall(let seconds) = fault {
            // held until the time is up or the server stops (a client timeout ends it sooner for
            // the client; the server must not keep its shutdown waiting)
            let end = Date().addingTimeInterval(seconds)
            while Date() < end, await !state.isStopping {
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }
        let answer = faultAnswer(fault, record: &record)
        if let key, let notBefore = retryTime(announcedBy: answer.headers, at: Date()) {
            await state.announceRetry(key: key, notBefore: notBefore)
        }
        return answer
    }

    /// The time (seconds since 1970) an answer's `Retry-After` or `x-ratelimit-reset-requests`
    /// allows a retry from, if it names one.
    static func retryTime(announcedBy headers: [(String, String)], at now: Date) -> Double? {
        for (name, value) in headers {
            switch name.lowercased() {
            case "retry-after":
                if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) {
                    return now.timeIntervalSince1970 + seconds
                }
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                if let date = formatter.date(from: value) { return date.timeIntervalSince1970 }
            case "x-ratelimit-reset-requests":
                if let time = Double(value) { return time > 1e12 ? time / 1000 : time }
            default:
                continue
            }
        }
        return nil
    }

    /// A 64-bit FNV-1a digest of what a request asks for (endpoint, fields, image bytes), the same
    /// for every attempt at the same request whatever its transport.
    static func requestKey(endpoint: String, fields: [String: String], images: [ContractRules.PendingImage]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        mix(endpoint.utf8)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            mix(name.utf8)
            mix(value.utf8)
        }
        for image in images {
            switch image {
            case .file(_, let part): mix(part.bytes)
            case .string(_, let text): mix(text.utf8)
            }
        }
        return hash
    }

    private static func rejectionAnswer(_ rejection: ContractRules.Rejection, record: inout RecordedRequest) -> ContractState.Answer {
        record.errorCode = rejection.code
        return ContractState.Answer(status: rejection.status, headers: [("content-type", "application/json")],
                                    body: Array(rejection.body.utf8))
    }

    private static func faultAnswer(_ fault: Fault, record: inout RecordedRequest) -> ContractState.Answer {
        switch fault {
        case .rateLimited(let seconds):
            return errorAnswer(429, "Rate limit exceeded", code: "RATE_LIMIT_EXCEEDED",
                               headers: [("retry-after", String(seconds))], record: &record)
        case .rateLimitedUntil(let date):
            return errorAnswer(429, "Rate limit exceeded", code: "RATE_LIMIT_EXCEEDED",
                               headers: [("retry-after", httpDate(date))], record: &record)
        case .rateLimitedReset(let unixTime):
            let text = unixTime.rounded() == unixTime ? String(Int64(unixTime)) : String(unixTime)
            return errorAnswer(429, "Rate limit exceeded", code: "RATE_LIMIT_EXCEEDED",
                               headers: [("x-ratelimit-reset-requests", text), ("x-ratelimit-remaining-requests", "0")],
                               record: &record)
        case .rateLimitedWithoutHint:
            return errorAnswer(429, "The model is overloaded", code: "MODEL_OVERLOADED", record: &record)
        case .internalError:
            return errorAnswer(500, "Inference processing failed", record: &record)
        case .unavailable(let seconds):
            return errorAnswer(503, "The model is at capacity. Please try again later.", code: "MODEL_AT_CAPACITY",
                               headers: seconds.map { [("retry-after", String($0))] } ?? [], record: &record)
        case .badRequest(let message, let details):
            record.errorCode = "INVALID_REQUEST"
            return ContractState.Answer(status: 400, headers: [("content-type", "application/json")],
                                        body: Array(ServerJSON.errorBody(message: message, details: details).utf8))
        case .badRequestText(let message, let details):
            return ContractState.Answer(status: 400, headers: [("content-type", "application/json")],
                                        body: Array(ServerJSON.errorBody(message: message, detailText: details).utf8))
        case .unauthorized:
            return errorAnswer(401, "Authentication failed", record: &record)
        case .paymentRequired:
            return errorAnswer(402, "Insufficient USD or Diem balance to complete request", code: "INSUFFICIENT_BALANCE",
                               record: &record)
        case .payloadTooLarge:
            return errorAnswer(413, "File size must be less than 25MB", code: "PAYLOAD_TOO_LARGE", record: &record)
        case .unprocessable(let code, let message):
            return errorAnswer(422, message, code: code, record: &record)
        case .objectError(let status, let message, let type):
            let body = (try? JSONSerialization.data(withJSONObject: ["error": ["message": message, "type": type]],
                                                    options: [.sortedKeys])) ?? Data()
            return ContractState.Answer(status: status, headers: [("content-type", "application/json")], body: [UInt8](body))
        case .custom(let status, let headers, let body):
            return ContractState.Answer(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                        body: Array(body.utf8))
        case .stall:
            return errorAnswer(500, "unreachable", record: &record)
        }
    }

    private static func successAnswer(
        endpoint: ContractRules.Endpoint, record: RecordedRequest, behavior: ServerBehavior
    ) -> ContractState.Answer {
        var headers: [(String, String)] = []
        let bytes: [UInt8]
        let contentType: String
        if endpoint == .backgroundRemove {
            bytes = TestImages.png(width: 8, height: 8, alpha: true)
            contentType = "image/png"
        } else {
            let format = record.fields["output_format"]
                ?? ((record.fields["resolution"].map { $0 != "1K" } ?? false) ? "jpeg" : "png")
            switch format {
            case "jpeg", "jpg": bytes = TestImages.jpeg8x8; contentType = "image/jpeg"
            case "webp": bytes = TestImages.webp8x8; contentType = "image/webp"
            default: bytes = TestImages.png8x8; contentType = "image/png"
            }
            let model = record.fields["model"] ?? record.fields["modelId"] ?? behavior.defaultModel
            headers.append(("x-venice-model-id", model))
            headers.append(("x-venice-model-name", modelName(model)))
            headers.append(("x-venice-is-content-violation", behavior.contentViolation ? "true" : "false"))
            if let warning = behavior.deprecationWarning { headers.append(("x-venice-model-deprecation-warning", warning)) }
            if let date = behavior.deprecationDate { headers.append(("x-venice-model-deprecation-date", date)) }
            if behavior.deprecated { headers.append(("x-venice-deprecated", "true")) }
            if let replacement = behavior.deprecatedReplacement {
                headers.append(("x-venice-deprecated-replacement", replacement))
            }
            if record.fields["enhance_prompt"] == "true", let prompt = record.fields["prompt"] {
                let enhanced = behavior.enhancedPromptPrefix + prompt
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                headers.append(("x-venice-enhanced-prompt", enhanced.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
            }
        }
        headers.insert(("content-type", contentType), at: 0)
        if let usd = behavior.balanceUSD { headers.append(("x-venice-balance-usd", usd)) }
        if let diem = behavior.balanceDIEM { headers.append(("x-venice-balance-diem", diem)) }
        if let limit = behavior.rateLimitLimit { headers.append(("x-ratelimit-limit-requests", String(limit))) }
        if let remaining = behavior.rateLimitRemaining { headers.append(("x-ratelimit-remaining-requests", String(remaining))) }
        if let reset = behavior.rateLimitReset { headers.append(("x-ratelimit-reset-requests", String(Int64(reset)))) }
        return ContractState.Answer(status: 200, headers: headers, body: bytes)
    }

    private static func modelName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// `date` as an IMF-fixdate, the form `Retry-After` uses.
    public static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
