import BatchKit
import VeniceClient

/// One model as `models` prints it: limits, the endpoints it serves and its prices.
struct ModelSummary: Encodable {
    var id: String
    var name: String?
    var endpoints: [String]
    var promptCharacterLimit: Int?
    var maxInputImages: Int
    var singleImageAspectRatio: Bool?
    var priceUSD: Double?
    var resolutionPricesUSD: [String: Double]
    var includedInputImages: Int?
    var additionalInputImageUSD: Double?
    var upscalePricesUSD: [String: Double]
    var aspectRatios: [String]
    var resolutions: [String]
    var qualities: [String]
    var deprecationDate: String?
    var replacement: String?

    enum CodingKeys: String, CodingKey {
        case id, name, endpoints, resolutions, qualities, replacement
        case promptCharacterLimit = "prompt_character_limit", maxInputImages = "max_input_images"
        case singleImageAspectRatio = "single_image_aspect_ratio"
        case priceUSD = "price_usd", resolutionPricesUSD = "resolution_prices_usd"
        case includedInputImages = "included_input_images", additionalInputImageUSD = "additional_input_image_usd"
        case upscalePricesUSD = "upscale_prices_usd"
        case aspectRatios = "aspect_ratios", deprecationDate = "deprecation_date"
    }

    init(_ model: ModelInfo) {
        id = model.id
        name = model.name
        endpoints = model.endpoints.map(\.path).sorted()
        promptCharacterLimit = model.promptCharacterLimit
        maxInputImages = model.effectiveMaxInputImages
        singleImageAspectRatio = model.singleImageAspectRatio
        priceUSD = model.editPrice?.usd
        resolutionPricesUSD = model.resolutionPrices.compactMapValues(\.usd)
        includedInputImages = model.includedInputImages
        additionalInputImageUSD = model.additionalInputImagePrice?.usd
        upscalePricesUSD = model.upscalePrices.compactMapValues(\.usd)
        aspectRatios = model.aspectRatios
        resolutions = model.resolutions
        qualities = model.qualities
        deprecationDate = model.deprecationDate
        replacement = model.replacementModelId
    }

    var line: String {
        var parts = [id]
        if let name, name != id { parts.append("(\(name))") }
        if endpoints == ["/image/upscale"] {
            let prices = upscalePricesUSD.keys.sorted().compactMap { key in upscalePricesUSD[key].map { "\(key) \(CostEstimate.dollars($0))" } }
            if !prices.isEmpty { parts.append(prices.joined(separator: ", ")) }
            return parts.joined(separator: "  ")
        }
        if let promptCharacterLimit { parts.append("prompt ≤ \(promptCharacterLimit) chars") }
        parts.append(endpoints.contains("/image/multi-edit") ? "≤ \(maxInputImages) images" : "edit only")
        if !resolutionPricesUSD.isEmpty {
            parts.append(resolutionPricesUSD.keys.sorted().compactMap { tier in
                resolutionPricesUSD[tier].map { "\(tier) \(CostEstimate.dollars($0))" }
            }.joined(separator: ", "))
        } else if let priceUSD {
            parts.append("\(CostEstimate.dollars(priceUSD)) per edit")
        }
        if let additionalInputImageUSD {
            parts.append("+\(CostEstimate.dollars(additionalInputImageUSD)) per image beyond \(includedInputImages ?? 0)")
        }
        if let deprecationDate { parts.append("deprecated \(deprecationDate)" + (replacement.map { " → \($0)" } ?? "")) }
        return parts.joined(separator: "  ")
    }
}
