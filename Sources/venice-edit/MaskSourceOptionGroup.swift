import ArgumentParser
import ImagePrep
import Submission

/// Where a mask comes from and how it is shaped, shared by `mask` and `multi-edit`.
struct MaskSourceOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("A grayscale (or colour) sketch: light = edit.", valueName: "file"))
    var fromSketch: String?

    @Option(help: ArgumentHelp("An image whose transparent part is the area to edit.", valueName: "file"))
    var fromAlpha: String?

    @Option(help: ArgumentHelp("Mark a rectangle, in pixels or percentages (repeatable).", valueName: "X,Y,W,H"))
    var rect: [String] = []

    @Option(help: ArgumentHelp("Mark an ellipse, in pixels or percentages (repeatable).", valueName: "CX,CY,RX,RY"))
    var ellipse: [String] = []

    @Option(help: ArgumentHelp("Sketch luminance at or above which is edit: 0-255, or otsu.", valueName: "N|otsu"))
    var threshold: String = "otsu"

    @Flag(help: "Swap the sketch's edit and keep areas (dark strokes on light paper).")
    var invert = false

    @Flag(help: "Keep the sketch's specks and hairlines (no 3x3 clean-up around the threshold).")
    var noDespeckle = false

    @Option(help: ArgumentHelp("Alpha at or below which a cut-out pixel is edit (0: only fully transparent).", valueName: "N"))
    var alphaThreshold: Int = 127

    @Option(help: ArgumentHelp("Grow the marked area by this many pixels.", valueName: "px"))
    var grow: Int = 0

    @Option(help: ArgumentHelp("Shrink the marked area by this many pixels.", valueName: "px"))
    var shrink: Int = 0

    @Option(help: ArgumentHelp("Soften the edges over this many pixels (the only source of grey).", valueName: "px"))
    var feather: Int = 0

    /// Whether any source was given.
    var hasSource: Bool { fromSketch != nil || fromAlpha != nil || !rect.isEmpty || !ellipse.isEmpty }

    func validate() throws {
        if MaskThreshold(argument: threshold) == nil {
            throw ValidationError("--threshold must be a number from 0 to 255 or 'otsu' (got '\(threshold)')")
        }
        guard (0...255).contains(alphaThreshold) else {
            throw ValidationError("--alpha-threshold must be between 0 and 255 (got \(alphaThreshold))")
        }
    }

    /// The library options these flags describe.
    func maskOptions(stretch: Bool) throws(ImagePrepError) -> MaskOptions {
        var shapes: [MaskShape] = []
        // the library names the shape; the flag is the command line's to add
        for (arguments, isEllipse, flag) in [(rect, false, "--rect"), (ellipse, true, "--ellipse")] {
            for argument in arguments {
                do throws(ImagePrepError) {
                    shapes.append(try MaskShape.parse(argument, ellipse: isEllipse))
                } catch {
                    throw .invalidOption("\(flag): \(error.description)")
                }
            }
        }
        let options = MaskOptions(threshold: MaskThreshold(argument: threshold) ?? .otsu, invert: invert,
                                  despeckle: !noDespeckle, alphaThreshold: UInt8(clamping: alphaThreshold),
                                  shapes: shapes, grow: grow, shrink: shrink, feather: feather, stretch: stretch)
        try options.validate()
        return options
    }

    /// The mask source for a submission, or `nil` when no source was given; bad options exit 1.
    func source(stretch: Bool) throws -> MaskSource? {
        guard hasSource else { return nil }
        let options = try StandardError.exitOnFailure { () throws(ImagePrepError) in try maskOptions(stretch: stretch) }
        return MaskSource(options: options, sketchFile: fromSketch, alphaFile: fromAlpha)
    }
}
