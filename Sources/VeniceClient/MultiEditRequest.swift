import Foundation

/// A request to `POST /image/multi-edit`: a base image plus up to two layers/masks, and a prompt.
///
/// The first image is the base; the others are edit layers or masks the prompt refers to. The model
/// field is sent as `modelId` (this endpoint answers `model` with a 400).
public struct MultiEditRequest: Sendable, Equatable, Encodable {
    /// The default local limit on the number of images (most models accept 3).
    public static let defaultMaxImages = 3

    /// The images, base first: bytes or http(s) URLs (URLs only with the JSON transport).
    public var images: [ImageInput]
    /// The edit instructions, 1 to 32,768 characters.
    public var prompt: String
    /// The model id, sent as `modelId`; the server default when `nil`.
    public var modelId: String?
    /// `aspect_ratio`: auto, 1:1, 3:2, 16:9, 21:9, 9:16, 2:3, 3:4 or 4:5.
    public var aspectRatio: String?
    /// `resolution` tier, e.g. `1K`, `2K`, `4K` (1 to 10 characters).
    public var resolution: String?
    /// `output_format`: jpeg (or jpg), png or webp.
    public var outputFormat: String?
    /// `quality`: low, medium or high (models that support it, e.g. GPT Image 2 Edit).
    public var quality: String?
    /// `safe_mode`: blur adult content (the server default is `true`).
    public var safeMode: Bool?
    /// `enhance_prompt`: let Venice rewrite the prompt first.
    public var enhancePrompt: Bool?
    /// `disable_prompt_optimization_thinking`: skip the model's prompt-optimisation step.
    public var disablePromptOptimizationThinking: Bool?
    /// The local limit on `images.count`; raise it for models whose `maxInputImages` is larger. Not sent.
    public var maxImages: Int

    /// Creates a multi-edit request; only `images` (base first) and `prompt` are required.
    public init(
        images: [ImageInput],
        prompt: String,
        modelId: String? = nil,
        aspectRatio: String? = nil,
        resolution: String? = nil,
        outputFormat: String? = nil,
        quality: String? = nil,
        safeMode: Bool? = nil,
        enhancePrompt: Bool? = nil,
        disablePromptOptimizationThinking: Bool? = nil,
        maxImages: Int = MultiEditRequest.defaultMaxImages
    ) {
        self.images = images
        self.prompt = prompt
        self.modelId = modelId
        self.aspectRatio = aspectRatio
        self.resolution = resolution
        self.outputFormat = outputFormat
        self.quality = quality
        self.safeMode = safeMode
        self.enhancePrompt = enhancePrompt
        self.disablePromptOptimizationThinking = disablePromptOptimizationThinking
        self.maxImages = maxImages
    }

    /// Checks the request against the documented limits without sending it.
    public func validate() throws(VeniceError) {
        guard !images.isEmpty else {
            throw .invalidRequest(reason: "multi-edit needs at least one image (the base image)")
        }
        guard images.count <= maxImages else {
            throw .invalidRequest(
                reason: "multi-edit takes at most \(maxImages) images (base plus \(maxImages - 1) layers); got \(images.count)"
            )
        }
        for (index, image) in images.enumerated() {
            try image.validate(name: "images[\(index)]")
        }
        try RequestValidator.validatePrompt(prompt)
        try RequestValidator.validateModel(modelId, field: "modelId")
        try RequestValidator.validateAspectRatio(aspectRatio)
        try RequestValidator.validateResolution(resolution)
        _ = try RequestValidator.normalizedOutputFormat(outputFormat)
        try RequestValidator.validateQuality(quality)
    }

    private enum CodingKeys: String, CodingKey {
        case images, prompt, modelId, resolution, quality
        case aspectRatio = "aspect_ratio"
        case outputFormat = "output_format"
        case safeMode = "safe_mode"
        case enhancePrompt = "enhance_prompt"
        case disablePromptOptimizationThinking = "disable_prompt_optimization_thinking"
    }

    /// Encodes the JSON body; `nil` options are left out and `jpg` is sent as `jpeg`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(images.map(\.jsonString), forKey: .images)
        try container.encode(prompt, forKey: .prompt)
        try container.encodeIfPresent(modelId, forKey: .modelId)
        try container.encodeIfPresent(aspectRatio, forKey: .aspectRatio)
        try container.encodeIfPresent(resolution, forKey: .resolution)
        try container.encodeIfPresent(try RequestValidator.normalizedOutputFormat(outputFormat), forKey: .outputFormat)
        try container.encodeIfPresent(quality, forKey: .quality)
        try container.encodeIfPresent(safeMode, forKey: .safeMode)
        try container.encodeIfPresent(enhancePrompt, forKey: .enhancePrompt)
        try container.encodeIfPresent(disablePromptOptimizationThinking, forKey: .disablePromptOptimizationThinking)
    }

    /// The multipart form: repeated file parts named `images` (base first) and the text fields.
    func multipartBody() throws(VeniceError) -> EncodedBody {
        var form = MultipartFormBuilder()
        for (index, image) in images.enumerated() {
            guard case .bytes(let bytes, let contentType) = image else {
                throw .invalidRequest(
                    reason: "images[\(index)] is a URL, but multi-edit over multipart/form-data accepts file uploads only: "
                        + "send the request as JSON or download the image first"
                )
            }
            form.addFile("images", fileName: image.fileName(base: "image\(index)"), contentType: contentType, bytes: bytes)
        }
        form.addField("prompt", prompt)
        form.addField("modelId", modelId)
        form.addField("aspect_ratio", aspectRatio)
        form.addField("resolution", resolution)
        form.addField("output_format", try RequestValidator.normalizedOutputFormat(outputFormat))
        form.addField("quality", quality)
        form.addField("safe_mode", safeMode)
        form.addField("enhance_prompt", enhancePrompt)
        form.addField("disable_prompt_optimization_thinking", disablePromptOptimizationThinking)
        return try form.build()
    }

    /// The body for `transport`, after validation; `.automatic` switches to multipart above `jsonLimit` bytes.
    func encodedBody(transport: Transport, jsonLimit: Int = Transport.jsonBodyLimit) throws(VeniceError) -> EncodedBody {
        try validate()
        let allBytes = !images.contains(where: \.isURL)
        return try BodyEncoder.choose(transport: transport, jsonLimit: jsonLimit, canUseMultipart: allBytes,
                                      json: { () throws(VeniceError) in try BodyEncoder.json(self) },
                                      multipart: { () throws(VeniceError) in try multipartBody() })
    }
}
