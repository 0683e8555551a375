/// What an image's header says about it, read without decoding any pixel data.
///
/// `width` and `height` are as stored; `orientedWidth` and `orientedHeight` are as displayed once
/// the EXIF orientation is applied.
public struct ImageInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The format found by the file's signature.
    public var format: ImageFormat
    /// Stored width in pixels (before orientation).
    public var width: Int
    /// Stored height in pixels (before orientation).
    public var height: Int
    /// Bits per sample: JPEG sample precision (8, 12, …) or PNG bit depth (1, 2, 4, 8, 16).
    public var bitDepth: Int
    /// How the samples are organised.
    public var colorModel: ColorModel
    /// Whether the image can be transparent: an alpha channel, or a PNG tRNS chunk.
    public var hasTransparency: Bool
    /// Whether the data is progressive (JPEG SOF2/6/10/14) or interlaced (PNG Adam7).
    public var isProgressive: Bool
    /// Whether the JPEG uses arithmetic coding (SOF9–11, SOF13–15); always false for PNG.
    public var isArithmetic: Bool
    /// The EXIF orientation; `.up` when there is no EXIF block or no valid tag.
    public var orientation: Orientation
    /// Whether an ICC profile is embedded (JPEG APP2 `ICC_PROFILE`, PNG iCCP).
    public var hasICCProfile: Bool
    /// Whether a PNG is an APNG (an acTL chunk before the first IDAT); always false for JPEG.
    public var isAnimated: Bool
    /// Whether a JPEG stores its colour at a lower resolution than its brightness (4:2:0, 4:2:2,
    /// …: a component sampled less than the first); always false for PNG.
    public var hasSubsampledChroma: Bool
    /// The size of the file (or of the bytes probed) in bytes.
    public var fileSize: Int

    /// Creates a description of an image; every field is taken as given.
    public init(
        format: ImageFormat, width: Int, height: Int, bitDepth: Int, colorModel: ColorModel,
        hasTransparency: Bool = false, isProgressive: Bool = false, isArithmetic: Bool = false,
        orientation: Orientation = .up, hasICCProfile: Bool = false, isAnimated: Bool = false,
        hasSubsampledChroma: Bool = false, fileSize: Int
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.hasTransparency = hasTransparency
        self.isProgressive = isProgressive
        self.isArithmetic = isArithmetic
        self.orientation = orientation
        self.hasICCProfile = hasICCProfile
        self.isAnimated = isAnimated
        self.hasSubsampledChroma = hasSubsampledChroma
        self.fileSize = fileSize
    }

    /// `width × height`, saturating at `Int.max` (a probed header never gets near it: JPEG
    /// dimensions are below 2¹⁶ and PNG dimensions below 2³¹).
    public var pixelCount: Int {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? Int.max : product
    }

    /// Width as displayed: `height` when the orientation swaps dimensions (5–8), else `width`.
    public var orientedWidth: Int { orientation.swapsDimensions ? height : width }

    /// Height as displayed: `width` when the orientation swaps dimensions (5–8), else `height`.
    public var orientedHeight: Int { orientation.swapsDimensions ? width : height }

    /// One line such as `jpeg 640×360, 8-bit rgb, progressive, orientation 6 (rotate 90° clockwise)`.
    public var description: String {
        var parts = ["\(format.rawValue) \(width)×\(height)", "\(bitDepth)-bit \(colorModel.rawValue)"]
        if hasTransparency { parts.append("transparency") }
        if isProgressive { parts.append(format == .png ? "interlaced" : "progressive") }
        if isArithmetic { parts.append("arithmetic-coded") }
        if isAnimated { parts.append("animated") }
        if hasICCProfile { parts.append("ICC profile") }
        if orientation != .up { parts.append("orientation \(orientation.rawValue) (\(orientation))") }
        return parts.joined(separator: ", ")
    }
}
