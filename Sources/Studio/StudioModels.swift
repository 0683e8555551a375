import VeniceClient

/// The models that serve an endpoint, as the page's picker lists them.
struct StudioModels: Sendable, Encodable {
    /// One model's limits, tiers and prices.
    struct Model: Sendable, Encodable {
        var id: String
        var name: String?
        var resolutions: [String]
        var defaultResolution: String
        var qualities: [String]
        var defaultQuality: String?
        var aspectRatios: [String]
        var maxInputImages: Int
        var promptCharacterLimit: Int?
        /// The price of a one-image request at each tier (USD), where listed.
        var prices: [String: Double]

        init(_ model: ModelInfo) {
            id = model.id
            name = model.name
            resolutions = model.resolutions
            defaultResolution = model.effectiveDefaultResolution
            qualities = model.qualities
            defaultQuality = model.defaultQuality
            aspectRatios = model.aspectRatios
            maxInputImages = model.effectiveMaxInputImages
            promptCharacterLimit = model.promptCharacterLimit
            var prices: [String: Double] = [:]
            for tier in model.resolutions.isEmpty ? [model.effectiveDefaultResolution] : model.resolutions {
                if let usd = model.price(resolution: tier) { prices[tier] = usd }
            }
            if prices.isEmpty, let usd = model.upscalePrice(scale: 2) { prices["2x"] = usd }
            self.prices = prices
        }

        enum CodingKeys: String, CodingKey {
            case id, name, resolutions, qualities, prices
            case defaultResolution = "default_resolution"
            case defaultQuality = "default_quality"
            case aspectRatios = "aspect_ratios"
            case maxInputImages = "max_input_images"
            case promptCharacterLimit = "prompt_character_limit"
        }
    }

    var models: [Model]
    var defaultModel: String?
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case models, warnings
        case defaultModel = "default_model"
    }
}
