import CImageCodecs
import Foundation

/// Builds masks from a grayscale sketch, a transparent cut-out and shapes.
///
/// Works on pixel data (`binarize(sketch:)`, `binarize(alpha:)`, `build(on:sketch:alpha:)`) or
/// on files (`build(sketchFile:alphaFile:geometry:)`). The steps, in order: each source is
/// binarized at its own resolution, oriented and resized onto the target grid by
/// `MaskGeometry.fit`; the sources and shapes are united; then grow, shrink and feather.
public struct MaskBuilder: Sendable {
    /// How the sources are read and the result shaped.
    public var options: MaskOptions

    public init(options: MaskOptions = MaskOptions()) {
        self.options = options
    }

    /// What `build` produces: the mask and the threshold a sketch was split at.
    public struct Result: Sendable, Equatable {
        /// The finished mask, on the geometry's target grid.
        public var mask: Mask
        /// The luminance at and above which the sketch was marked (Otsu's pick or the fixed
        /// value); nil without a sketch.
        public var threshold: UInt8?
    }

    // MARK: pixel data

    /// The luminance of each pixel (BT.601 weights); gray is taken as it is, and any alpha
    /// composites over black, so a transparent part of a sketch is background.
    public static func luminance(_ image: PixelImage) -> [UInt8] {
        let c = image.channels, n = image.width * image.height
        if c == 1 { return image.pixels }
        var out = [UInt8](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var j = 0
                for i in 0 ..< n {
                    var y: UInt32
                    if c >= 3 {
                        y = (19595 * UInt32(src[j]) + 38470 * UInt32(src[j + 1]) + 7471 * UInt32(src[j + 2]) + 32768) >> 16
                    } else {
                        y = UInt32(src[j])
                    }
                    if c == 2 || c == 4 { y = (y * UInt32(src[j + c - 1]) + 127) / 255 }
                    dst[i] = UInt8(truncatingIfNeeded: y)
                    j += c
                }
            }
        }
        return out
    }

    /// A sketch (any channels) as a binary mask at its own size: luminance, despeckled when
    /// `options.despeckle`, split at `options.threshold` (Otsu on the histogram by default),
    /// inverted when `options.invert`. Also returns the threshold used.
    public func binarize(sketch: PixelImage) throws(ImagePrepError) -> (mask: Mask, threshold: UInt8) {
        let w = sketch.width, h = sketch.height
        var lum = Self.luminance(sketch)
        var histogram: [Int] = []
        if options.despeckle {
            // 3×3 mean and its histogram in one pass
            var counts = [UInt64](repeating: 0, count: 256)
            lum = try BoxBlur.run(lum, w, h) { src, dst in
                counts.withUnsafeMutableBufferPointer { c in
                    guard let base = c.baseAddress else { return CIMG_ERR_ARGUMENT }
                    return cimg_mask_blur3_histogram(src, dst, UInt32(w), UInt32(h), base)
                }
            }
            histogram = counts.map { Int(clamping: $0) }
        }
        let cut: UInt8
        switch options.threshold {
        case let .fixed(value): cut = value
        case .otsu:
            if histogram.isEmpty { histogram = Otsu.histogram(lum) }
            cut = Otsu.threshold(histogram: histogram) &+ 1   // Otsu's lower class is 0...t
        }
        // threshold, and with despeckle a 3×3 majority vote, in one pass
        let invert: Int32 = options.invert ? 1 : 0, majority: Int32 = options.despeckle ? 1 : 0
        let binary = try BoxBlur.run(lum, w, h) { src, dst in
            cimg_mask_threshold(src, dst, UInt32(w), UInt32(h), cut, invert, majority)
        }
        return (Mask(unchecked: w, h, binary), cut)
    }

    /// A cut-out as a binary mask at its own size: pixels whose alpha is at or below
    /// `options.alphaThreshold` are marked (transparent = edit). An image without alpha marks nothing.
    public func binarize(alpha image: PixelImage) -> Mask {
        guard image.hasAlpha else { return Mask(size: ImageSize(width: image.width, height: image.height)) }
        var mask = Mask(channelOf: image, useAlpha: true)
        let limit = options.alphaThreshold
        mask.values.withUnsafeMutableBufferPointer { v in
            for i in 0 ..< v.count { v[i] = v[i] <= limit ? 255 : 0 }
        }
        return mask
    }

    /// Grow, shrink and feather, as the options say, applied to a finished union.
    public func shape(_ mask: Mask) throws(ImagePrepError) -> Mask {
        var mask = mask
        if options.grow > 0 { mask = try MaskMorphology.dilate(mask, radius: options.grow) }
        if options.shrink > 0 { mask = try MaskMorphology.erode(mask, radius: options.shrink) }
        if options.feather > 0 {
            // two box passes (a tent): grey reaches `feather` pixels either side of an edge
            let r = (options.feather + 1) / 2
            var values = try BoxBlur.blur(mask.values, width: mask.width, height: mask.height, radius: r)
            values = try BoxBlur.blur(values, width: mask.width, height: mask.height, radius: r)
            mask = Mask(unchecked: mask.width, mask.height, values)
        }
        return mask
    }

    /// Builds a mask on `geometry`'s target grid from decoded sources drawn on the base's stored
    /// pixels (each optional), plus `options.shapes`.
    ///
    /// - Parameters:
    ///   - sketchName, alphaName: the names errors give the sources.
    /// - Throws: `.maskSizeMismatch` for a source that does not fit the base (see
    ///   `MaskGeometry.fit`); `.invalidOption` for bad options or nothing to mask.
    public func build(on geometry: MaskGeometry, sketch: PixelImage? = nil, sketchName: String = "sketch",
                      alpha: PixelImage? = nil, alphaName: String = "cut-out") throws(ImagePrepError) -> Result {
        try options.validate()
        guard sketch != nil || alpha != nil || !options.shapes.isEmpty else {
            throw .invalidOption("nothing to mask: give a sketch, an alpha source, a rectangle or an ellipse")
        }
        var mask: Mask?
        var threshold: UInt8?
        if let sketch {
            let (binary, cut) = try binarize(sketch: sketch)
            threshold = cut
            mask = try geometry.fit(binary, name: sketchName, stretch: options.stretch)
        }
        if let alpha {
            let fitted = try geometry.fit(binarize(alpha: alpha), name: alphaName, stretch: options.stretch)
            mask = mask.map { $0.union(fitted) } ?? fitted
        }
        var united = mask ?? Mask(size: geometry.target)
        for shape in options.shapes { shape.draw(into: &united) }
        return Result(mask: try shape(united), threshold: threshold)
    }

    // MARK: files

    /// Builds a mask from files: decodes the sketch and the cut-out (JPEG, PNG, WebP or HEIF; their
    /// own EXIF orientation, or HEIF irot/imir, is ignored, as they are drawn over the base's stored pixels) and calls
    /// `build(on:sketch:alpha:)`.
    ///
    /// With no `geometry`, the grid is the first source's stored size.
    public func build(sketchFile: String?, alphaFile: String?, geometry: MaskGeometry?,
                      maxInputBytes: Int = PrepareOptions.defaultMaxInputBytes,
                      decodeLimit: Int = PrepareOptions.defaultDecodeLimit) throws(ImagePrepError) -> (result: Result, geometry: MaskGeometry) {
        func load(_ path: String) throws(ImagePrepError) -> PixelImage {
            let data = try Preparer.read(path, limit: maxInputBytes)
            return try ImageCodec.decode(data, name: path, maxPixels: decodeLimit)
        }
        let sketch = try sketchFile.map { (path) throws(ImagePrepError) in try load(path) }
        let alpha = try alphaFile.map { (path) throws(ImagePrepError) in try load(path) }
        if let alphaFile, let alpha, !alpha.hasAlpha {
            throw .invalidOption("\(alphaFile): an alpha source needs an image with transparency (this one has no alpha channel)")
        }
        let grid: MaskGeometry
        if let geometry {
            grid = geometry
        } else if let first = sketch ?? alpha {
            grid = MaskGeometry(size: ImageSize(width: first.width, height: first.height))
        } else {
            throw .invalidOption("shapes alone need a grid: give a base image or a size")
        }
        let result = try build(on: grid, sketch: sketch, sketchName: sketchFile ?? "sketch",
                               alpha: alpha, alphaName: alphaFile ?? "cut-out")
        return (result, grid)
    }
}
