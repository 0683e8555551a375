/// The encoding `prepare` writes.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    /// Lose nothing the source had: a PNG stays PNG while it fits the byte limit, then becomes
    /// JPEG; other sources become JPEG, or PNG when they can be transparent (see `PreparePlan`).
    case auto
    case jpeg
    case png

    /// The file extension conventionally used for this format (`auto` has none).
    public var fileExtension: String? {
        switch self {
        case .auto: nil
        case .jpeg: "jpg"
        case .png: "png"
        }
    }

    /// The MIME type of an encoded file (`auto` has none).
    public var mimeType: String? {
        switch self {
        case .auto: nil
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }
}
