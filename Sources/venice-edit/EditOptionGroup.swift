import ArgumentParser
import VeniceClient

/// The request fields shared by `edit` and `multi-edit`.
struct EditOptionGroup: ParsableArguments {
    @Option(name: .shortAndLong, help: "What to change, in words (1-32768 characters).")
    var prompt: String

    @Option(help: "The model to use (default: the service's). See `venice-edit models`.")
    var model: String?

    @Option(help: "Output aspect ratio: auto, 1:1, 3:2, 16:9, 21:9, 9:16, 2:3, 3:4 or 4:5.")
    var aspectRatio: String?

    @Option(help: "Output resolution tier, e.g. 1K, 2K, 4K (models differ).")
    var resolution: String?

    @Option(help: "Output encoding: jpeg, png or webp.")
    var outputFormat: String?

    @Flag(help: "Turn off safe mode (on by default at the service: adult content is blurred).")
    var noSafeMode = false

    @Flag(help: "Let the service rewrite the prompt first (charged extra; adds up to ~30 s).")
    var enhancePrompt = false

    @Flag(help: "Send the images as multipart/form-data instead of base64 JSON.")
    var multipart = false

    /// `safe_mode` as sent: only when turned off, so the service's default applies otherwise.
    var safeMode: Bool? { noSafeMode ? false : nil }

    var transport: Transport { multipart ? .multipart : .automatic }

    /// The request fields as a dry run shows them (the prompt by its length only).
    func dryRunFields(modelField: String) -> [String: DryRunValue] {
        var fields: [String: DryRunValue] = ["prompt_characters": .int(prompt.count)]
        if let model { fields[modelField] = .string(model) }
        if let aspectRatio { fields["aspect_ratio"] = .string(aspectRatio) }
        if let resolution { fields["resolution"] = .string(resolution) }
        if let outputFormat { fields["output_format"] = .string(outputFormat) }
        if let safeMode { fields["safe_mode"] = .bool(safeMode) }
        if enhancePrompt { fields["enhance_prompt"] = .bool(true) }
        return fields
    }
}
