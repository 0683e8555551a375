/// The result of preparing one image: the bytes to send and what was done to get them.
public struct PreparedImage: Sendable, Equatable {
    /// The encoded file.
    public var bytes: [UInt8]
    /// The encoding of `bytes` (`.jpeg` or `.png`).
    public var format: ImageFormat
    /// The pixel size of `bytes`.
    public var size: ImageSize
    /// What was done; empty when the input bytes were passed through untouched.
    public var actions: [PrepareAction]
    /// The JPEG quality used, when a JPEG was encoded.
    public var quality: Int?
    /// Extra steps taken to get under the byte limit (e.g. "quality 92 → 75").
    public var notes: [String]
    /// Recoverable problems the decoder reported.
    public var warnings: [String]

    public init(bytes: [UInt8], format: ImageFormat, size: ImageSize, actions: [PrepareAction], quality: Int?,
                notes: [String], warnings: [String]) {
        self.bytes = bytes
        self.format = format
        self.size = size
        self.actions = actions
        self.quality = quality
        self.notes = notes
        self.warnings = warnings
    }

    /// Whether the input bytes were sent untouched.
    public var isPassthrough: Bool { actions.isEmpty }

    /// The MIME type of `bytes`.
    public var mimeType: String { format == .png ? "image/png" : "image/jpeg" }

    /// Whether `bytes` is too large to send inside a JSON body.
    public var requiresMultipart: Bool { bytes.count > Endpoint.maxJSONImageBytes }
}
