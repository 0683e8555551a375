/// A request rate the `ContractServer` enforces, as Venice does: past it, a 429 with `Retry-After`.
public struct EnforcedRate: Sendable, Equatable {
    /// Requests admitted per window.
    public var requests: Int
    /// The sliding window, in seconds.
    public var windowSeconds: Double

    /// `requests` per `windowSeconds` (Venice's default for image endpoints is 20 per 60 s).
    public init(requests: Int, windowSeconds: Double) {
        self.requests = requests
        self.windowSeconds = windowSeconds
    }

    /// Venice's default limit for the image endpoints: 20 requests per minute.
    public static let veniceDefault = EnforcedRate(requests: 20, windowSeconds: 60)
}
