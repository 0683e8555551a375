import Testing
@testable import ImagePrep

@Suite("JPEG and PNG encoding")
struct EncoderTests {
    static func photo() throws -> PixelImage { try netpbmFixture("base.ppm") }

    /// The photo with the alpha ramp as a fourth channel.
    static func photoRGBA() throws -> PixelImage {
        let rgb = try photo(), alpha = try netpbmFixture("alpha.pgm")
        var pixels = [UInt8]()
        pixels.reserveCapacity(rgb.width * rgb.height * 4)
        for i in 0 ..< rgb.width * rgb.height {
            pixels += rgb.pixels[3 * i ..< 3 * i + 3]
            pixels.append(alpha.pixels[i])
        }
        return PixelImage(width: rgb.width, height: rgb.height, channels: 4, pixels: pixels)
    }

    @Test(arguments: [JPEGEncoder.ChromaSubsampling.yuv420, .yuv444])
    func jpegQuality95RoundTripsClosely(_ chroma: JPEGEncoder.ChromaSubsampling) throws {
        let photo = try Self.photo()
        let jpeg = try JPEGEncoder.encode(photo, quality: 95, chroma: chroma)
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        let back = try ImageCodec.decode(jpeg, name: "q95.jpg")
        #expect(back.width == photo.width && back.height == photo.height && back.channels == 3)
        #expect(meanAbsoluteDifference(back, photo) < (chroma == .yuv444 ? 1.5 : 2.5))
    }

    @Test func chromaSubsamplingShowsOnColourEdges() throws {
        // Alternating red and blue columns: 4:4:4 keeps them, 4:2:0 blurs them together.
        let w = 32, h = 16
        let pixels = (0 ..< w * h).flatMap { i -> [UInt8] in i % 2 == 0 ? [255, 0, 0] : [0, 0, 255] }
        let stripes = PixelImage(width: w, height: h, channels: 3, pixels: pixels)
        let full = try ImageCodec.decode(try JPEGEncoder.encode(stripes, quality: 95, chroma: .yuv444), name: "444.jpg")
        let half = try ImageCodec.decode(try JPEGEncoder.encode(stripes, quality: 95, chroma: .yuv420), name: "420.jpg")
        #expect(meanAbsoluteDifference(full, stripes) < 10)
        #expect(meanAbsoluteDifference(half, stripes) > 40)
    }

    @Test func lowerQualityMakesSmallerFiles() throws {
        let photo = try Self.photo()
        let small = try JPEGEncoder.encode(photo, quality: 40)
        let large = try JPEGEncoder.encode(photo, quality: 95)
        #expect(small.count < large.count)
    }

    @Test func jpegGrayRoundTrips() throws {
        let gray = try netpbmFixture("gray-png.pgm")
        let jpeg = try JPEGEncoder.encode(gray, quality: 95)
        let back = try ImageCodec.decode(jpeg, name: "gray.jpg")
        #expect(back.channels == 1)
        #expect(meanAbsoluteDifference(back, gray) < 1.5)
    }

