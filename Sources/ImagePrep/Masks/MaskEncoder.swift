/// Writes masks in the convention a service expects, as small as it cheaply gets: PNG, or JPEG
/// when the output's name asks for it.
public enum MaskEncoder {
    /// PNG sample depth for gray masks.
    public enum BitDepth: String, Sendable, CaseIterable, Codable {
        /// 1-bit for binary masks (which are smaller that way); 8-bit otherwise.
        case auto
        /// 1-bit gray; only for binary masks.
        case one = "1"
        /// 8-bit gray.
        case eight = "8"
    }

    /// An encoded mask.
    public struct Encoded: Sendable, Equatable {
        /// The encoded file.
        public var bytes: [UInt8]
        /// `.png` or `.jpeg`.
        public var format: ImageFormat = .png
        /// Bits per sample: 1 or 8.
        public var bitDepth: Int
        /// Channels: 1 (gray) or 4 (RGBA, the alpha convention).
        public var channels: Int
    }

    /// The zlib level used: bilevel rows are long runs, which level 6 already squeezes to a few
    /// bytes per run; higher levels only cost time.
    static let compressionLevel = 6

    /// `mask` in `convention` as a PNG.
    ///
    /// Binary gray masks are written 1-bit with the Up filter (an unchanged row compresses to
    /// almost nothing), which is both smaller and faster than 8-bit (8× fewer bytes to deflate;
    /// measured in Benchmarks/MASKS.md). Feathered masks and `.eight` use 8-bit gray with the Sub
    /// filter; the alpha convention RGBA with black colour and alpha = 255 − value.
    /// With `format` `.jpeg` (a name ending in .jpg asks for it) a gray convention is written as
    /// an 8-bit gray JPEG at quality 95; the alpha convention cannot be, JPEG having no alpha.
    public static func encode(_ mask: Mask, convention: MaskConvention = .white, bitDepth: BitDepth = .auto,
                              format: OutputFormat = .png, name: String = "mask") throws(ImagePrepError) -> Encoded {
        let binary = mask.isBinary
        if format == .jpeg {
            guard convention != .alpha else {
                throw .invalidOption("\(name): a mask in the alpha convention needs transparency, which JPEG cannot hold")
            }
            guard bitDepth != .one else { throw .invalidOption("\(name): JPEG has no 1-bit gray") }
            let gray = convention == .black ? mask.inverted().grayImage : mask.grayImage
            let bytes = try JPEGEncoder.encode(gray, quality: 95, chroma: .yuv444, name: name)
            return Encoded(bytes: bytes, format: .jpeg, bitDepth: 8, channels: 1)
        }
        if bitDepth == .one, !binary {
            throw .invalidOption("\(name): a feathered mask has grey values and cannot be written 1-bit")
        }
        switch convention {
        case .white, .black:
            let gray = convention == .black ? mask.inverted().grayImage : mask.grayImage
            if binary && bitDepth != .eight {
                let bytes = try PNGEncoder.encode(gray, bitDepth: 1, compressionLevel: compressionLevel, filter: .up, name: name)
                return Encoded(bytes: bytes, bitDepth: 1, channels: 1)
            }
            let bytes = try PNGEncoder.encode(gray, bitDepth: 8, compressionLevel: compressionLevel, filter: .sub, name: name)
            return Encoded(bytes: bytes, bitDepth: 8, channels: 1)
        case .alpha:
            let bytes = try PNGEncoder.encode(rgba(mask), bitDepth: 8, compressionLevel: compressionLevel,
                                              filter: .sub, name: name)
            return Encoded(bytes: bytes, bitDepth: 8, channels: 4)
        }
    }

    /// The alpha convention's pixels: black, alpha = 255 − value (transparent = edit).
    public static func rgba(_ mask: Mask) -> PixelImage {
        var out = [UInt8](repeating: 0, count: mask.values.count * 4)
        mask.values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0 ..< v.count { dst[4 * i + 3] = 255 &- v[i] }
            }
        }
        return PixelImage(width: mask.width, height: mask.height, channels: 4, pixels: out)
    }
}
