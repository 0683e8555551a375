import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ImagePrep

// MARK: - Helpers

/// The error a probe of `relative` (under Fixtures/) throws, or nil when it succeeds.
private func probeError(_ relative: String) -> ImagePrepError? {
    do {
        _ = try ImageProbe.probe(file: fixture(relative))
        return nil
    } catch {
        return error
    }
}

/// The error a probe of `bytes` throws, or nil when it succeeds.
private func probeError(bytes: [UInt8]) -> ImagePrepError? {
    do {
        _ = try ImageProbe.probe(bytes: bytes, name: "test")
        return nil
    } catch {
        return error
    }
}

/// Checks what the probe makes of hostile `bytes`: either a header whose fields are possible
/// (positive dimensions, PNG sides within 2³¹−1, JPEG sides within 65535, a legal bit depth, the
/// byte count as file size), or an error that names `name` and is of a kind a byte buffer can
/// cause (never "cannot read", "too large" or a write error).
private func checkOutcome(_ bytes: [UInt8], name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let info = try ImageProbe.probe(bytes: bytes, name: name)
        // the format the bytes say they are, and sizes and depths that format can express
        #expect(info.format == ImageFormat.sniff(bytes), sourceLocation: sourceLocation)
        let sideLimit: Int, depths: [Int]
        switch info.format {
        case .png: (sideLimit, depths) = (0x7FFF_FFFF, [1, 2, 4, 8, 16])        // PNG's five depths
        case .jpeg: (sideLimit, depths) = (0xFFFF, Array(2 ... 16))              // T.81: 2-16 bits
        case .webp: (sideLimit, depths) = (1 << 24, [8])                          // VP8X: 24-bit sides minus one
        default: (sideLimit, depths) = (0xFFFF_FFFF, Array(1 ... 16))           // HEIF ispe: 32-bit sides
        }
        #expect((1 ... sideLimit).contains(info.width) && (1 ... sideLimit).contains(info.height),
                "\(info.width)×\(info.height)", sourceLocation: sourceLocation)
        #expect(depths.contains(info.bitDepth), "bit depth \(info.bitDepth)", sourceLocation: sourceLocation)
        #expect(info.fileSize == bytes.count, sourceLocation: sourceLocation)
    } catch {
        switch error {
        case let .unsupportedFormat(file, _), let .unknownFormat(file), let .corrupt(file, _), let .truncated(file, _),
             let .unsupportedImage(file, _), let .invalidDimensions(file, _, _):
            #expect(file == name, sourceLocation: sourceLocation)
        default:
            Issue.record("\(name): a probe of bytes in memory threw \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// The `detail` of a `.corrupt` error, or nil for anything else.
private func corruptDetail(_ error: ImagePrepError?) -> String? {
    if case let .corrupt(_, detail) = error { return detail }
    return nil
}

/// The `detail` of a `.truncated` error, or nil for anything else.
private func truncatedDetail(_ error: ImagePrepError?) -> String? {
    if case let .truncated(_, detail) = error { return detail }
    return nil
}

private func be16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
private func be32(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}

/// Pieces of hand-made JPEG streams.
private enum JPEGBytes {
    static let soi: [UInt8] = [0xFF, 0xD8]
    static let eoi: [UInt8] = [0xFF, 0xD9]

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + be16(payload.count + 2) + payload
    }

    static func sof(_ marker: UInt8 = 0xC0, precision: UInt8 = 8, width: Int, height: Int, components: Int = 3) -> [UInt8] {
        var payload: [UInt8] = [precision] + be16(height) + be16(width) + [UInt8(components)]
        for index in 0 ..< components { payload += [UInt8(index + 1), 0x11, 0] }
        return segment(marker, payload)
    }

    static let sos = segment(0xDA, [1, 1, 0x00, 0, 63, 0])
    static let dqt = segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))

    static func adobe(transform: UInt8) -> [UInt8] {
        segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, transform])
    }

    static func exif(_ orientation: UInt16) -> [UInt8] {
        segment(0xE1, exifPrefix + TIFFBuilder.orientation(orientation, littleEndian: false))
    }

    /// A complete header: SOI, extra segments, DQT, SOF, SOS, a few scan bytes, EOI.
    static func image(_ before: [UInt8] = [], sof: [UInt8] = sof(width: 16, height: 8)) -> [UInt8] {
        soi + before + dqt + sof + sos + [0x12, 0x34] + eoi
    }
}

