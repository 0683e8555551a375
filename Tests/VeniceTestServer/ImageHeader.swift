/// The format and pixel size of an image, read from its header without decoding it.
///
/// Reads the PNG `IHDR` chunk, the JPEG start-of-frame (`SOFn`) segment, and the WebP `VP8 `,
/// `VP8L` and `VP8X` chunks. This is how `ContractServer` checks Venice's pixel limits.
public struct ImageHeader: Sendable, Equatable {
    /// `png`, `jpeg` or `webp`.
    public var format: String
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a header value.
    public init(format: String, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// `width × height`.
    public var pixelCount: Int { width * height }

    /// Parses the header of `bytes`; `nil` when it is not a PNG, JPEG or WebP with readable dimensions.
    public static func parse(_ bytes: [UInt8]) -> ImageHeader? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return parsePNG(bytes) }
        if bytes.starts(with: [0xFF, 0xD8]) { return parseJPEG(bytes) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return parseWebP(bytes)
        }
        return nil
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }

    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }

    private static func le24(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 }

    private static func parsePNG(_ b: [UInt8]) -> ImageHeader? {
        // signature (8) + length (4) + "IHDR" (4) + width (4) + height (4)
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        let width = be32(b, 16), height = be32(b, 20)
        guard width > 0, height > 0 else { return nil }
        return ImageHeader(format: "png", width: width, height: height)
    }

    private static func parseJPEG(_ b: [UInt8]) -> ImageHeader? {
        var i = 2
        while i + 1 < b.count {
            guard b[i] == 0xFF else { return nil }
            var marker = b[i + 1]
            // Fill bytes: any number of 0xFF before the marker code.
            while marker == 0xFF {
                i += 1
                guard i + 1 < b.count else { return nil }
                marker = b[i + 1]
            }
            i += 2
            // Standalone markers carry no length.
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            if marker == 0xD9 || marker == 0xDA { return nil }  // end of image or scan before any frame
            guard i + 1 < b.count else { return nil }
            let length = be16(b, i)
            guard length >= 2 else { return nil }
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                guard i + 6 < b.count else { return nil }
                let height = be16(b, i + 3), width = be16(b, i + 5)
                guard width > 0, height > 0 else { return nil }
                return ImageHeader(format: "jpeg", width: width, height: height)
            }
            i += length
        }
        return nil
    }

    private static func parseWebP(_ b: [UInt8]) -> ImageHeader? {
        guard b.count >= 30 else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            // frame tag (3) + start code 9D 01 2A + 14-bit width and height
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            let width = le16(b, 26) & 0x3FFF, height = le16(b, 28) & 0x3FFF
            return width > 0 && height > 0 ? ImageHeader(format: "webp", width: width, height: height) : nil
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            let width = (bits & 0x3FFF) + 1, height = ((bits >> 14) & 0x3FFF) + 1
            return ImageHeader(format: "webp", width: width, height: height)
        case "VP8X":
            let width = le24(b, 24) + 1, height = le24(b, 27) + 1
            return ImageHeader(format: "webp", width: width, height: height)
        default:
            return nil
        }
    }
}
