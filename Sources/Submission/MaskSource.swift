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
    /// Whether the sketch and cut-out were drawn over the base as prepared (upright and resized,
    /// as the studio page shows it) rather than over the base file's stored pixels.
    public var drawnOverPreparedBase: Bool

    /// Creates a mask source.
    public init(options: MaskOptions, sketchFile: String? = nil, alphaFile: String? = nil,
                drawnOverPreparedBase: Bool = false) {
        self.options = options
        self.sketchFile = sketchFile
        self.alphaFile = alphaFile
        self.drawnOverPreparedBase = drawnOverPreparedBase
    }
}
