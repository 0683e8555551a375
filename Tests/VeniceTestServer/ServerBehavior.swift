/// What the `ContractServer` puts in successful answers, and the limits it enforces.
public struct ServerBehavior: Sendable, Equatable {
    /// The most images `/image/multi-edit` accepts.
    public var maxImages = 3
    /// The model used when the request names none.
    public var defaultModel = "firered-image-edit"
    /// `x-venice-is-content-violation`.
    public var contentViolation = false
    /// `x-venice-model-deprecation-warning`, when set.
    public var deprecationWarning: String?
    /// `x-venice-model-deprecation-date`, when set.
    public var deprecationDate: String?
    /// Sends `x-venice-deprecated: true` when set.
    public var deprecated = false
    /// `x-venice-deprecated-replacement`, when set.
    public var deprecatedReplacement: String?
    /// `x-venice-balance-usd`.
    public var balanceUSD: String? = "12.34"
    /// `x-venice-balance-diem`.
    public var balanceDIEM: String? = "5.5"
    /// `x-ratelimit-limit-requests`.
    public var rateLimitLimit: Int? = 20
    /// `x-ratelimit-remaining-requests`.
    public var rateLimitRemaining: Int? = 19
    /// `x-ratelimit-reset-requests` (Unix seconds); `nil` to leave the header out.
    public var rateLimitReset: Double? = 1_900_000_000
    /// The rate the server enforces on image requests (429 with `Retry-After` past it); `nil`
    /// for none.
    public var enforcedRate: EnforcedRate?
    /// Text prepended to the prompt to make the `x-venice-enhanced-prompt` answer when `enhance_prompt` is true.
    public var enhancedPromptPrefix = "Enhanced: "

    /// The default behaviour.
    public init() {}
}
