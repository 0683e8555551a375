import Foundation
import Testing
@testable import ImagePrep

/// HEIF (HEIC, AVIF) and WebP: probe against `vipsheader`'s numbers (written down below), pixels
/// against libvips' decodes stored in `Fixtures/formats/ref-*.png` by PSNR, orientation by the
/// marked corners of `orientation/upright.png` (red top-left, blue top-right).
@Suite struct PhoneWebFormatsTests {
    static func probe(_ path: String) throws -> ImageInfo {
        try ImageProbe.probe(file: fixture(path))
    }

    /// Decodes a fixture as stored, through `ImageCodec` (the path masks take).
    static func decode(_ path: String) throws -> PixelImage {
        try ImageCodec.decode(Data(contentsOf: URL(fileURLWithPath: fixture(path))), name: path)
    }

    /// Decodes, orients and keeps the size, the way `prepare` renders.
    static func rendered(_ path: String) throws -> PixelImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(path)))
        let info = try probe(path)
        return try Preparer().render(data: data, name: path, orientation: info.orientation.rawValue, target: nil)
    }

    static func close(_ pixel: [UInt8], to expected: [UInt8], within tolerance: Int = 40) -> Bool {
        zip(pixel, expected).allSatisfy { abs(Int($0) - Int($1)) <= tolerance }
    }

    /// Red in the top-left corner, blue in the top-right: `orientation/upright.png` shown upright.
    static func isUpright(_ image: PixelImage) -> Bool {
        close(Array(image.pixel(x: 10, y: 10).prefix(3)), to: [255, 0, 0])
            && close(Array(image.pixel(x: image.width - 11, y: 10).prefix(3)), to: [0, 0, 255])
    }

    // MARK: probe

    /// (file, format, width, height as stored, bit depth, alpha, ICC, EXIF-equivalent orientation,
    /// animated): sizes and alpha as `vipsheader` reports them (for the grids, vips shows the size
    /// after irot, 240×160; stored is 160×240), orientations from how the files were made.
    static let headers: [(String, ImageFormat, Int, Int, Int, Bool, Bool, Int, Bool)] = [
        ("formats/upright.heic", .heic, 240, 160, 8, false, false, 1, false),
        ("formats/upright.avif", .avif, 240, 160, 8, false, false, 1, false),
        ("formats/ten-bit.heic", .heic, 240, 160, 10, false, false, 1, false),
        ("formats/alpha.heic", .heic, 320, 180, 8, true, false, 1, false),
        ("formats/camera-iphone7.heic", .heic, 512, 300, 8, false, true, 1, false),
        ("formats/exif6-no-irot.heic", .heic, 160, 240, 8, false, false, 1, false),
        ("formats/grid-irot6.heic", .heic, 160, 240, 8, false, false, 6, false),
        ("formats/grid-irot1-imir7.heic", .heic, 160, 240, 8, false, false, 7, false),
        ("formats/lossy.webp", .webp, 240, 160, 8, false, false, 1, false),
        ("formats/lossless.webp", .webp, 240, 160, 8, false, false, 1, false),
        ("formats/alpha.webp", .webp, 320, 180, 8, true, false, 1, false),
        ("formats/exif6.webp", .webp, 160, 240, 8, false, false, 6, false),
        ("formats/icc.webp", .webp, 157, 89, 8, false, true, 1, false),
        ("formats/animated.webp", .webp, 240, 160, 8, false, false, 1, true),
        ("probe/tiny.webp", .webp, 32, 18, 8, false, false, 1, false),
        ("probe/tiny.heic", .heic, 32, 18, 8, false, false, 1, false),
        ("probe/tiny.avif", .avif, 32, 18, 8, false, false, 1, false),
        ("probe/webp-named.jpg", .webp, 32, 18, 8, false, false, 1, false),   // by content, not name
    ]

    @Test(arguments: PhoneWebFormatsTests.headers)
    func headerIsReadWithoutDecoding(_ c: (String, ImageFormat, Int, Int, Int, Bool, Bool, Int, Bool)) throws {
        let info = try Self.probe(c.0)
        #expect(info.format == c.1)
        #expect(info.width == c.2 && info.height == c.3, "\(info)")
        #expect(info.bitDepth == c.4)
        #expect(info.hasTransparency == c.5)
        #expect(info.hasICCProfile == c.6)
        #expect(info.orientation.rawValue == c.7)
        #expect(info.isAnimated == c.8)
    }

    @Test func theDecoderAgreesWithTheProbeOnTheStoredSize() throws {
        for c in Self.headers where c.0.hasPrefix("formats/") {
            let image = try Self.decode(c.0)
            #expect(image.width == c.2 && image.height == c.3, "\(c.0)")
            #expect(image.channels == (c.5 ? 4 : 3), "\(c.0)")
        }
    }

    @Test func hostileHeadersAreRefusedByTheProbe() throws {
        #expect(throws: ImagePrepError.invalidDimensions(file: fixture("formats/zero-ispe.heic"), width: 0, height: 0)) {
            try Self.probe("formats/zero-ispe.heic")
        }
        let grid = try Self.probe("formats/grid-65535.heic")
        #expect(grid.width == 65535 && grid.height == 65535)
        #expect(throws: ImagePrepError.self) {
            try PreparePlan.make(for: grid, profile: nil, options: PrepareOptions(), name: "grid")
        }
        let result = Result { () throws(ImagePrepError) in try ImageProbe.probe(file: fixture("formats/vp8x-16383-no-data.webp")) }
        guard case .failure(.truncated) = result else {
            Issue.record("a VP8X header with no image data: \(result)")
            return
        }
    }

    @Test func everyTruncationOfTheFixturesFailsCleanly() throws {
        for path in ["formats/upright.heic", "formats/grid-irot6.heic", "formats/lossy.webp", "formats/animated.webp"] {
            let bytes = fixtureBytes(path)
            var cut = 1
            while cut < bytes.count {
                let prefix = Array(bytes.prefix(cut))
                var failed = false
                do {
                    let info = try ImageProbe.probe(bytes: prefix, name: "cut")
                    _ = try Preparer().render(data: Data(prefix), name: "cut", orientation: info.orientation.rawValue, target: nil)
                } catch {
                    failed = true
                }
                #expect(failed, "\(path) cut at \(cut) of \(bytes.count) was accepted")
                cut = cut < 64 ? cut + 7 : cut * 3 / 2
            }
        }
    }

    // MARK: pixels

    /// Against libvips' decode of the same file (libheif / libwebp underneath, but not this code).
    /// Thresholds: 8-bit decodes should agree to the level (≥ 50 dB); the 10-bit file is brought
    /// to 8 bits by libheif here and by vips' own scaling there (≥ 40 dB); alpha compared with
    /// colour under it (≥ 40 dB).
    @Test(arguments: [
        ("formats/upright.heic", "formats/ref-upright-heic.png", 50.0),
        ("formats/upright.avif", "formats/ref-upright-avif.png", 50.0),
        ("formats/ten-bit.heic", "formats/ref-ten-bit-heic.png", 40.0),
        ("formats/alpha.heic", "formats/ref-alpha-heic.png", 40.0),
        ("formats/lossy.webp", "formats/ref-lossy-webp.png", 50.0),
        ("formats/alpha.webp", "formats/ref-alpha-webp.png", 50.0),
    ])
    func pixelsMatchAnIndependentDecode(_ path: String, _ reference: String, _ threshold: Double) throws {
        let image = try Self.decode(path)
        let expected = try Self.decode(reference)
        #expect(image.width == expected.width && image.height == expected.height && image.channels == expected.channels)
        let score = psnr(image, expected)
        #expect(score >= threshold, "\(path): \(score) dB")
    }

    @Test func theCameraFileMatchesVipsInAWindow() throws {
        let image = try Self.decode("formats/camera-iphone7.heic")
        let window = try Self.decode("formats/ref-camera-iphone7-crop-176-70.png")
        var crop: [UInt8] = []
        for y in 70 ..< 230 { for x in 176 ..< 336 { crop += image.pixel(x: x, y: y) } }
        let score = psnr(PixelImage(width: 160, height: 160, channels: 3, pixels: crop), window)
        #expect(score >= 50, "\(score) dB")
    }

    @Test func losslessWebPIsExact() throws {
        let image = try Self.decode("formats/lossless.webp")
        let source = try Self.decode("orientation/upright.png")
        #expect(image.pixels == source.pixels)
    }

    @Test func anAnimationGivesItsFirstFrameAndSaysSo() throws {
        let bytes = fixtureBytes("formats/animated.webp")
        let first = try bytes.withUnsafeBytes { (raw) throws -> (PixelImage, Int) in
            let decoder = try WebPDecoder(bytes: raw, name: "animated.webp")
            let header = try decoder.readHeader()
            #expect(header.isAnimated && header.frameCount == 2)
            try decoder.start()
            let image = try ImageCodec.readAll(from: decoder, name: "animated.webp")
            #expect(decoder.firstWarning?.contains("first of 2 frames") == true)
            return (image, decoder.warningCount)
        }
        #expect(first.1 == 1)
        // the first frame is the upright picture, the second its top-bottom mirror image
        #expect(Self.isUpright(first.0))
        let source = try Self.decode("orientation/upright.png")
        #expect(psnr(first.0, source) > 30)
    }

    @Test func aHEIFWithSeveralImagesGivesItsPrimaryAndSaysSo() throws {
        let bytes = fixtureBytes("formats/two-images.heic")
        let (image, warning) = try bytes.withUnsafeBytes { (raw) throws -> (PixelImage, String?) in
            let decoder = try HEIFDecoder.open(raw, name: "two-images.heic", maxPixels: 1 << 20)
            return (try ImageCodec.readAll(from: decoder, name: "two-images.heic"), decoder.firstWarning)
        }
        #expect(warning?.contains("2 images") == true, "\(warning ?? "no warning")")
        // the primary is the upright picture, the second image its top-bottom mirror image
        #expect(Self.isUpright(image))
    }

    @Test func iccProfilesComeFromTheContainer() throws {
        let webp = fixtureBytes("formats/icc.webp")
        let jpegProfile = try fixtureBytes("codecs/icc.jpg").withUnsafeBytes { raw in
            let decoder = try JPEGDecoder(bytes: raw, name: "icc.jpg")
            try decoder.readHeader()
            return decoder.iccProfile
        }
        let webpProfile = try webp.withUnsafeBytes { raw in
            let decoder = try WebPDecoder(bytes: raw, name: "icc.webp")
            try decoder.readHeader()
            return decoder.iccProfile
        }
        #expect(webpProfile != nil && webpProfile == jpegProfile)
        let camera = try fixtureBytes("formats/camera-iphone7.heic").withUnsafeBytes { raw in
            let decoder = try HEIFDecoder(bytes: raw, name: "camera.heic")
            try decoder.readHeader()
            return decoder.iccProfile
        }
        let profile = try #require(camera)
        // an ICC header: its size first, 'acsp' at 36, an RGB colour space
        #expect(profile.count == 548)
        #expect(Array(profile[36 ..< 40]) == Array("acsp".utf8) && Array(profile[16 ..< 20]) == Array("RGB ".utf8))
    }

    /// The camera file's Display P3 colours are converted to sRGB (its profile is not carried):
    /// a window of the prepared JPEG against vips's colour-managed conversion of the same file.
    @Test func theCameraFilesDisplayP3IsConvertedToSRGB() throws {
        let prepared = try Preparer().prepare(file: fixture("formats/camera-iphone7.heic"))
        #expect(prepared.format == .jpeg)
        #expect(prepared.actions.contains(.toSRGB))
        let (image, profile) = try prepared.bytes.withUnsafeBytes { raw throws in
            let decoder = try JPEGDecoder(bytes: raw, name: "out.jpg")
            try decoder.readHeader()
            let profile = decoder.iccProfile
            return (try ImageCodec.decode(Data(prepared.bytes), name: "out.jpg"), profile)
        }
        #expect(profile == nil, "the pixels are sRGB now: no profile")
        let window = try Self.decode("formats/ref-camera-iphone7-srgb-crop-176-70.png")
        var crop: [UInt8] = []
        for y in 70 ..< 230 { for x in 176 ..< 336 { crop += image.pixel(x: x, y: y) } }
        let score = psnr(PixelImage(width: 160, height: 160, channels: 3, pixels: crop), window)
        #expect(score >= 37, "\(score) dB against vips icc_transform")   // the colour work's bar
    }

    @Test func aCutInsideTheFileTypeBoxIsTruncated() {
        let heic = fixtureBytes("formats/upright.heic")
        for cut in 5 ..< 12 {   // 1-4 bytes could be anything
            let result = Result { () throws(ImagePrepError) in try ImageProbe.probe(bytes: Array(heic.prefix(cut)), name: "cut") }
            guard case .failure(.truncated) = result else {
                Issue.record("cut at \(cut): \(result)")
                continue
            }
        }
    }

    @Test func theDecodeLimitIsCheckedBeforeDecoding() throws {
        for path in ["formats/upright.heic", "formats/lossy.webp", "formats/animated.webp"] {
            #expect(throws: ImagePrepError.tooManyPixels(file: path, width: 240, height: 160, limit: 1000)) {
                try ImageCodec.decode(fixtureBytes(path), name: path, maxPixels: 1000)
            }
        }
    }

    // MARK: orientation exactly once

    @Test(arguments: ["formats/grid-irot6.heic", "formats/grid-irot1-imir7.heic", "formats/exif6.webp"])
    func turnedFilesComeOutUpright(_ path: String) throws {
        let image = try Self.rendered(path)
        #expect(image.width == 240 && image.height == 160)
        #expect(Self.isUpright(image), "\(path): \(image.pixel(x: 10, y: 10)) \(image.pixel(x: 229, y: 10))")
        let source = try Self.decode("orientation/upright.png")
        #expect(psnr(Self.dropAlpha(image), source) > 30)
    }

    /// HEIF's EXIF orientation is informational: a HEIC stored 160×240 with EXIF 6 and no irot
    /// stays as stored (the stored pixels of `orientation/6.jpg`, the upright picture turned 90°
    /// anticlockwise: blue in the top-left corner, red in the bottom-left).
    @Test func aHEICsEXIFOrientationIsNeverApplied() throws {
        let image = try Self.rendered("formats/exif6-no-irot.heic")
        #expect(image.width == 160 && image.height == 240)
        #expect(Self.close(image.pixel(x: 10, y: 10), to: [0, 0, 255]), "\(image.pixel(x: 10, y: 10))")
        #expect(Self.close(image.pixel(x: 10, y: 229), to: [255, 0, 0]), "\(image.pixel(x: 10, y: 229))")
    }

    static func dropAlpha(_ image: PixelImage) -> PixelImage {
        image.channels == 4 ? image.droppingAlpha() : image
    }

    // MARK: prepare

    @Test(arguments: ["formats/grid-irot6.heic", "formats/exif6.webp", "formats/upright.avif", "formats/ten-bit.heic"])
    func prepareReencodesOpaqueInputsToJPEG(_ path: String) throws {
        let prepared = try Preparer().prepare(file: fixture(path))
        #expect(prepared.format == .jpeg)
        #expect(prepared.actions.contains(.reencode))
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        #expect(image.width > image.height, "upright: landscape")
        #expect(Self.isUpright(image))
    }

    @Test(arguments: ["formats/alpha.heic", "formats/alpha.webp"])
    func prepareKeepsRealTransparencyAsPNG(_ path: String) throws {
        let prepared = try Preparer().prepare(file: fixture(path))
        #expect(prepared.format == .png)
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        #expect(image.channels == 4)
        #expect(Set(stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }).contains(0))
    }

    @Test func preflightSaysFixableWithReencode() throws {
        for c in Self.headers {
            let info = try Self.probe(c.0)
            let plan = try PreparePlan.make(for: info, profile: nil, options: PrepareOptions(), name: c.0)
            #expect(plan.actions.contains(.reencode), "\(c.0)")
        }
    }
}
