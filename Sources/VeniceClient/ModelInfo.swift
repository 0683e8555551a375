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
    /// Prices by tier and quality (`pricing.quality.{1K,2K,4K}.{low,medium,high}`).
    public var qualityPrices: [String: [String: ModelPrice]]
    /// Upscaler prices by factor (`pricing.upscale.2x`, `4x`), keyed `2x`, `4x`.
    public var upscalePrices: [String: ModelPrice]
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
        self.qualityPrices = [:]
        self.upscalePrices = [:]
    }

    /// `maxInputImages`, or the documented default: 3, or 1 when `combineImages` is false.
    public var effectiveMaxInputImages: Int {
        if let maxInputImages, maxInputImages > 0 { return maxInputImages }
        return combineImages == false ? 1 : 3
    }

    /// The endpoints this model serves: an `inpaint` model edits, and multi-edits when the
    /// contract's multi-edit `modelId` enum lists it; an `upscale` model upscales.
    public var endpoints: Set<APIEndpoint> {
        switch type {
        case "upscale":
            return [.upscale]
        case "inpaint", nil:
            return APIEndpoint.multiEditModelIDs.contains(id) ? [.edit, .multiEdit] : [.edit]
        default:
            return []
        }
    }

    /// The output tier a request gets when it names none: `defaultResolution`, else `1K`.
    public var effectiveDefaultResolution: String { defaultResolution ?? "1K" }

    /// The US-dollar price of one request.
    ///
    /// The base is the tier and quality price (`pricing.quality[tier][quality]`) when listed, else
    /// the tier price (`pricing.resolutions[tier]`), else the per-edit price (`pricing.inpaint`);
    /// each input image beyond `pricing.inputImages.included` adds `pricing.inputImages.additional`.
    /// `nil` when no price is listed.
    ///
    /// - Parameters:
    ///   - resolution: The tier asked for (`nil`: the model's default, `1K` when it lists none).
    ///   - quality: The quality asked for (`nil`: the model's default).
    ///   - inputImages: The images the request carries.
    public func price(resolution: String?, quality: String? = nil, inputImages: Int = 1) -> Double? {
        let tier = resolution ?? effectiveDefaultResolution
        let level = quality ?? defaultQuality
        let base = level.flatMap { qualityPrices[tier]?[$0]?.usd } ?? resolutionPrices[tier]?.usd ?? editPrice?.usd
        guard var total = base else { return nil }
        if let included = includedInputImages, inputImages > included, let extra = additionalInputImagePrice?.usd {
            total += Double(inputImages - included) * extra
        }
        return total
    }

    /// The US-dollar price of an upscale by `scale` (`pricing.upscale["\(scale)x"]`).
    public func upscalePrice(scale: Int) -> Double? {
        upscalePrices["\(scale)x"]?.usd
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
        if case .object(let tiers)? = pricing?["quality"] {
            for (tier, value) in tiers {
                guard case .object(let levels) = value else { continue }
                for (level, price) in levels {
                    if let price = ModelPrice(price) { qualityPrices[tier, default: [:]][level] = price }
                }
            }
        }
        if case .object(let factors)? = pricing?["upscale"] {
            for (factor, value) in factors {
                if let price = ModelPrice(value) { upscalePrices[factor] = price }
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
