import ArgumentParser
import ImagePrep
import VeniceClient

/// `venice-edit remove-bg`: cut out the subject; the result is a transparent PNG.
struct RemoveBackgroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-bg",
        abstract: "Prepare an image and send it to /image/background-remove (the result is a transparent PNG)."
    )

    @Argument(help: "A JPEG, PNG, WebP or HEIC/AVIF file, or an http(s) URL passed through as it is.")
    var image: String

    @Option(name: .shortAndLong, help: "Where to save the PNG.")
    var output: String

    @OptionGroup var client: ClientOptionGroup

    @Flag(help: "Send the image as multipart/form-data instead of base64 JSON.")
    var multipart = false

    @Flag(help: "Show the request that would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let options = PrepareOptions(endpoint: .backgroundRemove)
        let input = try StandardError.exitOnFailure { () throws(ImagePrepError) in try SubmitInput.resolve(image, options: options) }
        let request: BackgroundRemoveRequest = SubmitInput.isURL(image)
            ? BackgroundRemoveRequest(image: nil, imageURL: image)
            : BackgroundRemoveRequest(input.input)
        try StandardError.exitOnFailure { () throws(VeniceError) in try request.validate() }
        let transport: Transport = multipart ? .multipart : .automatic
        if dryRun {
            try SubmitRunner.dryRun(endpoint: "/image/background-remove",
                                    fields: [SubmitInput.isURL(image) ? "image_url" : "image": .string(image)],
                                    inputs: [input], transport: transport, json: json)
            return
        }
        try await SubmitRunner.send(output: output, inputs: [input], json: json, client: client) { c throws(VeniceError) in
            try await c.removeBackground(request, transport: transport)
        }
    }
}
