import ImagePrep

/// A mask made on the fly for a multi-edit: sketch, cut-out and shapes, lined up with the base as
/// it is sent (white = edit).
public struct MaskSource: Sendable, Equatable {
    /// How the sources become a mask.
    public var options: MaskOptions
    /// A sketch file: light = edit.
    public var sketchFile: String?
    /// An image whose transparent part is the area to edit.
    public var alphaFile: String?

    /// Creates a mask source.
    public init(options: MaskOptions, sketchFile: String? = nil, alphaFile: String? = nil) {
        self.options = options
        self.sketchFile = sketchFile
        self.alphaFile = alphaFile
    }
}
