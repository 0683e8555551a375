import ImagePrep
import Submission
import VeniceClient

/// What the page asks to dry-run or send: the images by id (base first), the endpoint and its
/// fields, and the painted mask with its options.
struct StudioRequest: Decodable, Sendable {
    /// The mask painted on the page: the sketch uploaded to `/api/mask` and how to make the mask.
    struct MaskChoice: Decodable, Sendable {
        var sketch: Int
        var options: StudioMaskOptions?
    }

    var images: [Int]
    var endpoint: String
    var prompt: String?
    var model: String?
    var resolution: String?
    var quality: String?
    var aspectRatio: String?
    var outputFormat: String?
    var scale: Int?
    var mask: MaskChoice?

    enum CodingKeys: String, CodingKey {
        case images, endpoint, prompt, model, resolution, quality, mask, scale
        case aspectRatio = "aspect_ratio"
        case outputFormat = "output_format"
    }

    /// The endpoint named by `endpoint`.
    func apiEndpoint() throws(StudioError) -> APIEndpoint {
        try Self.endpoint(named: endpoint)
    }

    /// `edit`, `multi-edit`, `background-remove` or `upscale`.
    static func endpoint(named name: String) throws(StudioError) -> APIEndpoint {
        switch name {
        case "edit": .edit
        case "multi-edit": .multiEdit
        case "background-remove": .backgroundRemove
        case "upscale": .upscale
        default: throw .badRequest("unknown endpoint '\(name)' (edit, multi-edit, background-remove or upscale)")
        }
    }

    /// The submission options, with empty strings taken as "not set", under the studio's
    /// quality and input limits.
    func options(_ configuration: StudioConfiguration) throws(StudioError) -> SubmissionOptions {
        func set(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        let endpoint = try apiEndpoint()
        return SubmissionOptions(
            endpoint: endpoint, prompt: prompt, model: set(model), aspectRatio: set(aspectRatio),
            resolution: set(resolution), outputFormat: set(outputFormat), quality: set(quality),
            scale: endpoint == .upscale ? (scale ?? 2) : nil, jpegQuality: configuration.jpegQuality,
            decodeLimit: configuration.limits.decodeLimit, maxInputBytes: configuration.limits.maxInputBytes)
    }
}
