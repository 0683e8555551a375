/// What preparing one image will do, worked out from its header alone.
public struct PreparePlan: Sendable, Equatable {
    /// The changes to make; empty means the bytes are sent untouched.
    public var actions: [PrepareAction]
    /// The size of the prepared image, after orientation and resizing.
    public var target: ImageSize
    /// The EXIF orientation to apply (1 = none).
    public var orientation: Int
    /// libjpeg-turbo's DCT scaling to decode at (1, 2, 4 or 8): the largest that still decodes
    /// at least the target size, so most of a large shrink happens for free inside the decoder.
    public var jpegScaleDenominator: Int
    /// The encodings to try when re-encoding, in order: every one but the last is tried at full
    /// size only, the last one is made smaller until it fits the byte limit. `.auto` loses
    /// nothing the source had: a PNG stays PNG while it fits, then JPEG (unless transparent); a
    /// lossy source becomes JPEG, or PNG when it can be transparent.
    public var formats: [ImageFormat]
    /// The chroma sampling of JPEG output: the source's own resolution (4:2:0 only from a
    /// subsampled JPEG; 4:4:4 from PNG, gray and 4:4:4 JPEG sources).
    public var jpegChroma: JPEGEncoder.ChromaSubsampling
    /// The ICC profile to convert from to sRGB, when the image has one that is not sRGB.
    public var convertFrom: ColorProfile?

    /// Whether the input bytes can be sent as they are.
    public var isPassthrough: Bool { actions.isEmpty }

    /// Works out the plan for an image with header `info` and embedded ICC profile `profile`
    /// (nil: none, or one that could not be parsed) under `options`.
    ///
    /// Throws when the image cannot be prepared at all: over the decode limit, or impossible
    /// dimensions.
    public static func make(for info: ImageInfo, profile: ColorProfile?, options: PrepareOptions,
                            name: String) throws(ImagePrepError) -> PreparePlan {
        guard info.width > 0, info.height > 0 else {
            throw .invalidDimensions(file: name, width: info.width, height: info.height)
        }
        guard info.width <= options.decodeLimit / info.height else {
            throw .tooManyPixels(file: name, width: info.width, height: info.height, limit: options.decodeLimit)
        }
        var actions: [PrepareAction] = []
        let orientation = info.orientation.rawValue
        if orientation != 1 { actions.append(.orient) }

        let swaps = orientation >= 5
        let upright = ImageSize(width: swaps ? info.height : info.width, height: swaps ? info.width : info.height)
        var target = upright
        var fitted = upright
        if let side = options.maxLongestSide { fitted = fitted.fitting(maxLongestSide: side) }
        if let maxPixels = options.effectiveMaxPixels { fitted = fitted.fitting(maxPixels: maxPixels) }
        if fitted != upright {
            target = fitted
            actions.append(.downscale)
        } else if let minPixels = options.effectiveMinPixels, upright.pixels < minPixels {
            target = upright.reaching(minPixels: minPixels)
            actions.append(.upscale)
        }
        if info.colorModel == .cmyk || info.colorModel == .ycck { actions.append(.convertColor) }
        let convertFrom = profile.flatMap { $0.needsConversion(for: info.colorModel) ? $0 : nil }
        if convertFrom != nil { actions.append(.toSRGB) }

        let formatChange: Bool = switch options.format {
        case .auto: false
        case .jpeg: info.format != .jpeg
        case .png: info.format != .png
        }
        // WebP and HEIF are always converted: Venice documents JPEG and PNG only
        let awkwardEncoding = info.bitDepth > 8 || info.isArithmetic || info.isAnimated
            || info.format == .webp || info.format.isHEIF
        if formatChange || awkwardEncoding { actions.append(.reencode) }
        if info.fileSize >= options.maxBytes { actions.append(.shrinkFile) }

        var denominator = 1
        if info.format == .jpeg, actions.contains(.downscale) {
            denominator = scaleDenominator(from: info, to: swaps ? ImageSize(width: target.height, height: target.width) : target)
        }
        // auto: a lossless source (PNG) stays lossless while it fits; a lossy one stays JPEG
        // unless it can be transparent
        var formats: [ImageFormat] = switch options.format {
        case .jpeg: [.jpeg]
        case .png: [.png]
        case .auto: info.format == .png ? [.png, .jpeg] : info.hasTransparency ? [.png] : [.jpeg]
        }
        // an opaque PNG whose file, scaled to the target's area (and to 8 bits), is already half
        // as big again as the limit will not fit re-encoded (zlib level 1 is no smaller than the
        // source's level): go straight to JPEG, which can then stream
        if formats == [.png, .jpeg], !info.hasTransparency {
            let expected = Double(info.fileSize) * Double(target.pixels) / Double(info.pixelCount)
                * 8 / Double(max(8, info.bitDepth))
            if expected > 1.5 * Double(options.maxBytes) { formats = [.jpeg] }
        }
        let chroma: JPEGEncoder.ChromaSubsampling = info.format == .jpeg && info.hasSubsampledChroma ? .yuv420 : .yuv444
        return PreparePlan(actions: actions, target: target, orientation: orientation,
                           jpegScaleDenominator: denominator, formats: formats, jpegChroma: chroma,
                           convertFrom: convertFrom)
    }

    /// The plan for a file that looked ready but whose check decode gave warnings: the same
    /// pixels, written again cleanly.
    func repairing() -> PreparePlan {
        var plan = self
        plan.actions = [.repair]
        return plan
    }

    /// Shrink-on-load: the largest of libjpeg-turbo's fast DCT scalings (1/8, 1/4, 1/2) that
    /// still decodes at least `stored` (the target in stored orientation), else 1. The other
    /// scalings (3/8, 5/8, …) have no fast path and are slower than a full decode.
    static func scaleDenominator(from info: ImageInfo, to stored: ImageSize) -> Int {
        for d in [8, 4, 2] {
            let w = (info.width + d - 1) / d, h = (info.height + d - 1) / d
            if w >= stored.width, h >= stored.height { return d }
        }
        return 1
    }
}
