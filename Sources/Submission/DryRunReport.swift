import Foundation
import VeniceClient

/// What a prepared request would send, without image data or the key: the dry run that the
/// submit commands print and the studio page shows.
public struct DryRunReport: Sendable, Equatable {
    /// The report as JSON-ready values (`endpoint`, `transport`, `body_bytes`, `images`, `fields`…).
    public var values: [String: DryRunValue]
    /// The same report as lines of text, the first one naming the endpoint and transport.
    public var lines: [String]

    /// The report for `prepared`, made under `options`.
    ///
    /// - Throws: `VeniceError` when the body cannot be encoded to measure it.
    public init(_ prepared: PreparedSubmission, options: SubmissionOptions) throws(VeniceError) {
        let wire = try prepared.request.wireSize()
        let endpoint = prepared.request.endpoint.path
        let fields = Self.fields(options, prepared: prepared)
        var values: [String: DryRunValue] = [
            "endpoint": .string(endpoint),
            "transport": .string(wire.transport.rawValue),
            "body_bytes": .int(wire.bytes),
            "requests": .int(1),
            "image_bytes": .int(prepared.bytesSent),
            "input_bytes": .int(prepared.inputBytes),
            "bytes_saved": .int(prepared.bytesSaved),
            "images": .objects(prepared.images.map(Self.imageFields)),
            "sizing": .object(Self.sizingFields(prepared.sizing)),
            "fields": .object(fields),
        ]
        if let model = prepared.model { values["model"] = .string(model) }
        if let cost = prepared.costUSD { values["estimated_cost_usd"] = .double(cost) }
        if let basis = prepared.costBasis { values["cost_basis"] = .string(basis) }

        var lines = ["dry run: POST \(endpoint) as \(wire.transport.rawValue) (\(wire.bytes) bytes), nothing sent"]
        if let model = prepared.model { lines.append("  model: \(model)") }
        lines.append("  sizing: \(prepared.sizing.reason)")
        for image in prepared.images { lines.append("  image: \(image.summary)") }
        lines.append("  sent: \(prepared.bytesSent) bytes of images; \(prepared.bytesSaved) fewer than the \(prepared.inputBytes) bytes of the files read")
        for key in fields.keys.sorted() { lines.append("  \(key): \(fields[key]?.description ?? "")") }
        lines.append("  cost: " + Self.costText(prepared))
        self.values = values
        self.lines = lines
    }

    /// `$0.34 (gpt-image-2-edit at 1K)`, or why there is no figure.
    public static func costText(_ prepared: PreparedSubmission) -> String {
        guard let cost = prepared.costUSD else {
            return "one billed request (no price listed; see `venice-edit models`)"
        }
        return dollars(cost) + (prepared.costBasis.map { " (\($0))" } ?? "")
    }

    /// `$0.48`; sub-cent amounts with four decimals (`$0.0400`) so they stay readable.
    public static func dollars(_ value: Double) -> String {
        let cents = (value * 100).rounded() / 100
        if cents == value || value >= 1 { return "$" + String(format: "%.2f", value) }
        return "$" + String(format: "%.4f", value)
    }

    /// The request fields as a dry run shows them (the prompt by its length only).
    static func fields(_ options: SubmissionOptions, prepared: PreparedSubmission) -> [String: DryRunValue] {
        var fields: [String: DryRunValue] = [:]
        if let prompt = options.prompt { fields["prompt_characters"] = .int(prompt.utf16.count) }
        if let model = options.model { fields[options.endpoint == .multiEdit ? "modelId" : "model"] = .string(model) }
        if let value = options.aspectRatio { fields["aspect_ratio"] = .string(value) }
        if let value = options.resolution { fields["resolution"] = .string(value) }
        if let value = options.outputFormat { fields["output_format"] = .string(value) }
        if let value = options.quality { fields["quality"] = .string(value) }
        if let value = options.safeMode { fields["safe_mode"] = .bool(value) }
        if let value = options.enhancePrompt { fields["enhance_prompt"] = .bool(value) }
        if let value = options.disablePromptOptimizationThinking { fields["disable_prompt_optimization_thinking"] = .bool(value) }
        if let value = options.scale { fields["scale"] = .int(value) }
        if let value = options.creativity { fields["creativity"] = .double(value) }
        if options.endpoint == .backgroundRemove, let base = prepared.images.first {
            fields[base.url == nil ? "image" : "image_url"] = .string(base.url ?? base.source)
        }
        return fields
    }

    /// The facts shown about one image (no image data).
    static func imageFields(_ image: SubmittedImage) -> [String: DryRunValue] {
        var fields: [String: DryRunValue] = ["source": .string(image.source), "role": .string(image.role.rawValue)]
        if let prepared = image.prepared {
            fields["width"] = .int(prepared.size.width)
            fields["height"] = .int(prepared.size.height)
            fields["bytes"] = .int(prepared.bytes.count)
            fields["input_bytes"] = .int(image.inputBytes)
            fields["bytes_saved"] = .int(image.bytesSaved)
            fields["content_type"] = .string(prepared.mimeType)
            fields["actions"] = .strings(prepared.actions.map(\.rawValue))
        }
        if let url = image.url { fields["url"] = .string(url) }
        return fields
    }

    /// The sizing rule applied.
    static func sizingFields(_ sizing: OutputSizing) -> [String: DryRunValue] {
        var fields: [String: DryRunValue] = ["reason": .string(sizing.reason)]
        if let side = sizing.maxLongestSide { fields["max_longest_side"] = .int(side) }
        return fields
    }
}