/// Pieces of hand-made PNG streams, with correct CRCs (from the tests' own CRC, not the probe's).
private enum HandMadePNG {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        PNGBytes.chunk(type, data)
    }

    static func ihdr(width: UInt32 = 16, height: UInt32 = 8, depth: UInt8 = 8, colorType: UInt8 = 2,
                     compression: UInt8 = 0, filter: UInt8 = 0, interlace: UInt8 = 0) -> [UInt8] {
        chunk("IHDR", be32(width) + be32(height) + [depth, colorType, compression, filter, interlace])
    }

    static let idat = chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])
    static let iend = chunk("IEND", [])

    static func image(ihdr: [UInt8] = ihdr(), before: [UInt8] = [], after: [UInt8] = []) -> [UInt8] {
        signature + ihdr + before + idat + after + iend
    }
}

// MARK: - Fixtures with known headers

@Suite struct ImageProbeTests {
    private static func info(
        _ format: ImageFormat, _ width: Int, _ height: Int, depth: Int = 8, _ model: ColorModel = .rgb,
        transparency: Bool = false, progressive: Bool = false, arithmetic: Bool = false,
        orientation: Orientation = .up, icc: Bool = false, animated: Bool = false, subsampled: Bool = false,
        file: String
    ) -> ImageInfo {
        ImageInfo(format: format, width: width, height: height, bitDepth: depth, colorModel: model,
                  hasTransparency: transparency, isProgressive: progressive, isArithmetic: arithmetic,
                  orientation: orientation, hasICCProfile: icc, isAnimated: animated,
                  hasSubsampledChroma: subsampled, fileSize: fixtureBytes(file).count)
    }

    /// `subsampled`: 4:2:0 by `vipsheader -f jpeg-chroma-subsample` (the 65535² header, which
    /// vips will not open, declares 2×2 luma sampling in its frame header).
    static let expectations: [(String, ImageInfo)] = [
        ("photo.jpg", info(.jpeg, 640, 360, file: "photo.jpg")),
        ("orientation/upright.png", info(.png, 240, 160, file: "orientation/upright.png")),
        ("orientation/6.png", info(.png, 160, 240, orientation: .right, file: "orientation/6.png")),
        ("probe/baseline.jpg", info(.jpeg, 64, 36, subsampled: true, file: "probe/baseline.jpg")),
        ("probe/progressive.jpg", info(.jpeg, 64, 36, progressive: true, subsampled: true, file: "probe/progressive.jpg")),
        ("probe/arithmetic.jpg", info(.jpeg, 64, 36, arithmetic: true, subsampled: true, file: "probe/arithmetic.jpg")),
        ("probe/gray.jpg", info(.jpeg, 64, 36, .gray, file: "probe/gray.jpg")),
        ("probe/cmyk.jpg", info(.jpeg, 64, 36, .cmyk, file: "probe/cmyk.jpg")),
        ("probe/icc.jpg", info(.jpeg, 64, 36, icc: true, subsampled: true, file: "probe/icc.jpg")),
        ("probe/icc.png", info(.png, 64, 36, icc: true, file: "probe/icc.png")),
        ("probe/rgba.png", info(.png, 64, 36, .rgba, transparency: true, file: "probe/rgba.png")),
        ("probe/gray16.png", info(.png, 64, 36, depth: 16, .gray, file: "probe/gray16.png")),
        ("probe/palette-trns.png", info(.png, 64, 36, depth: 4, .palette, transparency: true, file: "probe/palette-trns.png")),
        ("probe/interlaced.png", info(.png, 64, 36, progressive: true, file: "probe/interlaced.png")),
        ("probe/animated.png", info(.png, 32, 18, animated: true, file: "probe/animated.png")),
        ("probe/exif-after-idat.png", info(.png, 64, 36, orientation: .down, file: "probe/exif-after-idat.png")),
        ("probe/exif-loop.jpg", info(.jpeg, 64, 36, orientation: .right, subsampled: true, file: "probe/exif-loop.jpg")),
        ("probe/xmp-then-exif.jpg", info(.jpeg, 64, 36, orientation: .left, subsampled: true, file: "probe/xmp-then-exif.jpg")),
        ("probe/small-200x150.jpg", info(.jpeg, 200, 150, subsampled: true, file: "probe/small-200x150.jpg")),
        ("probe/over-max-8000x5000.jpg", info(.jpeg, 8000, 5000, .gray, file: "probe/over-max-8000x5000.jpg")),
        ("probe/jpeg-65535x65535.jpg", info(.jpeg, 65535, 65535, subsampled: true, file: "probe/jpeg-65535x65535.jpg")),
        ("probe/jpeg-65500x65500.jpg", info(.jpeg, 65500, 65500, subsampled: true, file: "probe/jpeg-65500x65500.jpg")),
        ("probe/png-100000x100000.png", info(.png, 100_000, 100_000, file: "probe/png-100000x100000.png")),
    ]

