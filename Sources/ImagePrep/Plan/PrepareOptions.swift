/// The limits and choices that steer pre-flight and `prepare`.
public struct PrepareOptions: Sendable, Equatable {
    /// The endpoint the image is meant for; it sets the default pixel limits.
    public var endpoint: Endpoint
    /// The pixel maximum to fit within (defaults to the endpoint's).
    public var maxPixels: Int?
    /// The pixel minimum to reach (defaults to the endpoint's).
    public var minPixels: Int?
    /// The longest side to fit within, in pixels (no limit when `nil`); applied with `maxPixels`.
    public var maxLongestSide: Int?
    /// The exclusive byte limit of the output.
    public var maxBytes: Int
    /// The most pixels a header may declare before decoding is refused.
    public var decodeLimit: Int
    /// The largest input file read at all.
    public var maxInputBytes: Int
    /// The encoding of re-encoded output.
    public var format: OutputFormat
    /// JPEG quality of re-encoded output, 1–100.
    public var quality: Int
    /// Decode a JPEG whose data ends early (missing rows come out grey) instead of failing.
    public var allowTruncated: Bool

    /// The default decode limit: 268,435,456 pixels (16384 × 16384).
    public static let defaultDecodeLimit = 268_435_456
    /// The default largest input: 1 GiB.
    public static let defaultMaxInputBytes = 1 << 30

    public init(endpoint: Endpoint = .edit, maxPixels: Int? = nil, minPixels: Int? = nil,
                maxBytes: Int = Endpoint.maxFileBytes, decodeLimit: Int = PrepareOptions.defaultDecodeLimit,
                maxInputBytes: Int = PrepareOptions.defaultMaxInputBytes,
                format: OutputFormat = .auto, quality: Int = 92, allowTruncated: Bool = false,
                maxLongestSide: Int? = nil) {
        self.endpoint = endpoint
        self.maxLongestSide = maxLongestSide
        self.maxPixels = maxPixels
        self.minPixels = minPixels
        self.maxBytes = maxBytes
        self.decodeLimit = decodeLimit
        self.maxInputBytes = maxInputBytes
        self.format = format
        self.quality = quality
        self.allowTruncated = allowTruncated
    }

    /// The pixel maximum in force: the explicit one, else the endpoint's.
    public var effectiveMaxPixels: Int? { maxPixels ?? endpoint.maxPixels }
    /// The pixel minimum in force: the explicit one, else the endpoint's.
    public var effectiveMinPixels: Int? { minPixels ?? endpoint.minPixels }

    /// Checks that the options make sense together.
    public func validate() throws(ImagePrepError) {
        guard (1...100).contains(quality) else {
            throw .invalidSetting(.quality, value: quality, rule: "must be between 1 and 100")
        }
        if let maxPixels = effectiveMaxPixels, maxPixels < 1 {
            throw .invalidSetting(.maxPixels, value: maxPixels, rule: "must be positive")
        }
        if let minPixels = effectiveMinPixels, let maxPixels = effectiveMaxPixels, minPixels > maxPixels {
            throw .invalidSetting(.minPixels, value: minPixels, rule: "must not be above the pixel maximum (\(maxPixels))")
        }
        guard maxBytes > 0 else { throw .invalidSetting(.maxBytes, value: maxBytes, rule: "must be positive") }
        guard decodeLimit > 0 else { throw .invalidSetting(.decodeLimit, value: decodeLimit, rule: "must be positive") }
        guard maxInputBytes > 0 else {
            throw .invalidSetting(.maxInputBytes, value: maxInputBytes, rule: "must be positive")
        }
        if let maxLongestSide, maxLongestSide < 1 {
            throw .invalidSetting(.maxLongestSide, value: maxLongestSide, rule: "must be positive")
        }
    }
}
