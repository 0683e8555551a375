import CZlib

/// Reads a received image to its end, as a service that decodes it would, without the product's
/// codecs: a JPEG's segments and entropy-coded scans through EOI, a PNG's chunks (every CRC) through
/// IEND with its zlib stream inflated to exactly the size the header promises, a WebP's RIFF chunks.
///
/// A file whose header is fine but whose data is missing, cut short or damaged is refused, the way
/// Venice refuses an image it cannot decode.
public enum ImageStreamCheck {
    /// Why `bytes` (already identified as `format` by `ImageHeader`) is not a whole image, or `nil`.
    public static func problem(in bytes: [UInt8], format: String) -> String? {
        switch format {
        case "jpeg": return jpegProblem(bytes)
        case "png": return pngProblem(bytes)
        case "webp": return webpProblem(bytes)
        default: return "unknown format \(format)"
        }
    }

    /// Why `bytes` is not a whole JPEG, PNG or WebP that Venice's edit endpoints take (65,536 to
    /// 33,177,600 pixels, under 25,000,000 bytes), or `nil` when it is.
    public static func problemForEdit(_ bytes: [UInt8]) -> String? {
        guard let header = ImageHeader.parse(bytes) else { return "not a PNG, JPEG or WebP" }
        if let problem = problem(in: bytes, format: header.format) { return problem }
        guard (ContractRules.minPixels ... ContractRules.maxPixels).contains(header.pixelCount) else {
            return "\(header.width)×\(header.height) is outside Venice's pixel limits"
        }
        return bytes.count < ContractRules.maxFileBytes ? nil : "\(bytes.count) bytes is not under 25 MB"
    }

    // MARK: JPEG

