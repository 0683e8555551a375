import ArgumentParser
import Submission

/// `venice-edit upscale`: enlarge an image 2 or 4 times.
struct UpscaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upscale",
        abstract: "Prepare an image and send it to /image/upscale (scale 2 or 4).",
        discussion: """
        The input must have at least 65,536 pixels and the result at most 16,777,216 (so at most \
        4,194,304 pixels in at scale 2 and 1,048,576 at scale 4): a larger input is shrunk first, \
        a smaller one enlarged. The file sent is under 25 MB.
        """
    )

    @Argument(help: "A JPEG, PNG, WebP or HEIC/AVIF file (the endpoint takes no URL).")
    var image: String

    @OptionGroup var result: ResultOptionGroup
    @OptionGroup var upscale: UpscaleOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        let options = upscale.submissionOptions(uploading: upload)
        try await SubmitRunner.run(SubmissionInputs(base: image), options: options, result: result, client: client,
                                   catalogue: catalogue)
    }
}
