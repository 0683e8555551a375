import ArgumentParser
import BatchKit
import ImagePrep
import VeniceClient

/// `venice-edit batch multi-edit`: edit many base images, each with the same layers, with one prompt.
struct BatchMultiEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi-edit",
        abstract: "Prepare many base images and send each, with the same layers, to /image/multi-edit.",
        discussion: """
        Each input is a base image; the --layer files (up to two: a mask, a logo, …) are oriented \
        and resized to each prepared base so they line up. The model goes out as modelId.
        """
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Option(help: "A layer or mask file sent after every base image (repeat for a second one).")
    var layer: [String] = []

    @Option(help: "Output quality for models that offer it: low, medium or high.")
    var outputQuality: String?

    @Flag(help: "Resize layers whose aspect ratio differs from a base's instead of failing that item.")
    var stretch = false

    @Option(help: "JPEG quality if a base must be re-encoded (1-100).")
    var quality: Int = 92

    func validate() throws {
        guard layer.count <= 2 else { throw ValidationError("give at most two --layer files (got \(layer.count))") }
    }

    func run() async throws {
        let template = MultiEditRequest(images: [.url("https://example.invalid/placeholder.jpg")], prompt: edit.prompt,
                                        modelId: edit.model, aspectRatio: edit.aspectRatio, resolution: edit.resolution,
                                        outputFormat: edit.outputFormat, quality: outputQuality, safeMode: edit.safeMode,
                                        enhancePrompt: edit.enhancePrompt ? true : nil)
        try StandardError.exitOnFailure { () throws(VeniceError) in try template.validate() }
        let plan = try BatchRunner.plan(batch, command: "multi-edit")
        let options = PrepareOptions(endpoint: .multiEdit, quality: quality)
        let transport = edit.transport
        let concurrency = batch.concurrency ?? 8
        let (layers, stretch) = (layer, self.stretch)
        try await BatchRunner.withPaidClient(plan, batch: batch, client: client, endpoint: "/image/multi-edit", model: edit.model,
                                             imagesPerRequest: 1 + layers.count) { c, limiter, prices, fallback in
            let processor = APIItemProcessor(prepareOptions: options, layers: layers, stretch: stretch, client: c, limiter: limiter,
                                             output: plan.output, prices: prices, fallbackPrice: fallback) { c, inputs throws(VeniceError) in
                var request = template
                request.images = inputs
                return try await c.multiEdit(request, transport: transport)
            }
            try await BatchRunner.execute(plan, processor: processor, concurrency: concurrency, secret: c.configuration.apiKey)
        }
    }
}
