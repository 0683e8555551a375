import Foundation
import Testing
@testable import ImagePrep

/// Gray widened to RGB (each level three times), so it compares with an RGB reference.
private func widened(_ image: PixelImage) -> PixelImage {
    guard image.channels == 1 else { return image }
    return PixelImage(width: image.width, height: image.height, channels: 3,
                      pixels: image.pixels.flatMap { [$0, $0, $0] })
}

/// The ICC profile embedded in a JPEG fixture.
private func embeddedProfile(_ file: String) throws -> [UInt8] {
    let bytes = fixtureBytes(file)
    return try bytes.withUnsafeBytes { (raw) throws -> [UInt8] in
        let decoder = try JPEGDecoder(bytes: raw, name: file)
        try decoder.readHeader()
        return try #require(decoder.iccProfile)
    }
}

/// No resizing: the fixtures are 160×90, under the edit endpoint's minimum.
private let asIs = PrepareOptions(minPixels: 1)

@Suite struct ColourTests {
    /// Each non-sRGB fixture against vips's colour-managed conversion of it
    /// (Fixtures/colour/make.sh): the decoded, converted pixels must score at least `threshold`,
    /// and the same pixels left unconverted must not, so the check can fail.
    @Test(arguments: [
        // file, reference, threshold (dB). Measured: Adobe RGB 70.0, Display P3 74.6, ProPhoto
        // 52.1 (vips converts the 16-bit samples, we the 8-bit ones), gray identical, LUT 43.6
        // (an 11³ table: lcms2's 8-bit interpolation here, vips's float pipeline there), CMYK
        // 68.1, YCCK 68.3 (as Pillow's lcms2 conversion). Unconverted (the naive CMYK
        // formula for the last two), the same pixels score 38.5, 41.0, 25.1, 25.6, 36.1, 18.6, 18.6.
        ("colour/adobe-rgb.jpg", "colour/reference/adobe-rgb.png", 50.0),
        ("colour/display-p3.jpg", "colour/reference/display-p3.png", 50.0),
        ("colour/prophoto-16bit.png", "colour/reference/prophoto-16bit.png", 50.0),
        ("colour/gray-gamma18.jpg", "colour/reference/gray-gamma18.png", 50.0),
        ("colour/lut-profile.jpg", "colour/reference/lut-profile.png", 42.0),
        ("colour/cmyk-profile.jpg", "colour/reference/cmyk-profile.png", 50.0),
        ("colour/ycck-profile.jpg", "colour/reference/ycck-profile.png", 50.0),
    ])
    func embeddedProfilesAreConvertedToSRGB(file: String, reference: String, threshold: Double) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(file)))
        let converted = try Preparer(options: asIs).render(data: data, name: file, orientation: 1, target: nil)
        let expected = try decodeFixtureImage(reference)
        let ours = widened(converted)
        try #require(ours.width == expected.width && ours.height == expected.height && ours.channels == expected.channels)
        let score = psnr(ours, expected)
        #expect(score >= threshold, "\(file): \(score) dB against vips")
        let unconverted = widened(try decodeFixtureImage(file))
        #expect(psnr(unconverted, expected) < threshold, "\(file): the unconverted pixels already match")
    }

    @Test(arguments: ["colour/adobe-rgb.jpg", "colour/display-p3.jpg", "colour/prophoto-16bit.png",
                      "colour/cmyk-profile.jpg", "colour/ycck-profile.jpg", "colour/gray-gamma18.jpg",
                      "colour/lut-profile.jpg"])
    func preparedFilesAreSRGBWithoutAProfile(file: String) throws {
        let prepared = try Preparer(options: asIs).prepare(file: fixture(file))
        #expect(prepared.actions.contains(.toSRGB))
        let info = try ImageProbe.probe(bytes: prepared.bytes, name: "out")
        #expect(!info.hasICCProfile)
        let base = (file as NSString).deletingPathExtension.replacingOccurrences(of: "colour/", with: "colour/reference/")
        let expected = try decodeFixtureImage(base + ".png")
        let decoded = widened(try ImageCodec.decode(prepared.bytes, name: "out"))
        // JPEG quality 92 included: 41.6-43.3 dB for the RGB and gray files, 52.1 for the PNG,
        // 36.7 and 36.4 for the two noisy CMYK files (their converted pixels score 68 dB: the
        // difference is the JPEG encoding), so the bar here sits under the 37 dB
        #expect(psnr(decoded, expected) >= 36, "\(file)")
    }

    @Test func aProfileThatIsSRGBInAllButNameCountsAsSRGB() throws {
        let renamed = fixture("colour/srgb-renamed.jpg")
        let report = Preflight.check(file: renamed, options: asIs)
        #expect(report.status == .ready)
        #expect(report.colorProfile == "Camera RGB (fixture)")
        let prepared = try Preparer(options: asIs).prepare(file: renamed)
        #expect(prepared.isPassthrough)
        // lcms2's own sRGB, as embedded by Pillow, is sRGB; the matrix profiles are not
        #expect(try ColorProfile(bytes: codecFixture("srgb.icc"), file: "srgb.icc").isSRGB)
        let a98 = try ColorProfile(bytes: try embeddedProfile("colour/adobe-rgb.jpg"), file: "a98.icc")
        #expect(!a98.isSRGB && a98.space == .rgb)
    }

    @Test func preflightNamesTheProfileAndPlansTheConversion() throws {
        let report = Preflight.check(file: fixture("colour/adobe-rgb.jpg"), options: asIs)
        #expect(report.status == .fixable)
        #expect(report.actions == [.toSRGB])
        #expect(report.colorProfile == "Artifex Software A98 ICC Profile")
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"color_profile\":\"Artifex Software A98 ICC Profile\""))
        #expect(report.summary.hasSuffix("ICC \"Artifex Software A98 ICC Profile\"): to-srgb → 160×90"))
        let plain = Preflight.check(file: fixture("photo.jpg"), options: asIs)
        #expect(plain.colorProfile == nil)
        #expect(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("\"color_profile\":null"))
        let cmyk = Preflight.check(file: fixture("colour/cmyk-profile.jpg"), options: asIs)
        #expect(cmyk.actions == [.convertColor, .toSRGB])
    }

    @Test func aProfileLittleCMSRejectsIsAWarningAndCountsAsAbsent() throws {
        let file = fixture("colour/broken-profile.jpg")
        #expect(Preflight.check(file: file, options: asIs).status == .ready)
        #expect(Preflight.check(file: file, options: asIs).colorProfile == nil)
        let prepared = try Preparer(options: asIs).prepare(file: file)
        #expect(prepared.isPassthrough)
        #expect(prepared.warnings.count == 1)
        #expect(prepared.warnings.first?.hasPrefix("ICC profile ignored") == true)
        // re-encoded, it carries no profile and its pixels are as decoded
        let forced = try Preparer(options: PrepareOptions(minPixels: 1, format: .png)).prepare(file: file)
        #expect(try !ImageProbe.probe(bytes: forced.bytes, name: "out").hasICCProfile)
        #expect(try ImageCodec.decode(forced.bytes, name: "out") == decodeFixtureImage("colour/broken-profile.jpg"))
    }

    @Test func cmykWithoutAProfileKeepsTheNaiveConversion() throws {
        let prepared = try Preparer(options: PrepareOptions(minPixels: 1, format: .png)).prepare(file: fixture("codecs/cmyk.jpg"))
        #expect(!prepared.actions.contains(.toSRGB))
        #expect(try ImageCodec.decode(prepared.bytes, name: "out") == decodeFixtureImage("codecs/cmyk.jpg"))
    }

    /// A source over a megapixel that is resized goes through the two-thread pipeline, whose
    /// threads convert the rows as they filter them. The 1600×900 Adobe RGB file is the fixture
    /// enlarged; its reference is vips's conversion of the fixture, enlarged the same way.
    @Test func largeImagesAreConvertedInsideTheResizePipeline() throws {
        let small = try decodeFixtureImage("colour/adobe-rgb.jpg")
        let large = try Resampler.resize(small, to: ImageSize(width: 1600, height: 900))
        let bytes = try JPEGEncoder.encode(large, quality: 98, chroma: .yuv444,
                                           iccProfile: try embeddedProfile("colour/adobe-rgb.jpg"))
        let target = ImageSize(width: 1200, height: 675)
        let options = PrepareOptions(maxPixels: target.pixels, minPixels: 1)
        let prepared = try Preparer(options: options).prepare(data: Data(bytes), name: "large.jpg")
        #expect(prepared.actions == [.downscale, .toSRGB] && prepared.size == target)
        let reference = try Resampler.resize(Resampler.resize(decodeFixtureImage("colour/reference/adobe-rgb.png"),
                                                              to: ImageSize(width: 1600, height: 900)), to: target)
        let unconverted = try Resampler.resize(large, to: target)
        let ours = try ImageCodec.decode(prepared.bytes, name: "out")
        let converted = psnr(ours, reference), plain = psnr(unconverted, reference)
        // measured: 48.3 dB converted, 38.5 unconverted
        #expect(converted >= 45 && plain < 40, "converted \(converted) dB, unconverted \(plain) dB")
    }

    /// Alpha survives the conversion untouched: the fixtures' converted pixels with an alpha ramp,
    /// as RGBA (Adobe RGB profile) and gray + alpha (gray profile, which the decoder widens to
    /// RGBA) PNGs, against the same references.
    @Test(arguments: [("colour/adobe-rgb.jpg", "colour/reference/adobe-rgb.png"),
                      ("colour/gray-gamma18.jpg", "colour/reference/gray-gamma18.png")])
    func alphaIsKeptWhileColoursAreConverted(file: String, reference: String) throws {
        let opaque = try decodeFixtureImage(file)
        let c = opaque.channels
        var pixels: [UInt8] = []
        for i in 0 ..< opaque.width * opaque.height {
            pixels += opaque.pixels[i * c ..< (i + 1) * c]
            pixels.append(UInt8(i % opaque.width * 255 / (opaque.width - 1)))
        }
        let withAlpha = PixelImage(width: opaque.width, height: opaque.height, channels: c + 1, pixels: pixels)
        let png = try PNGEncoder.encode(withAlpha, iccProfile: try embeddedProfile(file), name: "alpha.png")
        let rendered = try Preparer(options: asIs).render(data: Data(png), name: "alpha.png", orientation: 1, target: nil)
        try #require(rendered.channels == 4)
        #expect(plane(rendered, 3) == plane(withAlpha, c))
        let expected = try decodeFixtureImage(reference)
        #expect(psnr(rendered.droppingAlpha(), expected) >= 50)
    }
}