    /// A small profile fits one APP2 chunk; 150,000 bytes needs three, reassembled in order.
    @Test(arguments: [false, true])
    func iccProfileSurvivesJPEGEncodeAndDecode(_ large: Bool) throws {
        let profile = large ? (0 ..< 150_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
                            : try codecFixture("srgb.icc")
        let jpeg = try JPEGEncoder.encode(try Self.photo(), quality: 80, iccProfile: profile)
        try jpeg.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "icc.jpg")
            try decoder.readHeader()
            #expect(mismatch(try #require(decoder.iccProfile), profile) == nil)
        }
    }

    @Test func jpegRefusesAlphaAndBadQuality() throws {
        let rgba = try Self.photoRGBA()
        #expect(throws: ImagePrepError.invalidOption("output: JPEG takes 1 (gray) or 3 (RGB) channels, not 4")) {
            try JPEGEncoder.encode(rgba)
        }
        #expect(throws: ImagePrepError.invalidOption("JPEG quality must be 1 to 100 (got 0)")) {
            try JPEGEncoder.encode(try Self.photo(), quality: 0)
        }
    }

    @Test(arguments: [PNGEncoder.Filter.none, .sub, .up, .average, .paeth, .adaptive])
    func pngRGBRoundTripsExactlyWithEveryFilter(_ filter: PNGEncoder.Filter) throws {
        let photo = try Self.photo()
        let png = try PNGEncoder.encode(photo, filter: filter)
        #expect(mismatch(try ImageCodec.decode(png, name: "rgb.png"), photo) == nil)
    }

    @Test(arguments: [0, 9])
    func pngCompressionLevelsRoundTripExactly(_ level: Int) throws {
        let photo = try Self.photo()
        let png = try PNGEncoder.encode(photo, compressionLevel: level)
        #expect(mismatch(try ImageCodec.decode(png, name: "rgb.png"), photo) == nil)
        if level == 0 { #expect(png.count > photo.pixels.count) } // stored, not compressed
    }

    @Test func pngRGBARoundTripsExactly() throws {
        let rgba = try Self.photoRGBA()
        #expect(mismatch(try ImageCodec.decode(try PNGEncoder.encode(rgba), name: "rgba.png"), rgba) == nil)
    }

    @Test func pngGrayAndGrayAlphaRoundTrip() throws {
        let gray = try netpbmFixture("gray-png.pgm")
        #expect(mismatch(try ImageCodec.decode(try PNGEncoder.encode(gray), name: "gray.png"), gray) == nil)
        // Gray + alpha comes back widened to RGBA.
        let alpha = try netpbmFixture("alpha.pgm")
        let ga = PixelImage(width: gray.width, height: gray.height, channels: 2,
                            pixels: zip(gray.pixels, alpha.pixels).flatMap { [$0, $1] })
        let back = try ImageCodec.decode(try PNGEncoder.encode(ga), name: "graya.png")
        #expect(back.channels == 4)
        for c in 0 ..< 3 { #expect(mismatch(plane(back, c), gray.pixels) == nil) }
        #expect(mismatch(plane(back, 3), alpha.pixels) == nil)
    }

    /// A mask of 0 and 255 survives a 1-bit PNG exactly; any other value is thresholded at 128.
    @Test func oneBitGrayMaskRoundTrips() throws {
        let w = 61, h = 13 // odd width: the last byte of each row is partial
        let mask = (0 ..< w * h).map { i -> UInt8 in (i % w) * (i / w) % 3 == 0 ? 255 : 0 }
        let image = PixelImage(width: w, height: h, channels: 1, pixels: mask)
        let png = try PNGEncoder.encode(image, bitDepth: 1)
        let header = try png.withUnsafeBytes { raw in try PNGDecoder(bytes: raw, name: "mask.png").readHeader() }
        #expect(header.bitDepth == 1 && header.colorType == .gray)
        #expect(mismatch(try ImageCodec.decode(png, name: "mask.png"), image) == nil)

        let ramp = PixelImage(width: 4, height: 1, channels: 1, pixels: [0, 127, 128, 254])
        #expect(try ImageCodec.decode(try PNGEncoder.encode(ramp, bitDepth: 1), name: "ramp.png").pixels == [0, 0, 255, 255])
    }

    @Test func iccProfileSurvivesPNGEncodeAndDecode() throws {
        let profile = try codecFixture("srgb.icc")
        let png = try PNGEncoder.encode(try Self.photo(), iccProfile: profile)
        try png.withUnsafeBytes { raw in
            let decoder = try PNGDecoder(bytes: raw, name: "icc.png")
            try decoder.readHeader()
            #expect(mismatch(try #require(decoder.iccProfile), profile) == nil)
        }
    }

    /// Rows written a few at a time from a padded buffer give the same file as one call.
    @Test func streamingWithPaddedStrideMatchesWholeImageEncoding() throws {
        let photo = try Self.photo()
        let stride = photo.stride + 3
        var padded = [UInt8](repeating: 0x5A, count: stride * photo.height)
        for y in 0 ..< photo.height {
            padded.replaceSubrange(y * stride ..< y * stride + photo.stride,
                                   with: photo.pixels[y * photo.stride ..< (y + 1) * photo.stride])
        }
        let png = try PNGEncoder()
        let jpeg = try JPEGEncoder()
        try png.start(width: photo.width, height: photo.height, channels: 3)
        try jpeg.start(width: photo.width, height: photo.height, channels: 3, quality: 90)
        try padded.withUnsafeBufferPointer { buffer in
            var y = 0
            while y < photo.height {
                let n = min(7, photo.height - y)
                try png.writeRows(buffer.baseAddress! + y * stride, stride: stride, count: n)
                try jpeg.writeRows(buffer.baseAddress! + y * stride, stride: stride, count: n)
                y += n
            }
        }
        #expect(mismatch(try png.finish(), try PNGEncoder.encode(photo)) == nil)
        #expect(mismatch(try jpeg.finish(), try JPEGEncoder.encode(photo, quality: 90)) == nil)
    }

    @Test func finishingEarlyOrWritingTooManyRowsFails() throws {
        let photo = try Self.photo()
        let encoder = try PNGEncoder(name: "early.png")
        try encoder.start(width: photo.width, height: photo.height, channels: 3)
        try photo.pixels.withUnsafeBufferPointer { buffer in
            try encoder.writeRows(buffer.baseAddress!, stride: photo.stride, count: 10)
            #expect(throws: ImagePrepError.invalidOption("early.png: more rows than the image height")) {
                try encoder.writeRows(buffer.baseAddress!, stride: photo.stride, count: photo.height)
            }
        }
        #expect(throws: ImagePrepError.invalidOption("early.png: finish before every row was written")) {
            try encoder.finish()
        }
    }
}
