/// Reads a WebP file's header from its RIFF chunks, without decoding any pixel data.
///
/// The first chunk decides: `VP8 ` (lossy: the frame header's 14-bit width and height), `VP8L`
/// (lossless: 14-bit width and height minus one, and the alpha hint) or `VP8X` (extended: the
/// canvas size, 24 bits each minus one, and flags for alpha, ICC, EXIF and animation). For VP8X
/// the chunks that follow are walked (bounded by the data and the RIFF size) for an `EXIF` chunk,
/// whose orientation is applied like a JPEG's, an `ALPH` chunk, and the image data itself (`VP8 `,
/// `VP8L` or an animation frame `ANMF`): a VP8X header with nothing after it is truncated.
enum WebPHeaderReader {
    static func read(_ bytes: UnsafeRawBufferPointer, name: String, fileSize: Int) throws(ImagePrepError) -> ImageInfo {
        let view = ByteView(bytes)
        guard let riffSize = view.u32LE(at: 4), view.matches(Array("WEBP".utf8), at: 8) else {
            throw .truncated(file: name, detail: "the data ends at byte \(view.count), inside the RIFF header")
        }
        // the chunks end at the RIFF size or at the data's end, whichever comes first
        let end = min(view.count, 8 + Int(riffSize))
        guard let first = view.fourCC(at: 12), let firstSize = view.u32LE(at: 16) else {
            throw .truncated(file: name, detail: "the data ends at byte \(view.count), before the first chunk")
        }
        let body = 20
        func need(_ bytes: Int, _ what: String) throws(ImagePrepError) {
            guard view.contains(offset: body, length: bytes), Int(firstSize) >= bytes else {
                if Int(firstSize) < bytes { throw .corrupt(file: name, detail: "\(what) chunk too short") }
                throw .truncated(file: name, detail: "the data ends at byte \(view.count), inside the \(what) header")
            }
        }
        var width = 0, height = 0
        var alpha = false, icc = false, animated = false
        var orientation = Orientation.up
        switch first {
        case "VP8 ":
            try need(10, "VP8")
            guard view.matches([0x9D, 0x01, 0x2A], at: body + 3), let w = view.u16LE(at: body + 6),
                  let h = view.u16LE(at: body + 8) else {
                throw .corrupt(file: name, detail: "no VP8 key frame start code")
            }
            width = Int(w & 0x3FFF)
            height = Int(h & 0x3FFF)
        case "VP8L":
            try need(5, "VP8L")
            guard view.u8(at: body) == 0x2F, let bits = view.u32LE(at: body + 1) else {
                throw .corrupt(file: name, detail: "no VP8L signature")
            }
            width = Int(bits & 0x3FFF) + 1
            height = Int((bits >> 14) & 0x3FFF) + 1
            alpha = (bits >> 28) & 1 != 0
        case "VP8X":
            try need(10, "VP8X")
            guard let flags = view.u8(at: body), let wLow = view.u16LE(at: body + 4), let wHigh = view.u8(at: body + 6),
                  let hLow = view.u16LE(at: body + 7), let hHigh = view.u8(at: body + 9) else {
                throw .truncated(file: name, detail: "the data ends inside the VP8X header")
            }
            width = (Int(wHigh) << 16 | Int(wLow)) + 1
            height = (Int(hHigh) << 16 | Int(hLow)) + 1
            alpha = flags & 0x10 != 0
            icc = flags & 0x20 != 0
            animated = flags & 0x02 != 0
            // the chunks after VP8X: EXIF for the orientation, ALPH for alpha the flag forgot
            var offset = body + ((Int(firstSize) + 1) & ~1)
            var chunks = 0
            var imageData = false
            while offset <= end - 8, chunks < 4096, let type = view.fourCC(at: offset), let size = view.u32LE(at: offset + 4) {
                let payload = offset + 8
                let length = min(Int(size), end - payload)
                switch type {
                case "EXIF":
                    if let tiff = view.slice(offset: payload, length: length) {
                        // some writers keep JPEG's "Exif\0\0" prefix
                        let exif = ExifReader.isExifSegment(tiff) ? ExifReader.orientation(jpegAPP1: tiff)
                            : ExifReader.orientation(tiff: tiff)
                        orientation = exif ?? .up
                    }
                case "ALPH": alpha = true
                case "VP8 ", "VP8L", "ANMF": imageData = true
                case "ICCP": icc = true
                default: break
                }
                guard Int(size) <= end - payload else { break }
                offset = payload + ((Int(size) + 1) & ~1)
                chunks += 1
            }
            guard imageData else {
                throw .truncated(file: name, detail: "no image data after the VP8X header (the data ends at byte \(view.count))")
            }
        default:
            throw .corrupt(file: name, detail: "the first WebP chunk is '\(first)', not VP8, VP8L or VP8X")
        }
        guard width > 0, height > 0 else { throw .invalidDimensions(file: name, width: width, height: height) }
        return ImageInfo(
            format: .webp, width: width, height: height, bitDepth: 8, colorModel: alpha ? .rgba : .rgb,
            hasTransparency: alpha, orientation: orientation, hasICCProfile: icc, isAnimated: animated,
            fileSize: fileSize)
    }
}
