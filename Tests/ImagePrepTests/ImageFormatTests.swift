import Testing
@testable import ImagePrep

@Suite struct ImageFormatTests {
    @Test(arguments: [
        ("photo.jpg", ImageFormat.jpeg),
        ("orientation/upright.png", .png),
        ("probe/tiny.webp", .webp),
        ("probe/tiny.gif", .gif),
        ("probe/tiny.tiff", .tiff),
        ("probe/tiny.bmp", .bmp),
        ("probe/tiny.heic", .heic),
        ("probe/tiny.avif", .avif),
        ("probe/webp-named.jpg", .webp),
        ("probe/animated.png", .png),
        ("probe/arithmetic.jpg", .jpeg),
    ])
    func sniffsFixturesByContent(_ file: String, _ expected: ImageFormat) {
        #expect(ImageFormat.sniff(fixtureBytes(file)) == expected)
    }

    @Test func sniffsNothingFromGarbageOrEmptyData() {
        #expect(ImageFormat.sniff(fixtureBytes("probe/garbage.jpg")) == nil)
        #expect(ImageFormat.sniff([]) == nil)
        #expect(ImageFormat.sniff([0xFF, 0xD8]) == nil)           // one byte short of the JPEG signature
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("GIF88a".utf8)) == nil)
    }

    @Test func sniffsEachSignature() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF]) == .jpeg)
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(ImageFormat.sniff(Array("RIFF\u{1}\u{2}\u{3}\u{4}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("GIF87a".utf8)) == .gif)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == .gif)
        #expect(ImageFormat.sniff([0x49, 0x49, 0x2A, 0x00]) == .tiff)
        #expect(ImageFormat.sniff([0x4D, 0x4D, 0x00, 0x2A]) == .tiff)
        #expect(ImageFormat.sniff(Array("BM".utf8)) == .bmp)
    }

    /// An ISO-BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands.
    private func ftyp(_ major: String, compatible: [String] = []) -> [UInt8] {
        let size = 16 + 4 * compatible.count
        return [0, 0, UInt8(size >> 8), UInt8(size & 0xFF)] + Array("ftyp\(major)".utf8) + [0, 0, 0, 0]
            + compatible.flatMap { Array($0.utf8) }
    }

    @Test(arguments: ["heic", "heix", "hevc", "hevx", "mif1", "msf1"])
    func heifBrandsAreHEIC(_ brand: String) {
        #expect(ImageFormat.sniff(ftyp(brand)) == .heic)
    }

    @Test(arguments: ["avif", "avis"])
    func avifBrandsAreAVIF(_ brand: String) {
        #expect(ImageFormat.sniff(ftyp(brand)) == .avif)
    }

    @Test func genericMajorBrandIsResolvedByCompatibleBrands() {
        #expect(ImageFormat.sniff(ftyp("mif1", compatible: ["miaf", "avif"])) == .avif)
        #expect(ImageFormat.sniff(ftyp("mif1", compatible: ["miaf", "heic"])) == .heic)
        // A compatible-brand list that claims more than is present is read only as far as the data goes.
        var lying = ftyp("mif1", compatible: ["miaf"])
        lying[2] = 0xFF
        #expect(ImageFormat.sniff(lying) == .heic)
    }

    @Test func otherISOBMFFFilesAreNotImages() {
        #expect(ImageFormat.sniff(ftyp("isom", compatible: ["mp41"])) == nil)   // an MP4 video
        #expect(ImageFormat.sniff(ftyp("qt  ")) == nil)
    }

    @Test func jpegPNGWebPAndHEIFAreSupported() {
        #expect(ImageFormat.allCases.filter(\.isSupported) == [.jpeg, .png, .webp, .heic, .avif, .heif])
        #expect(ImageFormat.allCases.filter(\.isHEIF) == [.heic, .avif, .heif])
        #expect(ImageFormat.allCases.map(\.rawValue) == ["jpeg", "png", "webp", "gif", "heic", "avif", "tiff", "bmp", "heif"])
        #expect(ImageFormat.heif.mimeType == "image/heif")
        #expect(ImageFormat.jpeg.mimeType == "image/jpeg")
        #expect(ImageFormat.png.mimeType == "image/png")
    }

    @Test func colorModelAlpha() {
        #expect(ColorModel.allCases.filter(\.hasAlpha) == [.grayAlpha, .rgba])
        #expect(ColorModel.gray.storedChannels == 1)
        #expect(ColorModel.cmyk.storedChannels == 4)
    }

    @Test func orientationSwapsOnlyFiveToEight() {
        #expect(Orientation.allCases.map(\.rawValue) == Array(1 ... 8))
        #expect(Orientation.allCases.filter(\.swapsDimensions) == [.leftMirrored, .right, .rightMirrored, .left])
        #expect(Orientation.allCases.filter(\.isMirrored) == [.upMirrored, .downMirrored, .leftMirrored, .rightMirrored])
        #expect(Orientation.right.description == "rotate 90° clockwise")
        #expect(Orientation(rawValue: 0) == nil)
        #expect(Orientation(rawValue: 9) == nil)
    }
}
