import ArgumentParser
import BatchKit
import ImagePrep
import VeniceClient

/// `venice-edit batch remove-bg`: cut out the subject of many images (transparent PNGs).
struct BatchRemoveBackgroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-bg",
        abstract: "Prepare many images and send each to /image/background-remove (results are transparent PNGs)."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Flag(help: "Send the images as multipart/form-data instead of base64 JSON.")
    var multipart = false

    func run() async throws {
        let plan = try BatchRunner.plan(batch, command: "remove-bg")
        let options = PrepareOptions(endpoint: .backgroundRemove)
        let transport: Transport = multipart ? .multipart : .automatic
        let concurrency = batch.concurrency ?? 8
        try await BatchRunner.withPaidClient(plan, batch: batch, client: client, endpoint: "/image/background-remove",
                                             model: nil, priced: false) { c, limiter, prices, fallback in
            let processor = APIItemProcessor(prepareOptions: options, client: c, limiter: limiter, output: plan.output,
                                             prices: prices, fallbackPrice: fallback) { c, inputs throws(VeniceError) in
                guard let image = inputs.first else { throw .invalidRequest(reason: "no image to send") }
                return try await c.removeBackground(BackgroundRemoveRequest(image), transport: transport)
            }
            try await BatchRunner.execute(plan, processor: processor, concurrency: concurrency, secret: c.configuration.apiKey)
        }
    }
}
