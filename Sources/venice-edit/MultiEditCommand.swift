import ArgumentParser
import Submission
import VeniceClient

/// `venice-edit multi-edit`: a base image plus layers or masks, edited with one prompt.
struct MultiEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi-edit",
        abstract: "Prepare a base image and its layers and send them to /image/multi-edit.",
        discussion: """
        Each layer is oriented and resized to the prepared base's exact size, so masks drawn on \
        the original photo line up with what the service receives. A mask can also be made on the \
        fly (--from-sketch, --from-alpha, --rect, --ellipse, as in `venice-edit mask --like BASE`); \
        it is sent last, white = edit. How many images a request may carry is the model's \
        maxInputImages (3 when it lists none). The model goes out as modelId.
        """
    )

    @Argument(help: "The base image (file or http(s) URL), then layer or mask files.")
    var images: [String]

    @OptionGroup var result: ResultOptionGroup
    @OptionGroup var edit: EditOptionGroup
    @OptionGroup var upload: UploadOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup
    @OptionGroup(title: "A mask made on the fly from these sources, sent after the layer files")
    var mask: MaskSourceOptionGroup

    @Option(help: "Output quality for models that offer it: low, medium or high.")
    var outputQuality: String?

    @Flag(help: "Resize layers whose aspect ratio differs from the base's instead of refusing them.")
    var stretch = false

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give a base image") }
    }

    func run() async throws {
        var options = edit.options(endpoint: .multiEdit)
        options.quality = outputQuality
        options.stretch = stretch
        upload.apply(to: &options)
        let source = try mask.source(stretch: stretch)
        try await SubmitRunner.run(SubmissionInputs(base: images[0], layers: Array(images.dropFirst()), mask: source),
                                   options: options, result: result, client: client, catalogue: catalogue)
    }
}
