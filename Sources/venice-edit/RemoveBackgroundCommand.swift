import ArgumentParser
import Submission

/// `venice-edit remove-bg`: cut out the subject; the result is a transparent PNG.
struct RemoveBackgroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-bg",
        abstract: "Prepare an image and send it to /image/background-remove (the result is a transparent PNG)."
    )

    @Argument(help: "A JPEG, PNG, WebP or HEIC/AVIF file, or an http(s) URL (percent-encoded and sent as image_url).")
    var image: String

    @OptionGroup var result: ResultOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        var options = SubmissionOptions(endpoint: .backgroundRemove)
        upload.apply(to: &options)
        try await SubmitRunner.run(SubmissionInputs(base: image), options: options, result: result, client: client,
                                   catalogue: CatalogueOptionGroup())
    }
}