    @Test(arguments: expectations)
    func probesFixtureExactly(_ file: String, _ expected: ImageInfo) throws {
        #expect(expected.fileSize > 0, "fixture \(file) is missing")
        let info = try ImageProbe.probe(file: fixture(file))
        #expect(info == expected)
        // The in-memory entry point agrees.
        #expect(try ImageProbe.probe(bytes: fixtureBytes(file), name: file) == expected)
    }

    @Test(arguments: 1 ... 8)
    func orientationFixturesCarryTheirTag(_ n: Int) throws {
        let info = try ImageProbe.probe(file: fixture("orientation/\(n).jpg"))
        #expect(info.orientation.rawValue == n)
        #expect(info.format == .jpeg && info.colorModel == .rgb && info.bitDepth == 8)
        // Stored as the inverse transform of the 240×160 upright view.
        #expect(info.width == (n >= 5 ? 160 : 240))
        #expect(info.height == (n >= 5 ? 240 : 160))
        #expect(info.orientedWidth == 240)
        #expect(info.orientedHeight == 160)
    }

    @Test func pixelCountsAndOrientedSizes() throws {
        #expect(try ImageProbe.probe(file: fixture("probe/small-200x150.jpg")).pixelCount == 30_000)
        #expect(try ImageProbe.probe(file: fixture("probe/over-max-8000x5000.jpg")).pixelCount == 40_000_000)
        #expect(try ImageProbe.probe(file: fixture("probe/png-100000x100000.png")).pixelCount == 10_000_000_000)
        let png6 = try ImageProbe.probe(file: fixture("orientation/6.png"))
        #expect((png6.orientedWidth, png6.orientedHeight) == (240, 160))
        #expect(png6.description == "png 160×240, 8-bit rgb, orientation 6 (rotate 90° clockwise)")
    }

    @Test func imageInfoRoundTripsThroughJSON() throws {
        let info = try ImageProbe.probe(file: fixture("orientation/6.jpg"))
        let decoded = try JSONDecoder().decode(ImageInfo.self, from: JSONEncoder().encode(info))
        #expect(decoded == info)
    }

    // MARK: - Errors from fixtures

    @Test(arguments: [
        ("probe/tiny.gif", "gif"), ("probe/tiny.tiff", "tiff"), ("probe/tiny.bmp", "bmp"),
    ])
    func unsupportedFormatsAreNamed(_ file: String, _ format: String) {
        #expect(probeError(file) == .unsupportedFormat(file: fixture(file), format: format))
    }

    @Test func garbageIsUnknownFormat() {
        #expect(probeError("probe/garbage.jpg") == .unknownFormat(file: fixture("probe/garbage.jpg")))
    }

    @Test func emptyFileIsTruncated() {
        #expect(probeError("probe/empty.png") == .truncated(file: fixture("probe/empty.png"), detail: "the file is empty"))
    }

    @Test func jpegCutBeforeTheFrameHeaderIsTruncated() throws {
        let detail = try #require(truncatedDetail(probeError("probe/truncated-header.jpg")))
        #expect(detail.contains("before the frame header (SOF)"))
    }

