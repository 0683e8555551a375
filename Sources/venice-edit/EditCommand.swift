import ArgumentParser
import ImagePrep
import VeniceClient

/// `venice-edit edit`: prepare one image and edit it with a prompt.
struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Prepare an image and send it to /image/edit with a prompt.",
        discussion: "The API key comes from VENICE_API_KEY (or --api-key-file) and is never printed."
    )

    @Argument(help: "A JPEG, PNG, WebP or HEIC/AVIF file, or an http(s) URL passed through as it is.")
    var image: String

    @Option(name: .shortAndLong, help: "Where to save the edited image.")
    var output: String

    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Option(help: "JPEG quality if the input must be re-encoded (1-100).")
    var quality: Int = 92

    @Flag(help: "Show the request that would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let options = PrepareOptions(endpoint: .edit, quality: quality)
        let input = try StandardError.exitOnFailure { () throws(ImagePrepError) in try SubmitInput.resolve(image, options: options) }
        let request = EditRequest(image: input.input, prompt: edit.prompt, model: edit.model, aspectRatio: edit.aspectRatio,
                                  resolution: edit.resolution, outputFormat: edit.outputFormat, safeMode: edit.safeMode,
                                  enhancePrompt: edit.enhancePrompt ? true : nil)
        try StandardError.exitOnFailure { () throws(VeniceError) in try request.validate() }
        if dryRun {
            try SubmitRunner.dryRun(endpoint: "/image/edit", fields: edit.dryRunFields(modelField: "model"), inputs: [input], transport: edit.transport, json: json)
            return
        }
        let transport = edit.transport
        try await SubmitRunner.send(output: output, inputs: [input], json: json, client: client) { c throws(VeniceError) in
            try await c.edit(request, transport: transport)
        }
    }
}
