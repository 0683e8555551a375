import Testing
@testable import ImagePrep

@Suite("JPEG decoding")
struct JPEGDecoderTests {
    static let width = 157, height = 89

    @Test func baselineDecodesExactlyLikeDjpeg() throws {
        let image = try decodeFixture("baseline.jpg")
        #expect(image.width == Self.width && image.height == Self.height && image.channels == 3)
        // Same library, same DCT (islow) and fancy upsampling as `djpeg -dct int`: identical.
        #expect(mismatch(image.pixels, try netpbmFixture("baseline.ppm").pixels) == nil)
        // And it is the photo: close to the lossless source it was compressed from.
        #expect(meanAbsoluteDifference(image, try netpbmFixture("base.ppm")) < 3)
    }

    /// progressive, arithmetic and icc were made from baseline.jpg by lossless jpegtran
    /// transcoding, restart.jpg by cjpeg with the same settings: every decode is the same.
    @Test(arguments: ["progressive.jpg", "arithmetic.jpg", "restart.jpg", "icc.jpg"])
    func losslessVariantsDecodeToTheBaselinePixels(_ name: String) throws {
        let image = try decodeFixture(name)
        #expect(mismatch(image.pixels, try netpbmFixture("baseline.ppm").pixels) == nil)
    }

    @Test func headerReportsCodingAndColourSpace() throws {
        func header(_ name: String) throws -> JPEGDecoder.Header {
            let bytes = try codecFixture(name)
            return try bytes.withUnsafeBytes { raw in try JPEGDecoder(bytes: raw, name: name).readHeader() }
        }
        let baseline = try header("baseline.jpg")
        #expect(baseline == JPEGDecoder.Header(width: 157, height: 89, components: 3, colorSpace: .yCbCr,
                                               isProgressive: false, isArithmeticCoded: false,
                                               hasAdobeMarker: false, dataPrecision: 8))
        #expect(try header("progressive.jpg").isProgressive)
        #expect(try header("arithmetic.jpg").isArithmeticCoded)
        #expect(try header("gray.jpg").colorSpace == .gray)
        let cmyk = try header("cmyk.jpg")
        #expect(cmyk.colorSpace == .cmyk && cmyk.hasAdobeMarker && cmyk.components == 4)
        #expect(try header("ycck.jpg").colorSpace == .ycck)
        let plain = try header("cmyk-plain.jpg")
        #expect(plain.colorSpace == .cmyk && !plain.hasAdobeMarker)
    }

    @Test func grayscaleDecodesToOneChannelLikeDjpeg() throws {
        let image = try decodeFixture("gray.jpg")
        #expect(image.channels == 1 && image.width == Self.width && image.height == Self.height)
        #expect(mismatch(image.pixels, try netpbmFixture("gray.pgm").pixels) == nil)
    }

    /// cmyk.jpg: Adobe marker, inverted values. ycck.jpg: ImageMagick's CMYK JPEG (YCCK, inverted).
    /// cmyk-plain.jpg: no Adobe marker, plain ink values. All three must come back as the photo.
    @Test(arguments: ["cmyk.jpg", "ycck.jpg", "cmyk-plain.jpg"])
    func cmykComesOutAsTheRGBPhoto(_ name: String) throws {
        let image = try decodeFixture(name)
        #expect(image.channels == 3 && image.width == Self.width && image.height == Self.height)
        #expect(meanAbsoluteDifference(image, try netpbmFixture("base.ppm")) < 2.5)
    }

    @Test func ycckMatchesImageMagicksConversion() throws {
        let image = try decodeFixture("ycck.jpg")
        let reference = try netpbmFixture("cmyk-ref.ppm") // `convert ycck.jpg -colorspace sRGB`
        #expect(meanAbsoluteDifference(image, reference) < 0.5)
        #expect(maxAbsoluteDifference(image, reference) <= 1)
    }

    @Test func iccProfileIsReassembledFromAPP2() throws {
        let bytes = try codecFixture("icc.jpg")
        let profile = try bytes.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "icc.jpg")
            try decoder.readHeader()
            return decoder.iccProfile
        }
        #expect(profile == (try codecFixture("srgb.icc")))
        let plain = try codecFixture("baseline.jpg")
        try plain.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "baseline.jpg")
            try decoder.readHeader()
            #expect(decoder.iccProfile == nil)
        }
    }

    /// 157×89 divided by d, each side rounded up: 157/2 = 78.5 → 79, 89/2 = 44.5 → 45;
    /// 157/4 = 39.25 → 40, 89/4 = 22.25 → 23; 157/8 = 19.6 → 20, 89/8 = 11.1 → 12.
    @Test(arguments: [(1, 157, 89), (2, 79, 45), (4, 40, 23), (8, 20, 12)])
    func scaledDecodeRoundsSidesUpAndStaysThePhoto(_ d: Int, _ width: Int, _ height: Int) throws {
        let image = try decodeFixture("baseline.jpg", scaleDenominator: d)
        #expect(image.width == width)
        #expect(image.height == height)
        #expect(image.channels == 3)
        let reference = boxDownscale(try netpbmFixture("baseline.ppm"), by: d)
        #expect(meanAbsoluteDifference(image, reference) < 4)
    }

    @Test func rowsStreamInAnyBatchSize() throws {
        let bytes = try codecFixture("progressive.jpg")
        let reference = try netpbmFixture("baseline.ppm")
        try bytes.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "progressive.jpg")
            try decoder.start()
            #expect(decoder.outputWidth == 157 && decoder.outputHeight == 89 && decoder.outputChannels == 3)
            // Rows 5 bytes wider than needed, fetched 3 at a time.
            let stride = 157 * 3 + 5
            var buffer = [UInt8](repeating: 0xAA, count: stride * 89)
            var row = 0
            try buffer.withUnsafeMutableBufferPointer { out in
                while true {
                    let got = try decoder.readRows(into: out.baseAddress! + row * stride, stride: stride, maxRows: 3)
                    if got == 0 { break }
                    #expect(got <= 3)
                    row += got
                }
            }
            #expect(row == 89)
            for y in 0 ..< 89 {
                #expect(Array(buffer[y * stride ..< y * stride + 157 * 3]) == Array(reference.pixels[y * 471 ..< (y + 1) * 471]))
                #expect(buffer[y * stride + 471 ..< (y + 1) * stride].allSatisfy { $0 == 0xAA })
            }
            #expect(decoder.warningCount == 0 && decoder.firstWarning == nil)
        }
    }

    @Test func truncatedDataThrowsTruncated() throws {
        #expect {
            try decodeFixture("truncated.jpg")
        } throws: { error in
            guard case let .truncated(file, detail) = error as? ImagePrepError else { return false }
            return file == "truncated.jpg" && detail.contains("Premature end")
        }
    }

    @Test func truncationCanBeAWarningWithGreyRows() throws {
        let bytes = try codecFixture("truncated.jpg")
        try bytes.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "truncated.jpg", failOnTruncation: false)
            try decoder.start()
            let image = try ImageCodec.readAll(from: decoder, name: "truncated.jpg")
            #expect(decoder.warningCount >= 1)
            #expect(decoder.firstWarning?.contains("Premature end") == true)
            // The top half is the photo, the last row is libjpeg's mid-grey fill.
            let reference = try netpbmFixture("baseline.ppm")
            let top = 20 * 157 * 3
            #expect(Array(image.pixels[..<top]) == Array(reference.pixels[..<top]))
            #expect(image.pixel(x: 80, y: 88) == [128, 128, 128])
        }
    }

    @Test(arguments: ["garbage.bin", "garbage.jpg"])
    func garbageThrowsCorrupt(_ name: String) throws {
        let bytes = try codecFixture(name)
        #expect {
            try bytes.withUnsafeBytes { raw in
                let decoder = try JPEGDecoder(bytes: raw, name: name)
                try decoder.start()
                _ = try ImageCodec.readAll(from: decoder, name: name)
            }
        } throws: { error in
            guard case let .corrupt(file, detail) = error as? ImagePrepError else { return false }
            return file == name && !detail.isEmpty
        }
    }

    /// No installed tool writes a 12-bit JPEG; a baseline file whose SOF0 says 12 bits stands in.
    @Test func twelveBitPrecisionIsUnsupported() throws {
        var bytes = try codecFixture("baseline.jpg")
        let sof = try #require(Self.markerOffset(0xC0, in: bytes))
        bytes[sof + 4] = 12 // FF C0, length (2 bytes), precision
        #expect(throws: ImagePrepError.unsupportedImage(file: "12bit.jpg", detail: "Unsupported JPEG data precision 12")) {
            try ImageCodec.decode(bytes, name: "12bit.jpg")
        }
    }

    /// JPEG sides stop at 65535 (libjpeg: 65500), so the oversized header claims 60000 x 60000.
    @Test func hugeHeaderIsRefusedAtStartBeforeAllocating() throws {
        var bytes = try codecFixture("baseline.jpg")
        let sof = try #require(Self.markerOffset(0xC0, in: bytes))
        bytes.replaceSubrange(sof + 5 ..< sof + 9, with: [0xEA, 0x60, 0xEA, 0x60]) // height, width = 60000
        try bytes.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "huge.jpg")
            let header = try decoder.readHeader()
            #expect(header.width == 60000 && header.height == 60000)
            #expect(throws: ImagePrepError.tooManyPixels(file: "huge.jpg", width: 60000, height: 60000, limit: 268_435_456)) {
                try decoder.start()
            }
        }
        // Without the limit the same header starts fine (row buffers only) and fails on the data.
        try bytes.withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "huge.jpg")
            try decoder.start(scaleDenominator: 8, maxPixels: Int.max)
            #expect(decoder.outputWidth == 7500)
        }
    }

    static func markerOffset(_ marker: UInt8, in bytes: [UInt8]) -> Int? {
        var i = 2
        while i + 3 < bytes.count, bytes[i] == 0xFF {
            if bytes[i + 1] == marker { return i }
            i += 2 + (Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]))
        }
        return nil
    }
}
