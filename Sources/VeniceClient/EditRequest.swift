import Foundation

/// A request to `POST /image/edit`: one image and a prompt.
///
/// Optional fields are sent only when set. `validate()` checks the documented limits locally, so a
/// malformed request fails before anything is sent (and before it counts toward the key's lockout).
public struct EditRequest: Sendable, Equatable, Encodable {
    /// The image to edit: bytes (sent as base64 or a file part) or an http(s) URL.
    public var image: ImageInput
    /// The edit instructions, 1 to 32,768 characters (the model's `promptCharacterLimit` may be lower).
    public var prompt: String
    /// The model id (`model`); the server default (`firered-image-edit`) when `nil`.
    public var model: String?
    /// `aspect_ratio`: auto, 1:1, 3:2, 16:9, 21:9, 9:16, 2:3, 3:4 or 4:5.
    public var aspectRatio: String?
    /// `resolution` tier, e.g. `1K`, `2K`, `4K` (1 to 10 characters).
    public var resolution: String?
    /// `output_format`: jpeg (or jpg), png or webp.
    public var outputFormat: String?
    /// `safe_mode`: blur adult content (the server default is `true`).
    public var safeMode: Bool?
    /// `enhance_prompt`: let Venice rewrite the prompt first (extra cost, returned in `ImageResponse.enhancedPrompt`).
    public var enhancePrompt: Bool?
    /// `disable_prompt_optimization_thinking`: skip the model's prompt-optimisation step.
    public var disablePromptOptimizationThinking: Bool?

    /// Creates an edit request; only `image` and `prompt` are required.
    public init(
        image: ImageInput,
        prompt: String,
        model: String? = nil,
        aspectRatio: String? = nil,
        resolution: String? = nil,
        outputFormat: String? = nil,
        safeMode: Bool? = nil,
        enhancePrompt: Bool? = nil,
        disablePromptOptimizationThinking: Bool? = nil
    ) {
        self.image = image
        self.prompt = prompt
        self.model = model
        self.aspectRatio = aspectRatio
        self.resolution = resolution
        self.outputFormat = outputFormat
        self.safeMode = safeMode
        self.enhancePrompt = enhancePrompt
        self.disablePromptOptimizationThinking = disablePromptOptimizationThinking
    }

    /// Checks the request against the documented limits without sending it.
    public func validate() throws(VeniceError) {
        try image.validate(name: "image")
        try RequestValidator.validatePrompt(prompt)
        try RequestValidator.validateModel(model, field: "model")
        try RequestValidator.validateAspectRatio(aspectRatio)
        try RequestValidator.validateResolution(resolution)
        _ = try RequestValidator.normalizedOutputFormat(outputFormat)
    }

    private enum CodingKeys: String, CodingKey {
        case image, prompt, model, resolution
        case aspectRatio = "aspect_ratio"
        case outputFormat = "output_format"
        case safeMode = "safe_mode"
        case enhancePrompt = "enhance_prompt"
        case disablePromptOptimizationThinking = "disable_prompt_optimization_thinking"
    }

    /// Encodes the JSON body; `nil` options are left out and `jpg` is sent as `jpeg`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(image.jsonString, forKey: .image)
        try container.encode(prompt, forKey: .prompt)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encodeIfPresent(aspectRatio, forKey: .aspectRatio)
        try container.encodeIfPresent(resolution, forKey: .resolution)
        try container.encodeIfPresent(try RequestValidator.normalizedOutputFormat(outputFormat), forKey: .outputFormat)
        try container.encodeIfPresent(safeMode, forKey: .safeMode)
        try container.encodeIfPresent(enhancePrompt, forKey: .enhancePrompt)
        try container.encodeIfPresent(disablePromptOptimizationThinking, forKey: .disablePromptOptimizationThinking)
    }

    /// The multipart form: the same fields as the JSON body, the image as the file part `image`
    /// (a URL input goes in a text field `image`).
    func multipartBody() throws(VeniceError) -> EncodedBody {
        var form = MultipartFormBuilder()
        switch image {
        case .bytes(let bytes, let contentType):
            form.addFile("image", fileName: image.fileName(base: "image"), contentType: contentType, bytes: bytes)
        case .url(let url):
            form.addField("image", url)
        }
        form.addField("prompt", prompt)
        form.addField("model", model)
        form.addField("aspect_ratio", aspectRatio)
        form.addField("resolution", resolution)
        form.addField("output_format", try RequestValidator.normalizedOutputFormat(outputFormat))
        form.addField("safe_mode", safeMode)
        form.addField("enhance_prompt", enhancePrompt)
        form.addField("disable_prompt_optimization_thinking", disablePromptOptimizationThinking)
        return try form.build()
    }

    /// The body for `transport`, after validation; `.automatic` switches to multipart above `jsonLimit` bytes.
    func encodedBody(transport: Transport, jsonLimit: Int = Transport.jsonBodyLimit) throws(VeniceError) -> EncodedBody {
        try validate()
        return try BodyEncoder.choose(transport: transport, jsonLimit: jsonLimit, canUseMultipart: true,
                                      json: { () throws(VeniceError) in try BodyEncoder.json(self) },
                                      multipart: { () throws(VeniceError) in try multipartBody() })
    }
}
