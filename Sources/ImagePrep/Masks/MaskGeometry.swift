/// The pixel grid a mask is built for: the base image as stored, the EXIF orientation that makes
/// it upright, and the size `prepare` gives it.
public struct MaskGeometry: Sendable, Equatable {
    /// The base's size as stored in its file (before orientation): the grid a sketch of the base
    /// is drawn on.
    public var stored: ImageSize
    /// The base's EXIF orientation, 1–8 (1 when there is no base).
    public var orientation: Int
    /// The mask's size: the base's upright prepared size.
    public var target: ImageSize
    /// The base file (or name) the geometry came from; nil for a bare size.
    public var base: String?

    /// Takes every field as given.
    public init(stored: ImageSize, orientation: Int, target: ImageSize, base: String?) {
        self.stored = stored
        self.orientation = orientation
        self.target = target
        self.base = base
    }

    /// A mask of `size` with no base: sources are used as they are stored and scaled to `size`.
    public init(size: ImageSize) {
        self.init(stored: size, orientation: 1, target: size, base: nil)
    }

    /// The geometry of the base image with header `info` once prepared under `options`, through
    /// the same plan `prepare` follows (orientation, then the endpoint's resize).
    public init(base info: ImageInfo, name: String, options: PrepareOptions) throws(ImagePrepError) {
        try options.validate()
        // geometry does not depend on colour: the profile plays no part
        let plan = try PreparePlan.make(for: info, profile: nil, options: options, name: name)
        self.init(stored: ImageSize(width: info.width, height: info.height), orientation: plan.orientation,
                  target: plan.target, base: name)
    }

    /// The geometry of the base image file at `path` once prepared under `options` (header only).
    public init(baseFile path: String, options: PrepareOptions) throws(ImagePrepError) {
        let info = try ImageProbe.probe(file: path)
        try self.init(base: info, name: path, options: options)
    }

    /// The stored size in upright orientation.
    public var upright: ImageSize {
        orientation >= 5 ? ImageSize(width: stored.height, height: stored.width) : stored
    }

    /// Brings a mask drawn on the base's stored pixels onto the target grid: applies the
    /// orientation, then resizes keeping it binary.
    ///
    /// A source of exactly the stored size is used as it is. One of a different size but the same
    /// aspect ratio (within 1%) is scaled. Any other size is refused with `.maskSizeMismatch`
    /// (naming `name`, both sizes and the base), unless `stretch`.
    public func fit(_ source: Mask, name: String, stretch: Bool = false) throws(ImagePrepError) -> Mask {
        if source.size != stored, !stretch, !Self.sameAspect(source.size, stored) {
            throw .maskSizeMismatch(file: name, size: source.size, base: base ?? "the size given", baseSize: stored)
        }
        let upright = source.applyingOrientation(orientation)
        return try MaskResizer.resize(upright, to: target)
    }

    /// Whether two sizes have the same aspect ratio within 1%.
    static func sameAspect(_ a: ImageSize, _ b: ImageSize) -> Bool {
        let ratio = (Double(a.width) / Double(a.height)) / (Double(b.width) / Double(b.height))
        return abs(ratio - 1) <= 0.01
    }
}
