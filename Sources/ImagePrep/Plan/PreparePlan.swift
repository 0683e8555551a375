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

    /// Whether the input bytes can be sent as they are.
    public var isPassthrough: Bool { actions.isEmpty }

    /// Works out the plan for an image with header `info` under `options`.
    ///
    /// Throws when the image cannot be prepared at all: over the decode limit, or impossible
    /// dimensions.
    public static func make(for info: ImageInfo, options: PrepareOptions, name: String) throws(ImagePrepError) -> PreparePlan {
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

        let formatChange: Bool = switch options.format {
        case .auto: false
        case .jpeg: info.format != .jpeg
        case .png: info.format != .png
        }
        let awkwardEncoding = info.bitDepth > 8 || info.isArithmetic || info.isAnimated
        if formatChange || awkwardEncoding { actions.append(.reencode) }
        if info.fileSize >= options.maxBytes { actions.append(.shrinkFile) }

        var denominator = 1
        if info.format == .jpeg, actions.contains(.downscale) {
            denominator = scaleDenominator(from: info, to: swaps ? ImageSize(width: target.height, height: target.width) : target)
        }
        return PreparePlan(actions: actions, target: target, orientation: orientation,
                           jpegScaleDenominator: denominator)
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