    @Test func zeroWidthPNGHasInvalidDimensions() {
        #expect(probeError("probe/png-zero-width.png")
            == .invalidDimensions(file: fixture("probe/png-zero-width.png"), width: 0, height: 100))
    }

    @Test func missingFilesAndDirectoriesAreUnreadable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.file("no-such-file.jpg")
        #expect(throws: ImagePrepError.unreadable(file: missing, reason: "No such file or directory")) {
            try ImageProbe.probe(file: missing)
        }
        #expect(throws: ImagePrepError.unreadable(file: dir.path, reason: "it is a directory")) {
            try ImageProbe.probe(file: dir.path)
        }
    }

    @Test func theTestsCRCIsTheStandardOne() {
        // the CRC-32 check value: "123456789" → 0xCBF43926 (ISO 3309 / ITU-T V.42, as PNG uses)
        #expect(PNGBytes.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        // and the IEND chunk every PNG ends with carries AE 42 60 82
        #expect(PNGBytes.chunk("IEND", []) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    // MARK: - Hand-made JPEG headers

    @Test func jpegSegmentLengthUnderTwoIsCorrupt() throws {
        let bytes = JPEGBytes.soi + [0xFF, 0xE0, 0x00, 0x01] + JPEGBytes.sof(width: 1, height: 1) + JPEGBytes.sos
        let detail = try #require(corruptDetail(probeError(bytes: bytes)))
        #expect(detail == "marker 0xFFE0 at byte 2 has length 1, under the minimum of 2")
    }

    @Test func jpegStructureErrorsAreCorrupt() {
        #expect(corruptDetail(probeError(bytes: JPEGBytes.soi + JPEGBytes.sos))?.contains("scan (SOS)") == true)
        #expect(corruptDetail(probeError(bytes: JPEGBytes.soi + JPEGBytes.eoi))?.contains("end-of-image") == true)
        #expect(corruptDetail(probeError(bytes: JPEGBytes.soi + JPEGBytes.soi))?.contains("second start-of-image") == true)
        // A frame header whose length does not match its component count.
        let short = JPEGBytes.segment(0xC0, [8] + be16(8) + be16(8) + [3, 1, 0x11, 0, 2, 0x11, 0])
        #expect(corruptDetail(probeError(bytes: JPEGBytes.image(sof: short)))?.contains("3 components need 17") == true)
        let none = JPEGBytes.segment(0xC0, [8] + be16(8) + be16(8) + [0])
        #expect(corruptDetail(probeError(bytes: JPEGBytes.image(sof: none)))?.contains("no components") == true)
        let tiny = JPEGBytes.segment(0xC0, [8, 0, 8])
        #expect(corruptDetail(probeError(bytes: JPEGBytes.image(sof: tiny)))?.contains("too short") == true)
        for precision: UInt8 in [0, 1, 17, 255] {
            let odd = JPEGBytes.sof(precision: precision, width: 8, height: 8)
            #expect(corruptDetail(probeError(bytes: JPEGBytes.image(sof: odd)))?.contains("\(precision)-bit") == true)
        }
    }

    @Test func jpegZeroDimensionsAreInvalid() {
        #expect(probeError(bytes: JPEGBytes.image(sof: JPEGBytes.sof(width: 0, height: 10)))
            == .invalidDimensions(file: "test", width: 0, height: 10))
        // Height 0 means "defined by a later DNL marker", which libjpeg does not support.
        #expect(probeError(bytes: JPEGBytes.image(sof: JPEGBytes.sof(width: 10, height: 0)))
            == .invalidDimensions(file: "test", width: 10, height: 0))
    }

    @Test func jpegComponentCountsMapToColorModels() throws {
        func model(_ before: [UInt8], _ components: Int) throws -> ColorModel {
            try ImageProbe.probe(bytes: JPEGBytes.image(before, sof: JPEGBytes.sof(width: 8, height: 8, components: components)),
                                 name: "test").colorModel
        }
        #expect(try model([], 1) == .gray)
        #expect(try model([], 3) == .rgb)
        #expect(try model([], 4) == .cmyk)
        #expect(try model(JPEGBytes.adobe(transform: 0), 4) == .cmyk)
        #expect(try model(JPEGBytes.adobe(transform: 2), 4) == .ycck)
        #expect(try model(JPEGBytes.adobe(transform: 1), 3) == .rgb)
        #expect(probeError(bytes: JPEGBytes.image(sof: JPEGBytes.sof(width: 8, height: 8, components: 2)))
            == .unsupportedImage(file: "test", detail: "JPEG with 2 colour components"))
    }

    @Test(arguments: [
        (UInt8(0xC0), false, false), (0xC1, false, false), (0xC2, true, false), (0xC3, false, false),
        (0xC5, false, false), (0xC6, true, false), (0xC7, false, false),
        (0xC9, false, true), (0xCA, true, true), (0xCB, false, true),
        (0xCD, false, true), (0xCE, true, true), (0xCF, false, true),
    ])
    func jpegFrameTypes(_ marker: UInt8, _ progressive: Bool, _ arithmetic: Bool) throws {
        let info = try ImageProbe.probe(bytes: JPEGBytes.image(sof: JPEGBytes.sof(marker, width: 8, height: 8)), name: "test")
        #expect(info.isProgressive == progressive)
        #expect(info.isArithmetic == arithmetic)
    }

    @Test func jpegTwelveBitIsReportedNotRefused() throws {
        let info = try ImageProbe.probe(bytes: JPEGBytes.image(sof: JPEGBytes.sof(precision: 12, width: 8, height: 8)), name: "t")
        #expect(info.bitDepth == 12)
    }

    @Test func jpegToleratesFillBytesAndStrayBytesBetweenSegments() throws {
        // (Right after SOI must come 0xFF: the signature is FF D8 FF.)
        let bytes = JPEGBytes.soi + [0xFF, 0xFF] + JPEGBytes.exif(6) + [0x00, 0x12, 0xFF, 0x00] + [0xFF, 0xFF, 0xFF]
            + [0xFF, 0xD0] + JPEGBytes.dqt + JPEGBytes.sof(width: 20, height: 10) + JPEGBytes.sos
        let info = try ImageProbe.probe(bytes: bytes, name: "t")
        #expect((info.width, info.height, info.orientation) == (20, 10, .right))
    }

    @Test func jpegFirstExifSegmentWinsAndXMPIsSkipped() throws {
        let xmp = JPEGBytes.segment(0xE1, xmpPrefix + Array("<x/>".utf8))
        let bytes = JPEGBytes.image(xmp + JPEGBytes.exif(3) + JPEGBytes.exif(6))
        #expect(try ImageProbe.probe(bytes: bytes, name: "t").orientation == .down)
        // An EXIF block that has no valid orientation still counts as the EXIF block.
        #expect(try ImageProbe.probe(bytes: JPEGBytes.image(JPEGBytes.exif(0) + JPEGBytes.exif(6)), name: "t").orientation == .up)
    }

    @Test func jpegSegmentsBetweenFrameAndScanAreRead() throws {
        let bytes = JPEGBytes.soi + JPEGBytes.sof(width: 8, height: 8) + JPEGBytes.exif(8)
            + JPEGBytes.segment(0xE2, Array("ICC_PROFILE".utf8) + [0, 1, 1]) + JPEGBytes.sos
        let info = try ImageProbe.probe(bytes: bytes, name: "t")
        #expect(info.orientation == .left && info.hasICCProfile)
    }

    @Test func jpegDamageAfterTheFrameHeaderIsLeftToTheDecoder() throws {
        let sof = JPEGBytes.sof(width: 8, height: 8)
        for tail: [UInt8] in [[], [0xFF], [0xFF, 0xE1, 0x00], [0xFF, 0xE1, 0x00, 0x01], [0xFF, 0xE1, 0x40, 0x00, 1], [0xFF, 0xD8]] {
            #expect(try ImageProbe.probe(bytes: JPEGBytes.soi + sof + tail, name: "t").width == 8)
        }
    }

    @Test func jpegSegmentRunningPastTheEndIsTruncated() throws {
        let bytes = JPEGBytes.soi + JPEGBytes.segment(0xE1, [UInt8](repeating: 7, count: 100)).prefix(50)
        let detail = try #require(truncatedDetail(probeError(bytes: Array(bytes))))
        #expect(detail == "marker 0xFFE1 at byte 2 claims 102 bytes but the data ends at byte 52, before the frame header (SOF)")
    }

    // MARK: - Hand-made PNG headers

    @Test func pngIHDRWithWrongLengthIsCorrupt() throws {
        let ihdr = HandMadePNG.chunk("IHDR", be32(8) + be32(8) + [8, 2, 0, 0, 0, 0])
        let detail = try #require(corruptDetail(probeError(bytes: HandMadePNG.image(ihdr: ihdr))))
        #expect(detail == "IHDR is 14 bytes long instead of 13")
    }

    @Test func pngIHDRWithBadCRCIsCorrupt() throws {
        var bytes = HandMadePNG.image()
        bytes[32] ^= 0x01
        let detail = try #require(corruptDetail(probeError(bytes: bytes)))
        #expect(detail.hasPrefix("IHDR CRC mismatch"))
    }

    @Test(arguments: [(UInt8(0), UInt8(3)), (0, 32), (2, 1), (2, 4), (3, 16), (4, 1), (4, 4), (6, 2), (6, 4), (0, 0)])
    func pngIllegalBitDepthForColorTypeIsCorrupt(_ colorType: UInt8, _ depth: UInt8) {
        let error = probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(depth: depth, colorType: colorType)))
        #expect(corruptDetail(error) == "IHDR bit depth \(depth) is not allowed with colour type \(colorType)")
    }

    @Test(arguments: [UInt8(1), 5, 7, 8, 255])
    func pngUndefinedColorTypeIsCorrupt(_ colorType: UInt8) {
        let error = probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(colorType: colorType)))
        #expect(corruptDetail(error) == "IHDR colour type \(colorType) is not defined")
    }

    @Test(arguments: [
        (UInt8(0), UInt8(1), ColorModel.gray), (0, 2, .gray), (0, 4, .gray), (0, 8, .gray), (0, 16, .gray),
        (2, 8, .rgb), (2, 16, .rgb), (3, 1, .palette), (3, 2, .palette), (3, 4, .palette), (3, 8, .palette),
        (4, 8, .grayAlpha), (4, 16, .grayAlpha), (6, 8, .rgba), (6, 16, .rgba),
    ])
    func pngLegalCombinations(_ colorType: UInt8, _ depth: UInt8, _ model: ColorModel) throws {
        let info = try ImageProbe.probe(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(depth: depth, colorType: colorType)), name: "t")
        #expect(info.colorModel == model && info.bitDepth == Int(depth))
        #expect(info.hasTransparency == model.hasAlpha)
    }

    @Test func pngUndefinedMethodsAreCorrupt() {
        #expect(corruptDetail(probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(compression: 1)))) == "IHDR compression method 1 is not defined")
        #expect(corruptDetail(probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(filter: 1)))) == "IHDR filter method 1 is not defined")
        #expect(corruptDetail(probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(interlace: 2)))) == "IHDR interlace method 2 is not defined")
    }

    @Test func pngDimensionsOutOfRangeAreInvalid() throws {
        #expect(probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(width: 0x8000_0000, height: 1)))
            == .invalidDimensions(file: "test", width: 0x8000_0000, height: 1))
        #expect(probeError(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(width: 5, height: 0)))
            == .invalidDimensions(file: "test", width: 5, height: 0))
        // 2³¹−1 is the largest side PNG allows: reported as declared
        let largest = try ImageProbe.probe(bytes: HandMadePNG.image(ihdr: HandMadePNG.ihdr(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)), name: "t")
        #expect(largest.width == 2_147_483_647 && largest.height == 2_147_483_647)
    }

    @Test func pngChunkStructureErrors() throws {
        // A chunk length over 2³¹−1 before IDAT.
        let huge = be32(0x8000_0000) + Array("tEXt".utf8)
        #expect(corruptDetail(probeError(bytes: HandMadePNG.signature + HandMadePNG.ihdr() + huge))?.contains("over the PNG limit") == true)
        // A chunk type that is not four letters.
        let badType = HandMadePNG.chunk("te1t", [1, 2])
        #expect(corruptDetail(probeError(bytes: HandMadePNG.image(before: badType)))?.contains("invalid type") == true)
        // IEND before any IDAT; a second IHDR.
        #expect(corruptDetail(probeError(bytes: HandMadePNG.signature + HandMadePNG.ihdr() + HandMadePNG.iend))?.contains("IEND") == true)
        #expect(corruptDetail(probeError(bytes: HandMadePNG.image(before: HandMadePNG.ihdr())))?.contains("second IHDR") == true)
        // Apple's CgBI PNGs put a chunk before IHDR.
        let cgbi = HandMadePNG.signature + HandMadePNG.chunk("CgBI", [0, 0, 0, 0]) + HandMadePNG.ihdr() + HandMadePNG.idat
        #expect(corruptDetail(probeError(bytes: cgbi))?.contains("Apple") == true)
    }

    @Test func pngChunkRunningPastTheEndIsTruncated() throws {
        let partial = Array(HandMadePNG.chunk("iCCP", [UInt8](repeating: 1, count: 40)).prefix(20))
        let detail = try #require(truncatedDetail(probeError(bytes: HandMadePNG.signature + HandMadePNG.ihdr() + partial)))
        #expect(detail == "chunk \"iCCP\" at byte 33 claims 40 bytes but the data ends at byte 53")
        let noData = try #require(truncatedDetail(probeError(bytes: HandMadePNG.signature + HandMadePNG.ihdr())))
        #expect(noData == "the data ends at byte 33, before the image data (IDAT)")
    }

    @Test func pngAncillaryChunksBeforeImageData() throws {
        let trns = HandMadePNG.chunk("tRNS", [0, 1, 0, 2, 0, 3])
        let actl = HandMadePNG.chunk("acTL", be32(3) + be32(0))
        let iccp = HandMadePNG.chunk("iCCP", Array("ICC".utf8) + [0, 0, 0x78, 0x9C])
        let exif3 = HandMadePNG.chunk("eXIf", TIFFBuilder.orientation(3, littleEndian: true))
        let exif6 = HandMadePNG.chunk("eXIf", TIFFBuilder.orientation(6, littleEndian: true))
        let info = try ImageProbe.probe(bytes: HandMadePNG.image(before: trns + actl + iccp + exif3 + exif6), name: "t")
        #expect(info.hasTransparency && info.isAnimated && info.hasICCProfile)
        #expect(info.orientation == .down)                              // the first eXIf wins
        // acTL after the image data does not make an APNG.
        #expect(try ImageProbe.probe(bytes: HandMadePNG.image(after: actl), name: "t").isAnimated == false)
        // eXIf after IDAT is found, even past other chunks.
        let late = HandMadePNG.image(after: HandMadePNG.idat + HandMadePNG.chunk("tEXt", Array("a\u{0}b".utf8)) + exif6)
        #expect(try ImageProbe.probe(bytes: late, name: "t").orientation == .right)
    }

    @Test func pngLateExifIsFoundByTypeAndCRCNearTheEnd() throws {
        let exif = HandMadePNG.chunk("eXIf", TIFFBuilder.orientation(6, littleEndian: true))
        let base = HandMadePNG.signature + HandMadePNG.ihdr() + HandMadePNG.idat
        // Junk between the image data and the eXIf does not hide it.
        for junk: [UInt8] in [[0, 0], be32(0xFFFF_FFFF) + Array("eXIf".utf8), be32(4) + [0, 1, 2, 3], be32(100) + Array("eXIf".utf8) + [1]] {
            #expect(try ImageProbe.probe(bytes: base + junk + exif + HandMadePNG.iend, name: "t").orientation == .right)
        }
        // A damaged or cut eXIf is ignored.
        var badCRC = exif
        badCRC[badCRC.count - 1] ^= 0xFF
        #expect(try ImageProbe.probe(bytes: base + badCRC + HandMadePNG.iend, name: "t").orientation == .up)
        #expect(try ImageProbe.probe(bytes: base + exif.dropLast(3), name: "t").orientation == .up)
        // Only the last 256 KiB are searched: an eXIf further from the end is not seen.
        let filler = HandMadePNG.chunk("tEXt", Array("Comment".utf8) + [0] + [UInt8](repeating: 0x41, count: 300_000))
        #expect(try ImageProbe.probe(bytes: base + exif + filler + HandMadePNG.iend, name: "t").orientation == .up)
        #expect(try ImageProbe.probe(bytes: base + filler + exif + HandMadePNG.iend, name: "t").orientation == .right)
        // An IDAT that claims more than is present: the header is still read.
        let cutIDAT = HandMadePNG.signature + HandMadePNG.ihdr() + be32(1000) + Array("IDAT".utf8) + [1, 2, 3]
        #expect(try ImageProbe.probe(bytes: cutIDAT, name: "t").width == 16)
    }

    // MARK: - Truncation and hostile input

    static let allFixtures: [String] = ["photo.jpg"] + fixtureFiles(in: "orientation") + fixtureFiles(in: "probe")

    @Test(arguments: allFixtures)
    func everyPrefixOfTheFirstTwoKilobytesProbesOrThrows(_ file: String) {
        let bytes = fixtureBytes(file)
        for length in 0 ..< min(bytes.count, 2048) {
            checkOutcome(Array(bytes[0 ..< length]), name: file)
        }
    }

    @Test func cutsBeforeTheJPEGFrameHeaderAreTruncatedAndLaterCutsSucceed() throws {
        let bytes = fixtureBytes("photo.jpg")
        let sofEnd = 0x8C + 2 + 17                         // photo.jpg's SOF0 starts at byte 0x8C
        #expect(bytes[0x8C] == 0xFF && bytes[0x8D] == 0xC0)
        for length in 0 ..< 400 {
            let error = probeError(bytes: Array(bytes[0 ..< length]))
            if length < sofEnd {
                #expect(truncatedDetail(error) != nil, "cut at \(length): \(String(describing: error))")
            } else {
                #expect(error == nil, "cut at \(length): \(String(describing: error))")
            }
        }
    }

    @Test func cutsBeforeThePNGImageDataAreTruncatedAndLaterCutsSucceed() throws {
        let bytes = fixtureBytes("probe/icc.png")
        let idatType = try #require((0 ..< bytes.count - 4).first { bytes[$0 ..< $0 + 4].elementsEqual("IDAT".utf8) })
        for length in 0 ..< idatType + 100 {
            let error = probeError(bytes: Array(bytes[0 ..< length]))
            if length < idatType + 4 {
                #expect(truncatedDetail(error) != nil, "cut at \(length): \(String(describing: error))")
            } else {
                #expect(error == nil, "cut at \(length): \(String(describing: error))")
            }
        }
    }

    @Test(arguments: ["photo.jpg", "probe/exif-loop.jpg", "probe/xmp-then-exif.jpg", "probe/icc.jpg", "probe/cmyk.jpg",
                      "orientation/upright.png", "orientation/6.png", "probe/animated.png", "probe/palette-trns.png",
                      "probe/exif-after-idat.png"])
    func bitFlippedHeadersNeverTrap(_ file: String) {
        var random = SplitMix64(seed: UInt64(file.utf8.count) &* 0x9E37_79B9)
        let original = Array(fixtureBytes(file).prefix(4096))
        let span = min(original.count, 700)
        for _ in 0 ..< 1500 {
            var bytes = original
            for _ in 0 ..< 1 + random.next(below: 8) {
                bytes[random.next(below: span)] = UInt8(truncatingIfNeeded: random.next())
            }
            let cut = random.next(below: 4) == 0 ? random.next(below: bytes.count + 1) : bytes.count
            checkOutcome(Array(bytes[0 ..< cut]), name: file)
        }
    }

    @Test func randomHeadersWithValidCRCsNeverTrap() {
        var random = SplitMix64(seed: 42)
        for _ in 0 ..< 3000 {
            let fields = (0 ..< 13).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var bytes = HandMadePNG.signature + HandMadePNG.chunk("IHDR", fields)
            // Random chunks, some with plausible types and lengths.
            for _ in 0 ..< random.next(below: 4) {
                let types = ["tRNS", "eXIf", "iCCP", "acTL", "IDAT", "IEND", "zzzz"]
                let body = (0 ..< random.next(below: 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                var chunk = HandMadePNG.chunk(types[random.next(below: types.count)], body)
                if random.next(below: 3) == 0 { chunk[random.next(below: 4)] = UInt8(truncatingIfNeeded: random.next()) }
                bytes += chunk
            }
            checkOutcome(bytes, name: "test")
        }
        for _ in 0 ..< 3000 {
            var bytes = JPEGBytes.soi
            for _ in 0 ..< 1 + random.next(below: 5) {
                let markers: [UInt8] = [0xC0, 0xC2, 0xC9, 0xE1, 0xE2, 0xEE, 0xDB, 0xDA, 0xD9, 0xD0, 0x00, 0xFF]
                let body = (0 ..< random.next(below: 30)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                bytes += [0xFF, markers[random.next(below: markers.count)]] + be16(random.next(below: 4) == 0 ? random.next(below: 65536) : body.count + 2) + body
            }
            checkOutcome(bytes, name: "test")
        }
        for _ in 0 ..< 2000 {
            let body = (0 ..< random.next(below: 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var tiff = TIFFBuilder(littleEndian: random.next(below: 2) == 0)
            tiff.u32(UInt32(random.next(below: 64)))
            tiff.bytes += body
            _ = ExifReader.orientation(tiff: tiff.bytes)
            checkOutcome(JPEGBytes.image(JPEGBytes.segment(0xE1, exifPrefix + tiff.bytes)), name: "test")
        }
    }

    // MARK: - Memory mapping

    /// A 4 GiB file with a JPEG (or PNG) header at the front probes without reading it.
    ///
    /// No clock decides this. The bytes are laid in a 4 GiB anonymous mapping, of which only the
    /// header's page has ever been touched; after the probe, `mincore` tells which pages it
    /// touched. Reading the whole image would touch 1,048,576 pages of 4 KiB; the probe may touch
    /// the header and, for PNG, the last 256 KiB it searches for a late eXIf chunk (64 pages,
    /// or one 2 MiB huge page): the bound is 1,024 pages (4 MiB).
    @Test(arguments: ["probe/jpeg-65500x65500.jpg", "probe/png-100000x100000.png"])
    func hugeFilesProbeWithoutBeingRead(_ file: String) throws {
        var header = fixtureBytes(file)
        if file.hasSuffix(".png") {
            // Replace the tiny IDAT and IEND by an IDAT that claims almost 2 GiB.
            header = Array(header.prefix(33)) + be32(0x7FFF_0000) + Array("IDAT".utf8)
        }
        try #require(header.count > 30, "fixture \(file) is missing")
        let size = 4 << 30
        let expectedPixels = file.hasSuffix(".png") ? 100_000 * 100_000 : 65_500 * 65_500

        // the file entry point maps a 4 GiB sparse file and reports its size
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("huge.bin")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(header)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        let fromFile = try ImageProbe.probe(file: path)
        #expect(fromFile.fileSize == size && fromFile.pixelCount == expectedPixels)

        #if os(Linux)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        // read-only, so the 4 GiB are never charged as memory; only the header's pages become writable
        let mapping = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0))
        try #require(mapping != UnsafeMutableRawPointer(bitPattern: -1), "mmap failed: errno \(errno)")
        defer { munmap(mapping, size) }
        let headerPages = (header.count + pageSize - 1) / pageSize * pageSize
        try #require(mprotect(mapping, headerPages, PROT_READ | PROT_WRITE) == 0, "mprotect failed: errno \(errno)")
        var residency = [UInt8](repeating: 0, count: size / pageSize)
        func touchedPages() -> Int {
            let status = residency.withUnsafeMutableBufferPointer { mincore(mapping, size, $0.baseAddress) }
            precondition(status == 0, "mincore failed: errno \(errno)")
            return residency.reduce(0) { $0 + Int($1 & 1) }
        }
        #expect(touchedPages() == 0, "a fresh anonymous mapping has no pages yet")
        header.withUnsafeBytes { mapping.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        let before = touchedPages()
        let info = try ImageProbe.probe(bytes: UnsafeRawBufferPointer(start: mapping, count: size), name: file)
        let touched = touchedPages() - before
        #expect(info.fileSize == size && info.pixelCount == expectedPixels)
        #expect(touched * pageSize <= 4 << 20, "the probe touched \(touched) pages of \(pageSize) bytes")
        #endif
    }
}

/// A small deterministic generator (SplitMix64) so the hostile-input tests are reproducible.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0 ..< bound` (bound > 0).
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
