import ArgumentParser
import BatchKit
import ImagePrep
import VeniceClient

/// `venice-edit batch edit`: edit many images with one prompt.
struct BatchEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Prepare many images and send each to /image/edit with the same prompt.",
        discussion: "Shows the number of requests and the estimated cost first; asks on a terminal unless --yes."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Option(help: "JPEG quality if an input must be re-encoded (1-100).")
    var quality: Int = 92

    func run() async throws {
        let template = EditRequest(image: .url("https://example.invalid/placeholder.jpg"), prompt: edit.prompt, model: edit.model,
                                   aspectRatio: edit.aspectRatio, resolution: edit.resolution, outputFormat: edit.outputFormat,
                                   safeMode: edit.safeMode, enhancePrompt: edit.enhancePrompt ? true : nil)
        try StandardError.exitOnFailure { () throws(VeniceError) in try template.validate() }
        let plan = try BatchRunner.plan(batch, command: "edit")
        let options = PrepareOptions(endpoint: .edit, quality: quality)
        let transport = edit.transport
        let concurrency = batch.concurrency ?? 8
        try await BatchRunner.withPaidClient(plan, batch: batch, client: client, endpoint: "/image/edit", model: edit.model) {
            c, limiter, prices, fallback in
            let processor = APIItemProcessor(prepareOptions: options, client: c, limiter: limiter, output: plan.output,
                                             prices: prices, fallbackPrice: fallback) { c, inputs throws(VeniceError) in
                guard let image = inputs.first else { throw .invalidRequest(reason: "no image to send") }
                var request = template
                request.image = image
                return try await c.edit(request, transport: transport)
            }
            try await BatchRunner.execute(plan, processor: processor, concurrency: concurrency, secret: c.configuration.apiKey)
        }
    }
}
