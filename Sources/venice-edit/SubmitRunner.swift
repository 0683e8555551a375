import ArgumentParser
import BatchKit
import Foundation
import ImagePrep
import Submission
import VeniceClient

/// The steps every submit command shares: load the model catalogue, run the `Submission` step,
/// then show a dry run or send, save and report.
enum SubmitRunner {
    /// Prepares `inputs` under `options` and sends them (or shows the dry run).
    static func run(_ inputs: SubmissionInputs, options: SubmissionOptions, result: ResultOptionGroup,
                    client: ClientOptionGroup, catalogue: CatalogueOptionGroup) async throws {
        let configuration: VeniceConfiguration
        do throws(VeniceError) {
            configuration = try client.configuration()
        } catch {
            guard result.dryRun else {
                StandardError.print("venice-edit: \(error.description)")
                throw ExitCode(1)
            }
            // a dry run needs no key: the cached model list, or the static rules
            let models = await options.modelType.asyncMap { await catalogue.loadOffline(type: $0, error: error) }
            let prepared = try prepare(inputs, options: options, catalogue: models)
            try dryRun(prepared, options: options, json: result.json)
            return
        }
        try await VeniceClient.withClient(configuration: configuration, retryPolicy: client.retryPolicy,
                                          logger: client.logger) { c in
            let models = await options.modelType.asyncMap { await catalogue.load(type: $0, client: c) }
            let prepared = try prepare(inputs, options: options, catalogue: models)
            if result.dryRun {
                try dryRun(prepared, options: options, json: result.json)
                return
            }
            let response: ImageResponse
            do throws(VeniceError) {
                response = try await c.send(prepared.request)
            } catch {
                StandardError.print("venice-edit: \(error.description)")
                throw ExitCode(1)
            }
            let files = prepared.images.filter { $0.url == nil && $0.role != .mask }.map(\.source)
            let written = try StandardError.exitOnFailure { () throws(ImagePrepError) in
                try ResultWriter.write(response, to: result.output, inputs: files)
            }
            let report = SubmitReport(response: response, output: written, requested: result.output, submission: prepared)
            if result.json {
                print(try JSONLine.encode(report))
            } else {
                for line in report.lines { print(line) }
            }
        }
    }

    /// Runs the `Submission` step; a refusal is printed and exits 1.
    static func prepare(_ inputs: SubmissionInputs, options: SubmissionOptions,
                        catalogue: ModelCatalogue?) throws -> PreparedSubmission {
        let prepared = try StandardError.exitOnFailure { () throws(SubmissionError) in
            try Submission(catalogue: catalogue).prepare(inputs, options: options)
        }
        for warning in prepared.warnings { StandardError.print("venice-edit: warning: \(warning)") }
        return prepared
    }

    /// Prints what would be sent, without any image data or the key.
    static func dryRun(_ prepared: PreparedSubmission, options: SubmissionOptions, json: Bool) throws {
        let wire = try StandardError.exitOnFailure { () throws(VeniceError) in try prepared.request.wireSize() }
        let endpoint = prepared.request.endpoint.path
        var report: [String: DryRunValue] = [
            "endpoint": .string(endpoint),
            "transport": .string(wire.transport.rawValue),
            "body_bytes": .int(wire.bytes),
            "requests": .int(1),
            "image_bytes": .int(prepared.bytesSent),
            "input_bytes": .int(prepared.inputBytes),
            "bytes_saved": .int(prepared.bytesSaved),
            "images": .objects(prepared.images.map(dryRunFields)),
            "sizing": .object(sizingFields(prepared.sizing)),
            "fields": .object(fields(options, prepared: prepared)),
        ]
        if let model = prepared.model { report["model"] = .string(model) }
        if let cost = prepared.costUSD { report["estimated_cost_usd"] = .double(cost) }
        if let basis = prepared.costBasis { report["cost_basis"] = .string(basis) }
        if json {
            print(try JSONLine.encode(report))
            return
        }
        print("dry run: POST \(endpoint) as \(wire.transport.rawValue) (\(wire.bytes) bytes), nothing sent")
        if let model = prepared.model { print("  model: \(model)") }
        print("  sizing: \(prepared.sizing.reason)")
        for image in prepared.images { print("  image: \(image.summary)") }
        print("  sent: \(prepared.bytesSent) bytes of images; \(prepared.bytesSaved) fewer than the \(prepared.inputBytes) bytes of the files read")
        let shown = fields(options, prepared: prepared)
        for key in shown.keys.sorted() { print("  \(key): \(shown[key]?.description ?? "")") }
        print("  cost: " + costText(prepared))
    }

    /// `$0.34 (gpt-image-2-edit at 1K)`, or why there is no figure.
    static func costText(_ prepared: PreparedSubmission) -> String {
        guard let cost = prepared.costUSD else {
            return "one billed request (no price listed; see `venice-edit models`)"
        }
        return CostEstimate.dollars(cost) + (prepared.costBasis.map { " (\($0))" } ?? "")
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

    /// The facts a dry run shows about one image (no image data).
    static func dryRunFields(_ image: SubmittedImage) -> [String: DryRunValue] {
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
