import ArgumentParser
import BatchKit
import Submission

/// `venice-edit batch multi-edit`: edit many base images, each with the same layers or mask, with one prompt.
struct BatchMultiEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi-edit",
        abstract: "Prepare many base images and send each, with the same layers, to /image/multi-edit.",
        discussion: """
        Each input is a base image; the --layer files (a mask, a logo, …) are oriented and resized \
        to each prepared base so they line up, and a mask made from --from-sketch, --from-alpha, \
        --rect or --ellipse is built for each base and sent last (white = edit). The model goes out \
        as modelId; the model's maxInputImages bounds the images per request.
        """
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup
    @OptionGroup(title: "A mask made for each base from these sources, sent after the layer files")
    var mask: MaskSourceOptionGroup

    @Option(help: "A layer or mask file sent after every base image (repeatable).")
    var layer: [String] = []

    @Option(help: "Output quality for models that offer it: low, medium or high.")
    var outputQuality: String?

    @Flag(help: "Resize layers whose aspect ratio differs from a base's instead of failing that item.")
    var stretch = false

    func run() async throws {
        var options = edit.options(endpoint: .multiEdit)
        options.quality = outputQuality
        options.stretch = stretch
        upload.apply(to: &options)
        let source = try mask.source(stretch: stretch)
        let plan = try BatchRunner.plan(batch, command: "multi-edit")
        try await BatchRunner.submit(plan, batch: batch, client: client, catalogue: catalogue, options: options,
                                     layers: layer, mask: source)
    }
}
