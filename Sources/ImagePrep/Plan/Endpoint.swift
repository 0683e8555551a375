/// A Venice endpoint that takes images, with the input limits it enforces.
public enum Endpoint: String, Sendable, CaseIterable, Codable {
    case edit
    case multiEdit = "multi-edit"
    case backgroundRemove = "background-remove"
    case upscale

    /// The most pixels an upscaled result may have: each side times the scale.
    public static let maxUpscaledPixels = 16_777_216

    /// The most input pixels for which `scale` (2 or 4) keeps the result within `maxUpscaledPixels`.
    public static func maxUpscaleInputPixels(scale: Int) -> Int {
        maxUpscaledPixels / max(1, scale * scale)
    }

    /// The fewest pixels an input may have, when the endpoint sets a minimum.
    public var minPixels: Int? {
        switch self {
        case .edit, .multiEdit, .upscale: 65_536
        case .backgroundRemove: nil
        }
    }

    /// The most pixels an input may have, when the endpoint sets a maximum.
    public var maxPixels: Int? {
        switch self {
        case .edit, .multiEdit: 33_177_600
        case .upscale: Endpoint.maxUpscaleInputPixels(scale: 2)
        case .backgroundRemove: nil
        }
    }

    /// Every endpoint refuses files of 25 MB or more; this is the largest size sent (exclusive
    /// limit, counted in decimal megabytes so that either reading of "MB" is satisfied).
    public static let maxFileBytes = 25_000_000

    /// A JSON body above about 35 MB is refused. Base64 inflates by 4/3, so this is the largest
    /// raw image sent inside JSON (32 MB encoded, leaving room for the other fields and for
    /// "MB" meaning either 10⁶ or 2²⁰ bytes); anything larger needs multipart.
    public static let maxJSONImageBytes = 24_000_000
}
