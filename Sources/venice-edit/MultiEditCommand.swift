import ArgumentParser
import ImagePrep
import VeniceClient

/// `venice-edit multi-edit`: a base image plus up to two layers or masks, edited with one prompt.
struct MultiEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi-edit",
        abstract: "Prepare a base image and its layers and send them to /image/multi-edit.",
        discussion: """
        Each layer is oriented and resized to the prepared base's exact size, so masks drawn on \
        the original photo line up with what the service receives. The model goes out as modelId.
        """
    )

    @Argument(help: "The base image (file or http(s) URL), then up to two layer or mask files.")
    var images: [String]

    @Option(name: .shortAndLong, help: "Where to save the edited image.")
    var output: String

    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Option(help: "Output quality for models that offer it: low, medium or high.")
    var outputQuality: String?

    @Flag(help: "Resize layers whose aspect ratio differs from the base's instead of refusing them.")
    var stretch = false

    @Option(help: "JPEG quality if the base must be re-encoded (1-100).")
    var quality: Int = 92

    @Flag(help: "Show the request that would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (1...3).contains(images.count) else {
            throw ValidationError("give a base image and at most two layers (got \(images.count) images)")
        }
        if images.dropFirst().contains(where: SubmitInput.isURL) {
            throw ValidationError("layers must be local files, so they can be aligned with the base")
        }
    }

    func run() async throws {
        let options = PrepareOptions(endpoint: .multiEdit, quality: quality)
        let stretch = self.stretch
        let inputs: [SubmitInput] = try StandardError.exitOnFailure { () throws(ImagePrepError) in
            let base = try SubmitInput.resolve(images[0], options: options)
            guard let baseSize = base.prepared?.size else {
                if images.count > 1 {
                    throw .invalidOption("layers need a local base image to align with, not a URL")
                }
                return [base]
            }
            var all = [base]
            for layer in images.dropFirst() {
                all.append(try SubmitInput.layer(layer, base: baseSize, stretch: stretch, options: options))
            }
            return all
        }
        let request = MultiEditRequest(images: inputs.map(\.input), prompt: edit.prompt, modelId: edit.model,
                                       aspectRatio: edit.aspectRatio, resolution: edit.resolution,
                                       outputFormat: edit.outputFormat, quality: outputQuality, safeMode: edit.safeMode,
                                       enhancePrompt: edit.enhancePrompt ? true : nil)
        try StandardError.exitOnFailure { () throws(VeniceError) in try request.validate() }
        if dryRun {
            var fields = edit.dryRunFields(modelField: "modelId")
            if let outputQuality { fields["quality"] = .string(outputQuality) }
            try SubmitRunner.dryRun(endpoint: "/image/multi-edit", fields: fields, inputs: inputs, transport: edit.transport, json: json)
            return
        }
        let transport = edit.transport
        try await SubmitRunner.send(output: output, inputs: inputs, json: json, client: client) { c throws(VeniceError) in
            try await c.multiEdit(request, transport: transport)
        }
    }
}
