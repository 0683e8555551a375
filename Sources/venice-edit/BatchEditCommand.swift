import ArgumentParser
import BatchKit
import Submission

/// `venice-edit batch edit`: edit many images with the same prompt.
struct BatchEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Prepare many images and send each to /image/edit with the same prompt.",
        discussion: "Shows the number of requests and the estimated cost first; asks on a terminal unless --yes."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup

    func run() async throws {
        var options = edit.options(endpoint: .edit)
        upload.apply(to: &options)
        let plan = try BatchRunner.plan(batch, command: "edit")
        try await BatchRunner.submit(plan, batch: batch, client: client, catalogue: catalogue, options: options)
    }
}
