/// How `MaskBuilder` turns sketches, cut-outs and shapes into a mask.
public struct MaskOptions: Sendable, Equatable {
    /// Where a sketch's luminance splits into edit (at or above) and keep; Otsu by default.
    public var threshold: MaskThreshold
    /// Swap a sketch's edit and keep areas (for dark strokes on a light background).
    public var invert: Bool
    /// Clean a sketch of JPEG noise and anti-aliasing specks: a 3×3 mean before thresholding and
    /// a 3×3 majority vote after (edges move by at most one pixel; strokes under 3 pixels wide
    /// vanish, so turn it off for hairline sketches).
    public var despeckle: Bool
    /// A cut-out's pixels with alpha at or below this value are marked for editing (transparent =
    /// edit). 0 marks only fully transparent pixels; the default 127 splits soft edges in half.
    public var alphaThreshold: UInt8
    /// Rectangles and ellipses added to the mask, in the upright prepared image's pixels.
    public var shapes: [MaskShape]
    /// Grow the marked area by this many pixels (a disc; Stability's `grow_mask`).
    public var grow: Int
    /// Then shrink it by this many pixels (a disc).
    public var shrink: Int
    /// Then soften its edges over about this many pixels on each side; the only option that
    /// makes grey values.
    public var feather: Int
    /// Scale a source whose aspect ratio differs from the base's instead of refusing it.
    public var stretch: Bool

    public init(threshold: MaskThreshold = .otsu, invert: Bool = false, despeckle: Bool = true,
                alphaThreshold: UInt8 = 127, shapes: [MaskShape] = [], grow: Int = 0, shrink: Int = 0,
                feather: Int = 0, stretch: Bool = false) {
        self.threshold = threshold
        self.invert = invert
        self.despeckle = despeckle
        self.alphaThreshold = alphaThreshold
        self.shapes = shapes
        self.grow = grow
        self.shrink = shrink
        self.feather = feather
        self.stretch = stretch
    }

    /// Throws when a radius is negative or out of reason, or a shape is malformed.
    public func validate() throws(ImagePrepError) {
        for (name, value) in [("grow", grow), ("shrink", shrink), ("feather", feather)] {
            guard (0...10_000).contains(value) else {
                throw .invalidOption("the \(name) radius must be between 0 and 10000 pixels (got \(value))")
            }
        }
        for shape in shapes { try shape.validate() }
    }
}
