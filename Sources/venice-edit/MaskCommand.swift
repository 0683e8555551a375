import ArgumentParser
import ImagePrep

/// `venice-edit mask`: turn a sketch, a cut-out or shapes into a clean mask for a base image.
struct MaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Make a clean black-and-white mask that lines up with a prepared base image.",
        discussion: """
        Sources are united: a grayscale sketch (--from-sketch), the transparent part of a cut-out \
        (--from-alpha) and any number of --rect/--ellipse shapes. With --like BASE, the sketch and \
        cut-out are taken as drawn over BASE's stored pixels (before its EXIF rotation): they are \
        rotated like BASE and resized to the size prepare gives BASE for --endpoint. A source of \
        another size is scaled when its aspect ratio matches BASE's within 1%, and refused \
        otherwise unless --stretch. Shape coordinates are pixels of the upright prepared base, or \
        percentages of it; pixel i spans [i, i+1). Then --grow, --shrink and --feather, in that \
        order. The output is written atomically and never over an input.
        """
    )

    @Option(name: .shortAndLong, help: "Where to write the mask (PNG).")
    var output: String

    @Option(help: ArgumentHelp("Build the mask for this base image, as prepare would deliver it.", valueName: "base"))
    var like: String?

    @Option(help: ArgumentHelp("The mask's size when there is no base, e.g. 1024x768.", valueName: "WxH"))
    var size: String?

    @OptionGroup var sources: MaskSourceOptionGroup

    @Option(help: "white (255 = edit), black (0 = edit) or alpha (RGBA, transparent = edit).")
    var convention: MaskConvention = .white

    @Option(help: "PNG bit depth of a gray mask: auto (1-bit when black and white), 1 or 8.")
    var bitDepth: MaskEncoder.BitDepth = .auto

    @Flag(help: "Scale a sketch or cut-out whose aspect ratio differs from the base's.")
    var stretch = false

    @Option(help: ArgumentHelp("Also write the base with the mask as a red overlay.", valueName: "file.png"))
    var preview: String?

    @OptionGroup var prepare: PrepareOptionGroup

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func validate() throws {
        if like != nil, size != nil { throw ValidationError("give --like or --size, not both") }
    }

    func run() async throws {
        let summary = try StandardError.exitOnFailure { () throws(ImagePrepError) in try make() }
        print(json ? try JSONLine.encode(summary) : summary.text)
    }

    private func make() throws(ImagePrepError) -> MaskSummary {
        let options = try sources.maskOptions(stretch: stretch)
        let inputs = [like, sources.fromSketch, sources.fromAlpha].compactMap { $0 }
        for destination in [output, preview].compactMap({ $0 }) {
            for input in inputs where AtomicFileWriter.sameFile(input, destination) {
                throw .outputIsInput(file: destination)
            }
        }
        if let preview, preview == output || AtomicFileWriter.sameFile(preview, output) {
            throw .invalidOption("\(preview): --preview and --output must be different files")
        }

        let prepareOptions = prepare.value
        var geometry: MaskGeometry?
        if let like {
            geometry = try MaskGeometry(baseFile: like, options: prepareOptions)
        } else if let size {
            geometry = MaskGeometry(size: try Self.parseSize(size))
        }
        let (result, grid) = try MaskBuilder(options: options).build(
            sketchFile: sources.fromSketch, alphaFile: sources.fromAlpha, geometry: geometry,
            maxInputBytes: prepareOptions.maxInputBytes, decodeLimit: prepareOptions.decodeLimit)
        // the name decides the format when it names one (masks are PNG otherwise)
        let format = try OutputFormat.resolve(.auto, forOutput: output)
        let encoded = try MaskEncoder.encode(result.mask, convention: convention, bitDepth: bitDepth,
                                             format: format, name: output)
        try AtomicFileWriter.write(encoded.bytes, to: output)

        if let preview {
            let picture: PixelImage
            if let like {
                picture = try MaskPreview.render(mask: result.mask, baseFile: like, geometry: grid, options: prepareOptions)
            } else {
                picture = try MaskPreview.render(mask: result.mask, base: nil)
            }
            let bytes = try OutputFormat.resolve(.auto, forOutput: preview) == .jpeg
                ? JPEGEncoder.encode(picture, quality: 90, chroma: .yuv444, name: preview)
                : PNGEncoder.encode(picture, compressionLevel: 3, filter: .sub, name: preview)
            try AtomicFileWriter.write(bytes, to: preview)
        }
        return MaskSummary(output: output, preview: preview, base: like, mask: result.mask, convention: convention,
                           encoded: encoded, threshold: result.threshold)
    }

    /// Parses `WxH` (or `W×H`) into a size with both sides positive.
    static func parseSize(_ text: String) throws(ImagePrepError) -> ImageSize {
        let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0,
              w <= 65_535, h <= 65_535 else {
            throw .invalidOption("--size must be WIDTHxHEIGHT in pixels, e.g. 1024x768 (got '\(text)')")
        }
        return ImageSize(width: w, height: h)
    }
}

extension MaskConvention: ExpressibleByArgument {}
extension MaskEncoder.BitDepth: ExpressibleByArgument {}