    static func jpegProblem(_ b: [UInt8]) -> String? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return "no SOI marker" }
        var i = 2
        var frameComponents: Set<UInt8>?
        var scans = 0
        while i < b.count {
            guard b[i] == 0xFF else { return "expected a marker at byte \(i)" }
            while i < b.count, b[i] == 0xFF { i += 1 }            // fill bytes
            guard i < b.count else { return "cut short after a marker prefix" }
            let marker = b[i]
            i += 1
            if marker == 0xD9 {                                    // EOI
                guard frameComponents != nil else { return "EOI before any frame" }
                guard scans > 0 else { return "no scan data" }
                return nil
            }
            if marker == 0x01 || (0xD0 ... 0xD7).contains(marker) { continue }
            guard marker != 0x00 else { return "a stuffed zero outside a scan at byte \(i)" }
            guard i + 2 <= b.count else { return "segment length cut short" }
            let length = Int(b[i]) << 8 | Int(b[i + 1])
            guard length >= 2, i + length <= b.count else { return "segment FF\(hex(marker)) runs past the end" }
            let segment = i + 2 ..< i + length
            switch marker {
            case 0xC0 ... 0xC3, 0xC5 ... 0xC7, 0xC9 ... 0xCB, 0xCD ... 0xCF:
                guard frameComponents == nil else { return "a second frame header" }
                guard segment.count >= 6 else { return "short frame header" }
                let s = segment.lowerBound
                let height = Int(b[s + 1]) << 8 | Int(b[s + 2]), width = Int(b[s + 3]) << 8 | Int(b[s + 4])
                let count = Int(b[s + 5])
                guard height > 0, width > 0 else { return "zero frame dimensions" }
                guard (1 ... 4).contains(count), segment.count == 6 + 3 * count else { return "bad frame component list" }
                frameComponents = Set((0 ..< count).map { b[s + 6 + 3 * $0] })
            case 0xDA:
                guard let components = frameComponents else { return "scan before the frame header" }
                guard let first = segment.first, case let count = Int(b[first]), (1 ... 4).contains(count),
                      segment.count == 1 + 2 * count + 3 else { return "bad scan header" }
                for k in 0 ..< count where !components.contains(b[segment.lowerBound + 1 + 2 * k]) {
                    return "scan names a component the frame lacks"
                }
                i += length
                let start = i
                scanLoop: while i < b.count {
                    if b[i] != 0xFF { i += 1; continue }
                    guard i + 1 < b.count else { break }
                    switch b[i + 1] {
                    case 0x00, 0xD0 ... 0xD7: i += 2
                    case 0xFF: i += 1
                    default: break scanLoop
                    }
                }
                guard i < b.count else { return "scan data runs to the end of the file without EOI" }
                guard i > start else { return "an empty scan" }
                scans += 1
                continue
            default:
                break
            }
            i += length
        }
        return "no EOI marker"
    }

    // MARK: PNG

    static func pngProblem(_ b: [UInt8]) -> String? {
        var i = 8
        var width = 0, height = 0, depth = 0, colourType = 0, interlaced = false
        var sawHeader = false, sawPalette = false, sawData = false, dataEnded = false
        var compressed: [UInt8] = []
        while true {
            guard i + 12 <= b.count else { return "cut short before IEND" }
            let length = be32(b, i)
            guard length < 0x8000_0000, i + 12 + length <= b.count else { return "chunk at byte \(i) runs past the end" }
            let type = String(decoding: b[i + 4 ..< i + 8], as: UTF8.self)
            let crc = b[i + 4 ..< i + 8 + length].withUnsafeBufferPointer { buffer in
                UInt32(crc32(0, buffer.baseAddress, UInt32(buffer.count)))
            }
            guard crc == UInt32(be32(b, i + 8 + length)) else { return "bad CRC in chunk \(type)" }
            let data = i + 8 ..< i + 8 + length
            if !sawHeader, type != "IHDR" { return "first chunk is \(type), not IHDR" }
            if sawData, type != "IDAT" { dataEnded = true }
            switch type {
            case "IHDR":
                guard !sawHeader, length == 13 else { return "bad IHDR" }
                sawHeader = true
                width = be32(b, data.lowerBound)
                height = be32(b, data.lowerBound + 4)
                depth = Int(b[data.lowerBound + 8])
                colourType = Int(b[data.lowerBound + 9])
                let allowed: [Int: Set<Int>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
                guard width > 0, height > 0, width < 0x8000_0000, height < 0x8000_0000 else { return "bad dimensions" }
                guard allowed[colourType]?.contains(depth) == true else { return "bad depth/colour type" }
                guard b[data.lowerBound + 10] == 0, b[data.lowerBound + 11] == 0, b[data.lowerBound + 12] <= 1 else {
                    return "bad compression, filter or interlace method"
                }
                interlaced = b[data.lowerBound + 12] == 1
            case "PLTE":
                sawPalette = true
            case "IDAT":
                guard !dataEnded else { return "IDAT chunks are not consecutive" }
                sawData = true
                compressed.append(contentsOf: b[data])
            case "IEND":
                guard length == 0 else { return "IEND with data" }
                guard sawData else { return "no IDAT" }
                if colourType == 3, !sawPalette { return "palette image without PLTE" }
                return inflatedProblem(compressed, width: width, height: height, depth: depth,
                                       colourType: colourType, interlaced: interlaced)
            default:
                break
            }
            i += 12 + length
        }
    }

    /// Inflates the image data and checks it holds exactly the filtered rows the header declares
    /// (and, without interlacing, that every row starts with a valid filter type).
    static func inflatedProblem(_ compressed: [UInt8], width: Int, height: Int, depth: Int, colourType: Int,
                                interlaced: Bool) -> String? {
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colourType] ?? 1
        func rowBytes(_ w: Int) -> Int { (w * channels * depth + 7) / 8 }
        var expected = 0
        if interlaced {
            let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            for (x0, y0, dx, dy) in passes {
                let w = (width - x0 + dx - 1) / dx, h = (height - y0 + dy - 1) / dy
                if w > 0, h > 0 { expected += h * (1 + rowBytes(w)) }
            }
        } else {
            expected = height * (1 + rowBytes(width))
        }
        let stride = interlaced ? 0 : 1 + rowBytes(width)
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return "zlib would not start"
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var produced = 0
        var input = compressed
        var result: Int32 = Z_OK
        var problem: String?
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            output.withUnsafeMutableBufferPointer { outBuffer in
                while result == Z_OK {
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    let count = outBuffer.count - Int(stream.avail_out)
                    if stride > 0 {
                        // filter type bytes sit at multiples of the row stride
                        var next = (produced + stride - 1) / stride * stride
                        while next < produced + count, next < expected {
                            if outBuffer[next - produced] > 4 { problem = problem ?? "row \(next / stride) has filter type \(outBuffer[next - produced])" }
                            next += stride
                        }
                    }
                    produced += count
                    if produced > expected { problem = problem ?? "more image data than the header declares"; return }
                }
            }
        }
        if let problem { return problem }
        guard result == Z_STREAM_END else { return "the compressed image data is cut short or damaged (zlib \(result))" }
        guard produced == expected else { return "image data holds \(produced) bytes, the header needs \(expected)" }
        return nil
    }

    // MARK: WebP

    static func webpProblem(_ b: [UInt8]) -> String? {
        guard b.count >= 20 else { return "too short" }
        let riffSize = le32(b, 4)
        guard riffSize + 8 <= b.count, riffSize % 2 == 0 || riffSize + 8 == b.count else { return "RIFF size runs past the end" }
        var i = 12
        var chunks = 0
        while i + 8 <= riffSize + 8 {
            let size = le32(b, i + 4)
            guard i + 8 + size <= riffSize + 8 else { return "chunk at byte \(i) runs past the RIFF size" }
            chunks += 1
            i += 8 + size + (size & 1)
        }
        return chunks > 0 ? nil : "no chunks"
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }

    private static func le32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
