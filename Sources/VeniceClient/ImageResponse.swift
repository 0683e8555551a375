import Foundation
import NIOHTTP1

/// A successful image answer: the bytes, their content type and what the response headers said.
public struct ImageResponse: Sendable, Equatable {
    /// The image file bytes.
    public var bytes: [UInt8]
    /// The `Content-Type` (`image/png`, `image/jpeg` or `image/webp`); save by this, not by assumption.
    public var contentType: String
    /// `x-venice-model-id`: the model that did the edit.
    public var modelID: String?
    /// `x-venice-model-name`: its friendly name.
    public var modelName: String?
    /// `x-venice-model-deprecation-warning`.
    public var deprecationWarning: String?
    /// `x-venice-model-deprecation-date` (an ISO 8601 date-time, as sent).
    public var deprecationDate: String?
    /// `x-venice-deprecated: true`: the model is deprecated.
    public var isDeprecated: Bool
    /// `x-venice-deprecated-replacement`: the model id to migrate to.
    public var deprecatedReplacement: String?
    /// `x-venice-is-content-violation: true`: the result breaks the terms of service.
    public var isContentViolation: Bool
    /// `x-venice-enhanced-prompt`, URL-decoded: the rewritten prompt when `enhance_prompt` was applied.
    public var enhancedPrompt: String?
    /// `x-venice-balance-usd`.
    public var balanceUSD: Double?
    /// `x-venice-balance-diem`.
    public var balanceDIEM: Double?
    /// `X-Balance-Remaining` (x402 wallet authentication only).
    public var x402BalanceRemaining: Double?
    /// `x-ratelimit-limit-requests`.
    public var rateLimitLimit: Int?
    /// `x-ratelimit-remaining-requests`.
    public var rateLimitRemaining: Int?
    /// `x-ratelimit-reset-requests` as a date (Unix seconds, or milliseconds when above 1e12).
    public var rateLimitReset: Date?
    /// How many attempts the client made (1 when the first one succeeded).
    public var attempts: Int
    /// The delays, in seconds, the client waited before each retry.
    public var retryDelays: [Double]

    /// Creates a response value directly (mostly for tests and callers that build responses themselves).
    public init(
        bytes: [UInt8], contentType: String, modelID: String? = nil, modelName: String? = nil,
        deprecationWarning: String? = nil, deprecationDate: String? = nil, isDeprecated: Bool = false,
        deprecatedReplacement: String? = nil, isContentViolation: Bool = false, enhancedPrompt: String? = nil,
        balanceUSD: Double? = nil, balanceDIEM: Double? = nil, x402BalanceRemaining: Double? = nil,
        rateLimitLimit: Int? = nil, rateLimitRemaining: Int? = nil, rateLimitReset: Date? = nil,
        attempts: Int = 1, retryDelays: [Double] = []
    ) {
        self.bytes = bytes
        self.contentType = contentType
        self.modelID = modelID
        self.modelName = modelName
        self.deprecationWarning = deprecationWarning
        self.deprecationDate = deprecationDate
        self.isDeprecated = isDeprecated
        self.deprecatedReplacement = deprecatedReplacement
        self.isContentViolation = isContentViolation
        self.enhancedPrompt = enhancedPrompt
        self.balanceUSD = balanceUSD
        self.balanceDIEM = balanceDIEM
        self.x402BalanceRemaining = x402BalanceRemaining
        self.rateLimitLimit = rateLimitLimit
        self.rateLimitRemaining = rateLimitRemaining
        self.rateLimitReset = rateLimitReset
        self.attempts = attempts
        self.retryDelays = retryDelays
    }

    /// Reads the documented headers of a 200 response; malformed values are treated as absent.
    init(bytes: [UInt8], headers: HTTPHeaders, attempts: Int, retryDelays: [Double]) {
        func text(_ name: String) -> String? {
            guard let value = headers.first(name: name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                return nil
            }
            return value
        }
        func flag(_ name: String) -> Bool { text(name)?.lowercased() == "true" }
        func number(_ name: String) -> Double? { text(name).flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
        func integer(_ name: String) -> Int? {
            text(name).flatMap { Int($0) ?? Double($0).flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil } }
        }
        let type = text("content-type")?.split(separator: ";").first.map {
            String($0).trimmingCharacters(in: .whitespaces).lowercased()
        }
        self.init(
            bytes: bytes,
            contentType: type ?? ImageInput.sniffContentType(bytes),
            modelID: text("x-venice-model-id"),
            modelName: text("x-venice-model-name"),
            deprecationWarning: text("x-venice-model-deprecation-warning"),
            deprecationDate: text("x-venice-model-deprecation-date"),
            isDeprecated: flag("x-venice-deprecated"),
            deprecatedReplacement: text("x-venice-deprecated-replacement"),
            isContentViolation: flag("x-venice-is-content-violation"),
            enhancedPrompt: text("x-venice-enhanced-prompt").map { Self.urlDecode($0) },
            balanceUSD: number("x-venice-balance-usd"),
            balanceDIEM: number("x-venice-balance-diem"),
            x402BalanceRemaining: number("x-balance-remaining"),
            rateLimitLimit: integer("x-ratelimit-limit-requests"),
            rateLimitRemaining: integer("x-ratelimit-remaining-requests"),
            rateLimitReset: number("x-ratelimit-reset-requests").map(RetryPolicy.dateFromUnixTime),
            attempts: attempts,
            retryDelays: retryDelays
        )
    }

    /// The file extension matching `contentType` (`png`, `jpg`, `webp`; `bin` when unknown).
    public var fileExtension: String {
        switch contentType {
        case "image/png": return "png"
        case "image/jpeg", "image/jpg": return "jpg"
        case "image/webp": return "webp"
        default: return "bin"
        }
    }

    /// Percent-decodes a header value; `+` is read as a space, as in form encoding.
    static func urlDecode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
