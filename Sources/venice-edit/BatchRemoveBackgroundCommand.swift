import ArgumentParser
import BatchKit
import Submission

/// `venice-edit batch remove-bg`: cut out the subject of many images (transparent PNGs).
struct BatchRemoveBackgroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-bg",
        abstract: "Prepare many images and send each to /image/background-remove (results are transparent PNGs)."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        var options = SubmissionOptions(endpoint: .backgroundRemove)
        upload.apply(to: &options)
        let plan = try BatchRunner.plan(batch, command: "remove-bg")
        try await BatchRunner.submit(plan, batch: batch, client: client, catalogue: CatalogueOptionGroup(), options: options)
    }
}
