/// Every failure of the Venice client layer: server statuses, transport problems and local checks.
///
/// Descriptions say what happened and what to do next. They never contain the API key: server
/// text and transport messages are redacted before they are stored in a case.
public enum VeniceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400: the server rejected the parameters; `fieldErrors` says which.
    case badRequest(ServerErrorInfo)
    /// 401: the API key is missing, invalid or revoked.
    case unauthorized(ServerErrorInfo)
    /// 402: the account balance is too low.
    case paymentRequired(ServerErrorInfo)
    /// 413: an uploaded file is over 25 MB.
    case payloadTooLarge(ServerErrorInfo)
    /// 415: the request's content type was not accepted.
    case unsupportedMediaType(ServerErrorInfo)
    /// 422: content policy refusal, or an image with too many pixels.
    case unprocessableEntity(ServerErrorInfo)
    /// 429: rate limited or model overloaded, still failing after the allowed retries.
    case rateLimited(ServerErrorInfo)
    /// 500: inference failed, still failing after the allowed retries.
    case internalServerError(ServerErrorInfo)
    /// 503: the model is at capacity, still failing after the allowed retries.
    case serviceUnavailable(ServerErrorInfo)
    /// Any other non-success status.
    case unexpectedStatus(ServerErrorInfo)
    /// The connection failed or broke (DNS, refused, reset, TLS, …); `reason` is the transport's message.
    case transport(reason: String)
    /// The server did not answer within the configured timeout.
    case timeout(reason: String)
    /// The task was cancelled while waiting for the server or for a retry.
    case cancelled
    /// The request failed a local check and was not sent.
    case invalidRequest(reason: String)
    /// The configuration is unusable (missing key, malformed base URL, unreadable key file).
    case invalidConfiguration(reason: String)
    /// The base URL uses plain `http://` for a host that is not loopback.
    case insecureURL(String)
    /// The server asked to wait longer than the client is willing to before retrying.
    case retryDelayTooLong(requestedSeconds: Double, limitSeconds: Double, status: Int)
    /// A 2xx response that could not be used (e.g. an empty or undecodable body).
    case invalidResponse(reason: String)

    /// The HTTP status code for server-side failures; `nil` for local and transport failures.
    public var status: Int? {
        if case .retryDelayTooLong(_, _, let status) = self { return status }
        return serverInfo?.status
    }

    /// The parsed server error for status failures; `nil` otherwise.
    public var serverInfo: ServerErrorInfo? {
        switch self {
        case .badRequest(let info), .unauthorized(let info), .paymentRequired(let info),
             .payloadTooLarge(let info), .unsupportedMediaType(let info), .unprocessableEntity(let info),
             .rateLimited(let info), .internalServerError(let info), .serviceUnavailable(let info),
             .unexpectedStatus(let info):
            return info
        default:
            return nil
        }
    }

    /// Whether the client's retry policy treats this failure as transient.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .internalServerError, .serviceUnavailable, .transport, .timeout:
            return true
        default:
            return false
        }
    }

    /// Maps a non-success status and its parsed body to the matching case.
    public static func forStatus(_ info: ServerErrorInfo) -> VeniceError {
        switch info.status {
        case 400: return .badRequest(info)
        case 401: return .unauthorized(info)
        case 402: return .paymentRequired(info)
        case 413: return .payloadTooLarge(info)
        case 415: return .unsupportedMediaType(info)
        case 422: return .unprocessableEntity(info)
        case 429: return .rateLimited(info)
        case 500: return .internalServerError(info)
        case 503: return .serviceUnavailable(info)
        default: return .unexpectedStatus(info)
        }
    }

    /// What went wrong and what to do about it, in words for the user (never containing the API key).
    public var description: String {
        switch self {
        case .badRequest(let info):
            return "Venice rejected the request (400 Bad Request): \(info.summary)\n"
                + "Fix the parameters named above; the request was not retried."
        case .unauthorized(let info):
            return "Venice refused the API key (401 Unauthorized): \(info.summary)\n"
                + "Check VENICE_API_KEY (or the key file): it must be a valid, active Venice API key."
        case .paymentRequired(let info):
            return "Venice needs payment (402 Payment Required): \(info.summary)\n"
                + "Add credits to the Venice account (venice.ai) and try again; also check that VENICE_API_KEY is set."
        case .payloadTooLarge(let info):
            return "Venice refused the upload as too large (413 Payload Too Large): \(info.summary)\n"
                + "Each image must be under 25 MB: run `venice-edit preflight` to shrink it first."
        case .unsupportedMediaType(let info):
            return "Venice did not accept the request's content type (415 Unsupported Media Type): \(info.summary)\n"
                + "Send JPEG, PNG or WebP images; if that is already the case, this is a client bug."
        case .unprocessableEntity(let info):
            return "Venice could not process the request (422 Unprocessable Entity): \(info.summary)\n"
                + Self.advice422(info)
        case .rateLimited(let info):
            return "Venice is rate limiting or the model is overloaded (429 Too Many Requests): \(info.summary)\n"
                + "Gave up after the allowed retries; wait a minute and try again."
        case .internalServerError(let info):
            return "Venice failed to process the edit (500 Internal Server Error): \(info.summary)\n"
                + "Gave up after the allowed retries; try again later or with another model."
        case .serviceUnavailable(let info):
            return "The Venice model is at capacity (503 Service Unavailable): \(info.summary)\n"
                + "Gave up after the allowed retries; try again later or with another model."
        case .unexpectedStatus(let info):
            return "Venice answered with unexpected status \(info.status): \(info.summary)"
        case .transport(let reason):
            return "Could not reach Venice: \(reason)\n"
                + "Check the network connection and VENICE_BASE_URL."
        case .timeout(let reason):
            return "Venice did not answer in time: \(reason)\n"
                + "Try again, or raise the request timeout."
        case .cancelled:
            return "The request was cancelled."
        case .invalidRequest(let reason):
            return "Invalid request (nothing was sent): \(reason)"
        case .invalidConfiguration(let reason):
            return "Invalid configuration: \(reason)"
        case .insecureURL(let url):
            return "Refusing to send the API key over plain HTTP to \(url): use https://, "
                + "or http:// only for a loopback host (127.0.0.1, ::1, localhost)."
        case .retryDelayTooLong(let requested, let limit, let status):
            return "Venice asked to wait \(Self.seconds(requested)) before retrying (status \(status)), "
                + "longer than the \(Self.seconds(limit)) this client waits: try again later."
        case .invalidResponse(let reason):
            return "Venice sent an unusable response: \(reason)"
        }
    }

    private static func advice422(_ info: ServerErrorInfo) -> String {
        let text = (info.message + " " + (info.code ?? "")).lowercased()
        if text.contains("large") || text.contains("pixel") || text.contains("size") || text.contains("dimension") {
            return "The image is too large: run `venice-edit preflight` to resize it within the limits."
        }
        if text.contains("content") || text.contains("policy") || text.contains("violation") {
            return "The prompt or image was refused by the content policy: change it and try again."
        }
        return "If the image is too large, run `venice-edit preflight`; if it is a content-policy refusal, change the prompt or image."
    }

    private static func seconds(_ value: Double) -> String {
        if value.rounded() == value, value < 1e12 { return "\(Int(value)) s" }
        return "\((value * 10).rounded() / 10) s"
    }
}
