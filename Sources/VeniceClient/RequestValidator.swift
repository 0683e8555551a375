/// The local checks shared by the request types, with the limits from Venice's OpenAPI description.
enum RequestValidator {
    /// The prompt length limit of the request schemas (the model's own limit may be lower).
    static let maxPromptLength = 32_768
    /// The accepted `aspect_ratio` values.
    static let aspectRatios = ["auto", "1:1", "3:2", "16:9", "21:9", "9:16", "2:3", "3:4", "4:5"]
    /// The accepted `output_format` values (`jpg` is accepted and sent as `jpeg`).
    static let outputFormats = ["jpeg", "png", "webp"]
    /// The accepted multi-edit `quality` values.
    static let qualities = ["low", "medium", "high"]

    /// Checks the prompt length (1…32,768), counted in UTF-16 code units as the server (JavaScript) counts.
    static func validatePrompt(_ prompt: String) throws(VeniceError) {
        let count = prompt.utf16.count
        guard count >= 1 else { throw .invalidRequest(reason: "the prompt is empty") }
        guard count <= maxPromptLength else {
            throw .invalidRequest(reason: "the prompt is \(count) characters, over the limit of \(maxPromptLength)")
        }
        guard !prompt.allSatisfy(\.isWhitespace) else {
            throw .invalidRequest(reason: "the prompt is only whitespace")
        }
    }

    /// Checks a model id: not empty, no whitespace.
    static func validateModel(_ model: String?, field: String) throws(VeniceError) {
        guard let model else { return }
        guard !model.isEmpty, !model.contains(where: \.isWhitespace) else {
            throw .invalidRequest(reason: "\(field) must be a model id without spaces (got \"\(model)\")")
        }
    }

    /// Checks `aspect_ratio` against the documented values.
    static func validateAspectRatio(_ value: String?) throws(VeniceError) {
        guard let value else { return }
        guard aspectRatios.contains(value) else {
            throw .invalidRequest(
                reason: "aspect_ratio \"\(value)\" is not one of \(aspectRatios.joined(separator: ", "))"
            )
        }
    }

    /// Checks `output_format` and returns the value to send (`jpg` becomes `jpeg`).
    static func normalizedOutputFormat(_ value: String?) throws(VeniceError) -> String? {
        guard let value else { return nil }
        let lower = value.lowercased()
        let normalized = lower == "jpg" ? "jpeg" : lower
        guard outputFormats.contains(normalized) else {
            throw .invalidRequest(reason: "output_format \"\(value)\" is not one of jpeg (jpg), png, webp")
        }
        return normalized
    }

    /// Checks `resolution`: 1 to 10 characters, e.g. `1K`, `2K`, `4K`.
    static func validateResolution(_ value: String?) throws(VeniceError) {
        guard let value else { return }
        guard (1...10).contains(value.count), !value.contains(where: \.isWhitespace) else {
            throw .invalidRequest(reason: "resolution \"\(value)\" must be 1 to 10 characters without spaces (e.g. 1K, 2K, 4K)")
        }
    }

    /// Checks `quality` against low, medium, high.
    static func validateQuality(_ value: String?) throws(VeniceError) {
        guard let value else { return }
        guard qualities.contains(value) else {
            throw .invalidRequest(reason: "quality \"\(value)\" is not one of low, medium, high")
        }
    }
}
