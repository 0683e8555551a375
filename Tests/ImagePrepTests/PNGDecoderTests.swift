import Testing
@testable import ImagePrep

@Suite("PNG decoding")
struct PNGDecoderTests {
    static let width = 157, height = 89

    @Test func rgbDecodesToTheSourcePixels() throws {
        let image = try decodeFixture("rgb.png")
        #expect(image.width == Self.width && image.height == Self.height && image.channels == 3)
        #expect(mismatch(image.pixels, try netpbmFixture("base.ppm").pixels) == nil)
    }

    @Test(arguments: ["rgba.png", "rgba16.png"])
    func rgbaKeepsColourAndStraightAlpha(_ name: String) throws {
        let image = try decodeFixture(name)
        #expect(image.channels == 4)
        let base = try netpbmFixture("base.ppm")
        for c in 0 ..< 3 { #expect(mismatch(plane(image, c), plane(base, c)) == nil) }
        #expect(mismatch(plane(image, 3), try netpbmFixture("alpha.pgm").pixels) == nil)
    }

    /// rgb16.png stores every 8-bit value v as v * 257; scaling back must give v exactly.
    @Test func sixteenBitRGBScalesBackToTheEightBitValues() throws {
        let image = try decodeFixture("rgb16.png")
        #expect(image.channels == 3)
        #expect(mismatch(image.pixels, try netpbmFixture("base.ppm").pixels) == nil)
    }

    /// png_set_scale_16 rounds (V * 255 / 65535 to nearest); stripping the low byte would not.
    @Test func sixteenBitScalingRounds() throws {
        let values: [UInt16] = [0, 128, 129, 385, 386, 32767, 32768, 65406, 65407, 65535]
        let row = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let png = PNGBytes.file(width: UInt32(values.count), height: 1, bitDepth: 16, colorType: 0, rows: [row])
        let image = try ImageCodec.decode(png, name: "ramp16.png")
        #expect(image.channels == 1)
        #expect(image.pixels == [0, 0, 1, 1, 2, 127, 128, 254, 255, 255])
        #expect(image.pixels == values.map { UInt8((Int($0) + 128) / 257) })
    }

    @Test func grayStaysOneChannel() throws {
        let image = try decodeFixture("gray.png")
        #expect(image.channels == 1 && image.width == Self.width && image.height == Self.height)
        // exactly the samples ImageMagick (and libvips) decode
        #expect(mismatch(image.pixels, try netpbmFixture("gray-png.pgm").pixels) == nil)
        // gray.png is the photo's luma: it follows 0.299 R + 0.587 G + 0.114 B of the source closely.
        let base = try netpbmFixture("base.ppm")
        let luma = PixelImage(width: base.width, height: base.height, channels: 1, pixels: (0 ..< base.width * base.height).map { i in
            let r = Double(base.pixels[3 * i]), g = Double(base.pixels[3 * i + 1]), b = Double(base.pixels[3 * i + 2])
            return UInt8((0.299 * r + 0.587 * g + 0.114 * b).rounded())
        })
        #expect(meanAbsoluteDifference(image, luma) < 3)
    }

    @Test func grayAlphaWidensToRGBA() throws {
        let image = try decodeFixture("graya.png")
        let gray = try netpbmFixture("gray-png.pgm")
        #expect(image.channels == 4)
        for c in 0 ..< 3 { #expect(mismatch(plane(image, c), gray.pixels) == nil) }
        #expect(mismatch(plane(image, 3), try netpbmFixture("alpha.pgm").pixels) == nil)
    }

    /// gray1.png is gray.png thresholded at 128: it must come back as exactly 0 and 255.
    @Test func oneBitGrayWidensToBlackAndWhite() throws {
        let image = try decodeFixture("gray1.png")
        let gray = try netpbmFixture("gray-png.pgm")
        #expect(image.channels == 1)
        #expect(mismatch(image.pixels, gray.pixels.map { $0 >= 128 ? 255 : 0 }) == nil)
    }

    /// gray2/4.png are gray.png quantised by ImageMagick: every sample is a multiple of
    /// 255 / (2^depth - 1) and within one such step of the 8-bit original.
    @Test(arguments: [2, 4])
    func lowBitDepthGrayWidensToFullRange(_ depth: Int) throws {
        let image = try decodeFixture("gray\(depth).png")
        let gray = try netpbmFixture("gray-png.pgm")
        let step = 255 / ((1 << depth) - 1)
        #expect(image.channels == 1)
        #expect(image.pixels.allSatisfy { Int($0) % step == 0 })
        #expect(zip(image.pixels, gray.pixels).allSatisfy { abs(Int($0) - Int($1)) < step })
        #expect(Set(image.pixels).count == 1 << depth)
    }

    /// Bit replication, exactly: 2-bit q becomes q * 85, 4-bit q becomes q * 17.
    @Test func lowBitDepthValuesReplicateExactly() throws {
        let two = PNGBytes.file(width: 4, height: 1, bitDepth: 2, colorType: 0, rows: [[0b00_01_10_11]])
        #expect(try ImageCodec.decode(two, name: "two.png").pixels == [0, 85, 170, 255])
        let four = PNGBytes.file(width: 3, height: 1, bitDepth: 4, colorType: 0, rows: [[0x05, 0xF0]])
        #expect(try ImageCodec.decode(four, name: "four.png").pixels == [0, 85, 255])
    }

    @Test func paletteWithTRNSGivesAlphaZeroWhereTransparent() throws {
        let image = try decodeFixture("palette-trns.png")
        #expect(image.channels == 4)
        let transparentColumns = Self.width / 4 // 0...38, drawn fully transparent
        for y in 0 ..< Self.height {
            for x in [0, transparentColumns - 1] { #expect(image.pixel(x: x, y: y)[3] == 0) }
            for x in [transparentColumns, Self.width - 1] { #expect(image.pixel(x: x, y: y)[3] == 255) }
        }
        #expect(plane(image, 3).allSatisfy { $0 == 0 || $0 == 255 })
        // Opaque pixels keep the photo's colours, up to the 200-colour palette.
        let base = try netpbmFixture("base.ppm")
        var total = 0, count = 0
        for y in 0 ..< Self.height {
            for x in transparentColumns ..< Self.width {
                let a = image.pixel(x: x, y: y), b = base.pixel(x: x, y: y)
                for c in 0 ..< 3 { total += abs(Int(a[c]) - Int(b[c])) }
                count += 3
            }
        }
        #expect(Double(total) / Double(count) < 6)
    }

    @Test func interlacedEqualsNonInterlaced() throws {
        let bytes = try codecFixture("interlaced.png")
        let header = try bytes.withUnsafeBytes { raw in try PNGDecoder(bytes: raw, name: "interlaced.png").readHeader() }
        #expect(header.isInterlaced)
        #expect(mismatch(try decodeFixture("interlaced.png"), try decodeFixture("rgb.png")) == nil)
    }

    @Test func headerDescribesTheStoredLayout() throws {
        func header(_ name: String) throws -> PNGDecoder.Header {
            let bytes = try codecFixture(name)
            return try bytes.withUnsafeBytes { raw in try PNGDecoder(bytes: raw, name: name).readHeader() }
        }
        #expect(try header("rgb.png") == PNGDecoder.Header(width: 157, height: 89, bitDepth: 8, colorType: .rgb,
                                                           isInterlaced: false, hasTransparencyChunk: false))
        let palette = try header("palette-trns.png")
        #expect(palette.colorType == .palette && palette.hasTransparencyChunk)
        #expect(try header("gray2.png").bitDepth == 2)
        #expect(try header("rgba16.png").bitDepth == 16)
        #expect(try header("graya.png").colorType == .grayAlpha)
    }

    @Test func grayWithTRNSBecomesRGBA() throws {
        // 4 x 1 gray; tRNS marks value 7 transparent.
        let png = PNGBytes.file(width: 4, height: 1, bitDepth: 8, colorType: 0,
                                extraChunks: [PNGBytes.chunk("tRNS", [0, 7])], rows: [[0, 7, 200, 255]])
        let image = try ImageCodec.decode(png, name: "gray-trns.png")
        #expect(image.channels == 4)
        #expect(image.pixels == [0, 0, 0, 255, 7, 7, 7, 0, 200, 200, 200, 255, 255, 255, 255, 255])
    }

    @Test func iccProfileIsReturnedDecompressed() throws {
        let bytes = try codecFixture("icc.png")
        try bytes.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "icc.png")
            try decoder.readHeader()
            #expect(decoder.iccProfile == (try codecFixture("srgb.icc")))
        }
        let plain = try codecFixture("rgb.png")
        try plain.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "rgb.png")
            try decoder.readHeader()
            #expect(decoder.iccProfile == nil)
        }
    }

    /// An APNG (acTL + fcTL before IDAT, the default image also being frame 0) decodes as that image.
    @Test func apngDecodesAsItsDefaultImage() throws {
        let rgb = try codecFixture("rgb.png")
        let idat = try #require(Self.chunkOffset("IDAT", in: rgb))
        let actl = PNGBytes.chunk("acTL", PNGBytes.bigEndian(1) + PNGBytes.bigEndian(0))
        let fctl = PNGBytes.chunk("fcTL", PNGBytes.bigEndian(0) + PNGBytes.bigEndian(157) + PNGBytes.bigEndian(89)
            + PNGBytes.bigEndian(0) + PNGBytes.bigEndian(0) + [0, 1, 0, 10, 0, 0])
        let apng = Array(rgb[..<idat]) + actl + fctl + Array(rgb[idat...])
        #expect(mismatch(try ImageCodec.decode(apng, name: "anim.png"), try decodeFixture("rgb.png")) == nil)
    }

    @Test func truncatedDataThrowsTruncated() throws {
        #expect(throws: ImagePrepError.truncated(file: "truncated.png", detail: "PNG data ended early")) {
            try decodeFixture("truncated.png")
        }
    }

    @Test func badIDATChecksumThrowsCorrupt() throws {
        #expect {
            try decodeFixture("bad-crc.png")
        } throws: { error in
            guard case let .corrupt(file, detail) = error as? ImagePrepError else { return false }
            return file == "bad-crc.png" && detail.contains("CRC")
        }
    }

    /// Every row is there; the missing IEND shows only when the chunks after IDAT are read.
    @Test func missingIENDFailsInFinish() throws {
        let bytes = try codecFixture("no-iend.png")
        try bytes.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "no-iend.png")
            try decoder.start()
            let image = try ImageCodec.readAll(from: decoder, name: "no-iend.png")
            #expect(mismatch(image.pixels, try netpbmFixture("base.ppm").pixels) == nil)
            #expect(throws: ImagePrepError.truncated(file: "no-iend.png", detail: "PNG data ended early")) {
                try decoder.finish()
            }
        }
    }

    @Test func garbageThrowsCorrupt() throws {
        let bytes = try codecFixture("garbage.bin")
        #expect {
            try bytes.withUnsafeBytes { raw in try PNGDecoder(bytes: raw, name: "garbage.bin").readHeader() }
        } throws: { error in
            guard case let .corrupt(file, detail) = error as? ImagePrepError else { return false }
            return file == "garbage.bin" && detail.contains("Not a PNG file")
        }
    }

    @Test func hugeHeaderIsRefusedAtStartBeforeAllocating() throws {
        // Only the header is real: the IDAT would be far too short, but start must refuse first.
        let png = PNGBytes.file(width: 100_000, height: 100_000, bitDepth: 8, colorType: 6, rows: [[0, 0, 0, 0]])
        try png.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "huge.png")
            let header = try decoder.readHeader()
            #expect(header.width == 100_000 && header.height == 100_000)
            #expect(throws: ImagePrepError.tooManyPixels(file: "huge.png", width: 100_000, height: 100_000, limit: 268_435_456)) {
                try decoder.start()
            }
        }
    }

    @Test func ancillaryCRCErrorAfterIDATIsAWarning() throws {
        var bytes = PNGBytes.file(width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[10, 20]])
        var text = PNGBytes.chunk("tEXt", Array("Comment\u{0}hello".utf8))
        text[text.count - 1] ^= 0xFF // break its CRC
        bytes.insert(contentsOf: text, at: bytes.count - 12) // before IEND
        try bytes.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "text-crc.png")
            try decoder.start()
            let image = try ImageCodec.readAll(from: decoder, name: "text-crc.png")
            #expect(image.pixels == [10, 20])
            try decoder.finish()
            #expect(decoder.warningCount == 1)
            #expect(decoder.firstWarning?.contains("CRC") == true)
        }
    }

    static func chunkOffset(_ type: String, in bytes: [UInt8]) -> Int? {
        var i = 8
        let wanted = Array(type.utf8)
        while i + 8 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if Array(bytes[i + 4 ..< i + 8]) == wanted { return i }
            i += 12 + length
        }
        return nil
    }
}
