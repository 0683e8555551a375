/// One change that preparing an image makes, as reported by pre-flight and `prepare`.
public enum PrepareAction: String, Sendable, Codable, CaseIterable {
    /// Apply the EXIF orientation to the pixels (and drop the tag).
    case orient
    /// Shrink to fit the endpoint's pixel maximum.
    case downscale
    /// Enlarge to reach the endpoint's pixel minimum.
    case upscale
    /// Decode and encode again for a reason other than the ones above (16-bit depth, arithmetic
    /// coding, an animated PNG, a WebP or HEIF input, or a different output format asked for).
    case reencode
    /// The file is at or over the byte limit and must be made smaller.
    case shrinkFile = "shrink-file"
    /// Convert CMYK or YCCK colour to RGB.
    case convertColor = "convert-color"
    /// Convert the colours from the embedded ICC profile to sRGB (the profile is not sRGB).
    case toSRGB = "to-srgb"
    /// The data decoded only with warnings (corrupt data worked around, a truncation recovered):
    /// write a clean file from what was decoded instead of passing the damaged one on.
    case repair
}
