/// One model from `GET /models`, with the limits that matter for image editing.
///
/// Decoding is lenient: only `id` is required; missing, unknown or oddly typed fields are ignored.
/// Limits are read from `model_spec.constraints` (where the OpenAPI description puts them) and,
/// failing that, from `model_spec.capabilities` or `model_spec` itself.
public struct ModelInfo: Sendable, Equatable, Identifiable {
    /// The model id to send as `model` / `modelId`.
    public var id: String
    /// The model type (`inpaint` for edit models).
    public var type: String?
    /// The human-readable name (`model_spec.name`).
    public var name: String?
    /// `model_spec.description`.
    public var summary: String?
    /// `model_spec.traits`, e.g. `default`.
    public var traits: [String]
    /// `model_spec.privacy`: `private` or `anonymized`.
    public var privacy: String?
    /// `model_spec.offline`.
    public var isOffline: Bool
    /// `model_spec.beta` or `betaModel`.
    public var isBeta: Bool
    /// `model_spec.uncensored`.
    public var isUncensored: Bool
    /// `created`: release date on the API as a Unix time.
    public var created: Double?
    /// The maximum prompt length (`promptCharacterLimit`).
    public var promptCharacterLimit: Int?
    /// The maximum number of input images for multi-edit (`maxInputImages`); see `effectiveMaxInputImages`.
    public var maxInputImages: Int?
    /// Whether the model combines several input images (`combineImages`).
    public var combineImages: Bool?
    /// Supported `aspect_ratio` values.
    public var aspectRatios: [String]
    /// The default aspect ratio, when listed.
    public var defaultAspectRatio: String?
    /// Supported `resolution` tiers.
    public var resolutions: [String]
    /// The default resolution, when listed.
    public var defaultResolution: String?
    /// Supported `quality` values.
    public var qualities: [String]
    /// The default quality, when listed.
    public var defaultQuality: String?
    /// Whether `aspect_ratio` applies to single-image edits (`singleImageAspectRatio`, default true).
    public var singleImageAspectRatio: Bool?
    /// Whether the model supports skipping prompt-optimisation thinking (`supportsOptimizePromptThinking`).
    public var supportsOptimizePromptThinking: Bool?
    /// The price per edit (`pricing.inpaint`).
    public var editPrice: ModelPrice?
    /// Prices per resolution tier (`pricing.resolutions`).
    public var resolutionPrices: [String: ModelPrice]
    /// Input images included in the base price (`pricing.inputImages.included`).
    public var includedInputImages: Int?
    /// The price of each further input image (`pricing.inputImages.additional`).
    public var additionalInputImagePrice: ModelPrice?
    /// `model_spec.deprecation.date` (legacy) or `removesAt`.
    public var deprecationDate: String?
    /// `model_spec.deprecation.replacementModelId`.
    public var replacementModelId: String?

    /// Creates a model description directly.
    public init(id: String) {
        self.id = id
        self.traits = []
        self.isOffline = false
        self.isBeta = false
        self.isUncensored = false
        self.aspectRatios = []
        self.resolutions = []
        self.qualities = []
        self.resolutionPrices = [:]
    }

    /// `maxInputImages`, or the documented default: 3, or 1 when `combineImages` is false.
    public var effectiveMaxInputImages: Int {
        if let maxInputImages, maxInputImages > 0 { return maxInputImages }
        return combineImages == false ? 1 : 3
    }

    /// Reads one entry of the `data` array; `nil` when it has no string `id`.
    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, !id.isEmpty else { return nil }
        self.init(id: id)
        let spec = json["model_spec"]
        let constraints = spec?["constraints"]
        let capabilities = spec?["capabilities"]
        /// The first of constraints / capabilities / model_spec that has `key`.
        func lookup(_ key: String) -> JSONValue? {
            constraints?[key] ?? capabilities?[key] ?? spec?[key]
        }
        type = json["type"]?.stringValue
        created = json["created"]?.doubleValue
        name = spec?["name"]?.stringValue
        summary = spec?["description"]?.stringValue
        traits = spec?["traits"]?.stringArray ?? []
        privacy = spec?["privacy"]?.stringValue
        isOffline = spec?["offline"]?.boolValue ?? false
        isBeta = (spec?["beta"]?.boolValue ?? false) || (spec?["betaModel"]?.boolValue ?? false)
        isUncensored = spec?["uncensored"]?.boolValue ?? false
        promptCharacterLimit = lookup("promptCharacterLimit")?.intValue
        maxInputImages = lookup("maxInputImages")?.intValue
        combineImages = lookup("combineImages")?.boolValue
        aspectRatios = (lookup("aspectRatios") ?? lookup("aspect_ratios"))?.stringArray ?? []
        defaultAspectRatio = lookup("defaultAspectRatio")?.stringValue
        resolutions = lookup("resolutions")?.stringArray ?? []
        defaultResolution = lookup("defaultResolution")?.stringValue
        qualities = lookup("qualities")?.stringArray ?? []
        defaultQuality = lookup("defaultQuality")?.stringValue
        singleImageAspectRatio = lookup("singleImageAspectRatio")?.boolValue
        supportsOptimizePromptThinking = lookup("supportsOptimizePromptThinking")?.boolValue
        let pricing = spec?["pricing"]
        editPrice = ModelPrice(pricing?["inpaint"])
        if case .object(let tiers)? = pricing?["resolutions"] {
            for (tier, value) in tiers {
                if let price = ModelPrice(value) { resolutionPrices[tier] = price }
            }
        }
        includedInputImages = pricing?["inputImages"]?["included"]?.intValue
        additionalInputImagePrice = ModelPrice(pricing?["inputImages"]?["additional"])
        let deprecation = spec?["deprecation"]
        deprecationDate = deprecation?["date"]?.stringValue ?? deprecation?["removesAt"]?.stringValue
        replacementModelId = deprecation?["replacementModelId"]?.stringValue
    }

    /// Reads a `GET /models` body (`{"data": [...]}`, or a bare array); entries without an id are skipped.
    static func list(from json: JSONValue) -> [ModelInfo]? {
        let items: [JSONValue]
        if case .array(let array)? = json["data"] {
            items = array
        } else if case .array(let array) = json {
            items = array
        } else {
            return nil
        }
        return items.compactMap(ModelInfo.init(json:))
    }
}
