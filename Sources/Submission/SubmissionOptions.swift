import ImagePrep
import VeniceClient

/// Everything about one request except its images: the endpoint, the API fields, and how images
/// are prepared and sent.
public struct SubmissionOptions: Sendable, Equatable {
    /// The endpoint.
    public var endpoint: APIEndpoint
    /// The edit instructions (edit and multi-edit).
    public var prompt: String?
    /// The model id (`nil`: the service's default).
    public var model: String?
    /// `aspect_ratio`.
    public var aspectRatio: String?
    /// `resolution`: the output tier (`1K`, `2K`, `4K`).
    public var resolution: String?
    /// `output_format`.
    public var outputFormat: String?
    /// `quality` (multi-edit, models that list qualities).
    public var quality: String?
    /// `safe_mode`, sent when set.
    public var safeMode: Bool?
    /// `enhance_prompt`, sent when set.
    public var enhancePrompt: Bool?
    /// `disable_prompt_optimization_thinking`, sent when set.
    public var disablePromptOptimizationThinking: Bool?
    /// `scale` for upscale: 2 or 4.
    public var scale: Int?
    /// `creativity` for upscale: 0 to 0.02.
    public var creativity: Double?
    /// JPEG quality of re-encoded images, 1–100.
    public var jpegQuality: Int
    /// Send up to the API's pixel limit whatever the output tier.
    public var fullSize: Bool
    /// Resize layers and mask sources of another aspect ratio instead of refusing them.
    public var stretch: Bool
    /// How the body is encoded.
    public var transport: TransportChoice
    /// Images whose header declares more pixels than this are refused before decoding.
    public var decodeLimit: Int
    /// Files larger than this many bytes are refused before reading.
    public var maxInputBytes: Int

    /// Creates options; only the endpoint is required.
    public init(endpoint: APIEndpoint, prompt: String? = nil, model: String? = nil, aspectRatio: String? = nil,
                resolution: String? = nil, outputFormat: String? = nil, quality: String? = nil, safeMode: Bool? = nil,
                enhancePrompt: Bool? = nil, disablePromptOptimizationThinking: Bool? = nil, scale: Int? = nil,
                creativity: Double? = nil, jpegQuality: Int = 92, fullSize: Bool = false, stretch: Bool = false,
                transport: TransportChoice = .bySize, decodeLimit: Int = PrepareOptions.defaultDecodeLimit,
                maxInputBytes: Int = PrepareOptions.defaultMaxInputBytes) {
        self.endpoint = endpoint
        self.prompt = prompt
        self.model = model
        self.aspectRatio = aspectRatio
        self.resolution = resolution
        self.outputFormat = outputFormat
        self.quality = quality
        self.safeMode = safeMode
        self.enhancePrompt = enhancePrompt
        self.disablePromptOptimizationThinking = disablePromptOptimizationThinking
        self.scale = scale
        self.creativity = creativity
        self.jpegQuality = jpegQuality
        self.fullSize = fullSize
        self.stretch = stretch
        self.transport = transport
        self.decodeLimit = decodeLimit
        self.maxInputBytes = maxInputBytes
    }

    /// The `GET /models?type=` whose catalogue this request is checked against (`nil`: none).
    public var modelType: String? { endpoint.modelType }
}
