import Foundation

/// A scripted failure the `ContractServer` answers with instead of processing a request.
///
/// Queue faults with `ContractServer.script(_:)`: each authenticated request takes the next one;
/// when the queue is empty requests are processed normally. Error bodies follow Venice's shapes.
public enum Fault: Sendable, Equatable {
    /// 429 with `Retry-After: <seconds>`.
    case rateLimited(retryAfterSeconds: Int)
    /// 429 with `Retry-After` as an HTTP date.
    case rateLimitedUntil(Date)
    /// 429 with `x-ratelimit-reset-requests: <value>` (a Unix time; pass milliseconds to test that form).
    case rateLimitedReset(unixTime: Double)
    /// 429 with no delay hint (the client falls back to backoff).
    case rateLimitedWithoutHint
    /// 500 "Inference processing failed".
    case internalError
    /// 503 "The model is at capacity", optionally with `Retry-After: <seconds>`.
    case unavailable(retryAfterSeconds: Int? = nil)
    /// 400 with `details` in zod shape (`{"field": {"_errors": [...]}}`).
    case badRequest(message: String, details: [String: [String]])
    /// 400 whose `details` is a plain string.
    case badRequestText(message: String, details: String)
    /// 401 "Authentication failed".
    case unauthorized
    /// 402 with code `INSUFFICIENT_BALANCE`.
    case paymentRequired
    /// 413 with code `PAYLOAD_TOO_LARGE`.
    case payloadTooLarge
    /// 422 with a code such as `IMAGE_TOO_LARGE` or `CONTENT_POLICY_VIOLATION`.
    case unprocessable(code: String, message: String)
    /// An error whose `error` is an object: `{"error": {"message": …, "type": …}}`.
    case objectError(status: Int, message: String, type: String)
    /// Any status, headers and body.
    case custom(status: Int, headers: [String: String], body: String)
    /// Wait `seconds` before handling the request normally (to trigger client timeouts).
    case stall(seconds: Double)
}
