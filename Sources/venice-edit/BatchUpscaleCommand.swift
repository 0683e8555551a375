import ArgumentParser
import BatchKit
import Submission

/// `venice-edit batch upscale`: enlarge many images 2 or 4 times.
struct BatchUpscaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upscale",
        abstract: "Prepare many images and send each to /image/upscale.",
        discussion: "Each input is sized so that the result fits the upscaler's limit of 16,777,216 pixels."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var upscale: UpscaleOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        let options = upscale.submissionOptions(uploading: upload)
        let plan = try BatchRunner.plan(batch, command: "upscale")
        try await BatchRunner.submit(plan, batch: batch, client: client, catalogue: catalogue, options: options)
    }
}
