/// The images of one request: a base (a file or an http(s) URL), layer files lined up with it,
/// and an optional mask made on the fly.
public struct SubmissionInputs: Sendable, Equatable {
    /// The base image: a path, or an http(s) URL sent as a URL.
    public var base: String
    /// Layer or mask files sent after the base (multi-edit), resized to the prepared base.
    public var layers: [String]
    /// A mask built from sources and sent last (multi-edit).
    public var mask: MaskSource?

    /// Creates the inputs.
    public init(base: String, layers: [String] = [], mask: MaskSource? = nil) {
        self.base = base
        self.layers = layers
        self.mask = mask
    }

    /// The number of images the request carries.
    public var imageCount: Int { 1 + layers.count + (mask == nil ? 0 : 1) }

    /// Whether an argument names an http(s) URL rather than a file.
    public static func isURL(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
