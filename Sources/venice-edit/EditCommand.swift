import ArgumentParser
import Submission
import VeniceClient

/// `venice-edit edit`: prepare one image and edit it with a prompt.
struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Prepare an image and send it to /image/edit with a prompt.",
        discussion: """
        The upload is sized to the output tier (longest side 2048 for 1K, 4096 for 2K; --full-size \
        sends up to the API's limit) and checked against the model's limits first. The API key comes \
        from VENICE_API_KEY (or --api-key-file) and is never printed.
        """
    )

    @Argument(help: "A JPEG, PNG, WebP or HEIC/AVIF file, or an http(s) URL (percent-encoded and sent as a URL).")
    var image: String

    @OptionGroup var result: ResultOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        var options = edit.options(endpoint: .edit)
        upload.apply(to: &options)
        try await SubmitRunner.run(SubmissionInputs(base: image), options: options, result: result, client: client,
                                   catalogue: catalogue)
    }
}
