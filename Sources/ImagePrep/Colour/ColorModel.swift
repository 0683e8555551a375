/// How an image's samples are organised, as its header declares them.
///
/// For JPEG this is derived from the number of frame components and the Adobe APP14 transform:
/// one component is `gray`, three are `rgb` (whether stored as YCbCr or as RGB, both decode to RGB),
/// four are `cmyk`, or `ycck` when the Adobe marker says so. For PNG it is the IHDR colour type.
public enum ColorModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// One luminance channel.
    case gray
    /// Luminance plus alpha (PNG colour type 4).
    case grayAlpha
    /// Red, green, blue (PNG colour type 2; three-component JPEG).
    case rgb
    /// Red, green, blue, alpha (PNG colour type 6).
    case rgba
    /// Indices into a palette (PNG colour type 3); transparency, if any, comes from tRNS.
    case palette
    /// Four-component JPEG holding CMYK (often inverted, per the Adobe marker).
    case cmyk
    /// Four-component JPEG holding YCbCr plus K (Adobe transform 2).
    case ycck

    /// Whether the model itself carries an alpha channel (`grayAlpha`, `rgba`).
    ///
    /// A palette or a gray/RGB PNG can still be transparent through a tRNS chunk; see
    /// `ImageInfo.hasTransparency`.
    public var hasAlpha: Bool {
        switch self {
        case .grayAlpha, .rgba: true
        case .gray, .rgb, .palette, .cmyk, .ycck: false
        }
    }

    /// Whether the model has colour (anything but `gray` and `grayAlpha`).
    public var isColor: Bool {
        switch self {
        case .gray, .grayAlpha: false
        case .rgb, .rgba, .palette, .cmyk, .ycck: true
        }
    }

    /// How many samples a stored pixel has (a palette index counts as one).
    public var storedChannels: Int {
        switch self {
        case .gray, .palette: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba, .cmyk, .ycck: 4
        }
    }
}
