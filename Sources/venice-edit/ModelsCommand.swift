import ArgumentParser
import VeniceClient

/// `venice-edit models`: the image-editing models, their limits and prices.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List Venice's image-editing models with their prompt limits, input images and prices."
    )

    @OptionGroup var client: ClientOptionGroup

    @Flag(help: "One JSON object per model instead of a table.")
    var json = false

    func run() async throws {
        let models: [ModelInfo]
        do {
            models = try await client.withClient { c in try await c.models(type: "inpaint") }
        } catch let error as VeniceError {
            StandardError.print("venice-edit: \(error.description)")
            throw ExitCode(1)
        }
        for model in models {
            if json {
                print(try JSONLine.encode(ModelSummary(model)))
            } else {
                print(ModelSummary(model).line)
            }
        }
    }
}

/// One model as `models` prints it.
struct ModelSummary: Encodable {
    var id: String
    var name: String?
    var promptCharacterLimit: Int?
    var maxInputImages: Int
    var priceUSD: Double?
    var aspectRatios: [String]
    var resolutions: [String]
    var deprecationDate: String?
    var replacement: String?

    enum CodingKeys: String, CodingKey {
        case id, name, resolutions, replacement
        case promptCharacterLimit = "prompt_character_limit", maxInputImages = "max_input_images"
        case priceUSD = "price_usd", aspectRatios = "aspect_ratios", deprecationDate = "deprecation_date"
    }

    init(_ model: ModelInfo) {
        id = model.id
        name = model.name
        promptCharacterLimit = model.promptCharacterLimit
        maxInputImages = model.effectiveMaxInputImages
        priceUSD = model.editPrice?.usd
        aspectRatios = model.aspectRatios
        resolutions = model.resolutions
        deprecationDate = model.deprecationDate
        replacement = model.replacementModelId
    }

    var line: String {
        var parts = [id]
        if let name, name != id { parts.append("(\(name))") }
        if let promptCharacterLimit { parts.append("prompt ≤ \(promptCharacterLimit) chars") }
        parts.append("≤ \(maxInputImages) images")
        if let priceUSD { parts.append("$\(priceUSD) per edit") }
        if let deprecationDate { parts.append("deprecated \(deprecationDate)" + (replacement.map { " → \($0)" } ?? "")) }
        return parts.joined(separator: "  ")
    }
}
