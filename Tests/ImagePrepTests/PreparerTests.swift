import Foundation
import Testing
@testable import ImagePrep

@Suite struct PreparerTests {
    @Test func readyFilesAreCopiedByteForByte() throws {
        let path = fixture("photo.jpg")
        let prepared = try Preparer().prepare(file: path)
        #expect(prepared.isPassthrough)
        #expect(prepared.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(prepared.size == ImageSize(width: 640, height: 360))
    }

    @Test func oversizedImagesAreShrunkToFitTheBudget() throws {
        let options = PrepareOptions(maxPixels: 100_000)
        let prepared = try Preparer(options: options).prepare(file: fixture("photo.jpg"))
        #expect(prepared.actions == [.downscale])
        #expect(prepared.format == .jpeg)
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        #expect(image.width * image.height <= 100_000)
        // s = √(100,000 / 230,400) = 0.658808: 640s = 421.64 → 421, 360s = 237.17 → 237 (99,777 px)
        #expect(ImageSize(width: image.width, height: image.height) == ImageSize(width: 421, height: 237))
        #expect(prepared.size == ImageSize(width: image.width, height: image.height))
    }

    @Test func shrinkOnLoadGivesTheSamePictureAsAFullDecode() throws {
        // 640×360 → 150×84 decodes at 1/4 (160×90) before the Lanczos pass
        let path = fixture("photo.jpg")
        let target = ImageSize(width: 150, height: 84)
        let info = try ImageProbe.probe(file: path)
        #expect(PreparePlan.scaleDenominator(from: info, to: target) == 4)
        let fast = try Preparer().render(data: Data(contentsOf: URL(fileURLWithPath: path)), name: path, orientation: 1, target: target)
        let full = try Resampler.resize(try decodeFixtureImage("photo.jpg"), to: target)
        #expect(psnr(fast, full) > 35)
    }

    @Test func undersizedImagesAreEnlargedJustPastTheMinimum() throws {
        let options = PrepareOptions(minPixels: 400_000)
        let prepared = try Preparer(options: options).prepare(file: fixture("photo.jpg"))
        #expect(prepared.actions == [.upscale])
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        // s = √(400,000 / 230,400) = 1.317616: 640s = 843.27 → 844, 360s = 474.34 → 475 (400,900 px)
        #expect(ImageSize(width: image.width, height: image.height) == ImageSize(width: 844, height: 475))
        #expect(prepared.size == ImageSize(width: 844, height: 475))
    }

    @Test func pngSourcesStayPNGAndTransparencySurvives() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 300×300 RGBA: a transparent disc in the middle
        var rgba = [UInt8]()
        for y in 0 ..< 300 { for x in 0 ..< 300 {
            let inside = (x - 150) * (x - 150) + (y - 150) * (y - 150) < 80 * 80
            rgba += [UInt8(x % 256), UInt8(y % 256), 90, inside ? 0 : 255]
        } }
        let transparent = PixelImage(width: 300, height: 300, channels: 4, pixels: rgba)
        try AtomicFileWriter.write(try PNGEncoder.encode(transparent), to: dir.file("t.png"))
        var opaque = transparent
        for i in stride(from: 3, to: opaque.pixels.count, by: 4) { opaque.pixels[i] = 255 }
        try AtomicFileWriter.write(try PNGEncoder.encode(opaque), to: dir.file("o.png"))

        let shrink = Preparer(options: PrepareOptions(maxPixels: 70_000))
        let t = try shrink.prepare(file: dir.file("t.png"))
        #expect(t.format == .png)
        let tImage = try ImageCodec.decode(t.bytes, name: "t")
        #expect(tImage.channels == 4)
        #expect(tImage.pixel(x: tImage.width / 2, y: tImage.height / 2)[3] == 0)
        #expect(tImage.pixel(x: 2, y: 2)[3] == 255)

        // lose nothing: an opaque PNG stays PNG while it fits under the byte limit
        let o = try shrink.prepare(file: dir.file("o.png"))
        #expect(o.format == .png)
        #expect(o.notes.isEmpty)
    }

    @Test func outputsOverTheByteLimitAreMadeSmaller() throws {
        let options = PrepareOptions(maxPixels: 200_000, maxBytes: 12_000)
        let prepared = try Preparer(options: options).prepare(file: fixture("photo.jpg"))
        #expect(prepared.bytes.count < 12_000)
        #expect(!prepared.notes.isEmpty)
        #expect((prepared.quality ?? 100) < 92)
    }

    @Test func filesGiveTheSameResultAsTheirBytesWhileTheirPagesAreGivenBack() throws {
        // inputs well over the decoders' 4 MB release step: the photo tiled to 3200×2520 with
        // noise on top, as a stored (level 0) PNG of 24 MB and a quality-100 JPEG
        let tile = try decodeFixtureImage("photo.jpg")
        let width = tile.width * 5, height = tile.height * 7
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var seed: UInt32 = 12345
        for y in 0 ..< height {
            for x in 0 ..< width {
                let t = tile.pixel(x: x % tile.width, y: y % tile.height)
                for c in 0 ..< 3 {
                    seed = seed &* 1_664_525 &+ 1_013_904_223
                    pixels[(y * width + x) * 3 + c] = UInt8(clamping: Int(t[c]) + Int(seed >> 28) - 8)
                }
            }
        }
        let big = PixelImage(width: width, height: height, channels: 3, pixels: pixels)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = [
            ("big.png", try PNGEncoder.encode(big, compressionLevel: 0, iccProfile: nil, name: "big.png")),
            ("big.jpg", try JPEGEncoder.encode(big, quality: 100, iccProfile: nil, name: "big.jpg")),
        ]
        let preparer = Preparer(options: PrepareOptions(maxPixels: 2_000_000))
        for (name, bytes) in files {
            #expect(bytes.count > 6 << 20, "\(name) must reach past a release step")
            try Data(bytes).write(to: URL(fileURLWithPath: dir.file(name)))
            let fromFile = try preparer.prepare(file: dir.file(name))
            let fromBytes = try preparer.prepare(data: Data(bytes), name: name)
            #expect(fromFile.actions == [.downscale])
            #expect(fromFile.bytes == fromBytes.bytes, "\(name): streaming from the mapped file changed the output")
        }
    }

    @Test func transparentImagesOverTheByteLimitShrinkOnceToJustUnderIt() throws {
        // the RGBA fixture's level-1 PNG is about 28 KB: with a 14 KB limit the first smaller
        // size is aimed at the limit, so it lands under it but not far under
        let limit = 14_000
        let options = PrepareOptions(maxPixels: 200_000, minPixels: 1_000, maxBytes: limit)
        let prepared = try Preparer(options: options).prepare(file: fixture("codecs/rgba.png"))
        #expect(prepared.format == .png)
        #expect(prepared.bytes.count < limit)
        #expect(prepared.bytes.count > limit * 6 / 10, "shrunk much further than the limit needs: \(prepared.bytes.count) bytes")
        #expect(prepared.actions.contains(.downscale))
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        #expect(image.channels == 4 && ImageSize(width: image.width, height: image.height) == prepared.size)
        // the note names the size the file really has
        #expect(prepared.notes == ["scaled to \(image.width)×\(image.height) to fit under 14000 bytes"])
    }

    @Test func turnedImagesOverTheByteLimitAreMadeSmallerAndStayUpright() throws {
        // orientation 6: the banded encode is too large, so the same decoded pixels go through the
        // quality and size ladder, turned
        let path = fixture("orientation/6.jpg")
        let roomy = try Preparer().prepare(file: path)
        let limit = roomy.bytes.count * 6 / 10
        let prepared = try Preparer(options: PrepareOptions(minPixels: 1_000, maxBytes: limit)).prepare(file: path)
        #expect(prepared.bytes.count < limit)
        #expect(prepared.actions.contains(.orient))
        #expect((prepared.quality ?? 100) < 92 || !prepared.notes.isEmpty)
        let image = try ImageCodec.decode(prepared.bytes, name: path)
        #expect(image.width > image.height, "upright is landscape")
        let red = image.pixel(x: 2, y: 2), blue = image.pixel(x: image.width - 3, y: 2)
        #expect(red[0] > 180 && red[2] < 90, "top-left is \(red)")
        #expect(blue[2] > 180 && blue[0] < 90, "top-right is \(blue)")
    }

    @Test func impossibleByteLimitsFailClearly() throws {
        let path = fixture("photo.jpg")
        let error = #expect(throws: ImagePrepError.self) {
            try Preparer(options: PrepareOptions(maxBytes: 200)).prepare(file: path)
        }
        guard case let .cannotFitFileSize(file, bytes, limit) = error else {
            Issue.record("expected cannotFitFileSize, got \(String(describing: error))")
            return
        }
        #expect(file == path && limit == 200)
        #expect(bytes > 200, "the smallest attempt, which did not fit: \(bytes)")
    }

    @Test func theOutputIsWrittenAtomicallyAndNeverOverTheInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = dir.file("in.jpg")
        try FileManager.default.copyItem(atPath: fixture("photo.jpg"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(throws: ImagePrepError.outputIsInput(file: input)) {
            try Preparer(options: PrepareOptions(maxPixels: 100_000)).prepare(file: input, to: input)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        _ = try Preparer(options: PrepareOptions(maxPixels: 100_000)).prepare(file: input, to: dir.file("out.jpg"))
        #expect(try dir.contents() == ["in.jpg", "out.jpg"], "no temporary file is left behind")
    }

    @Test func writingIntoAMissingFolderFailsWithoutATrace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: ImagePrepError.writeFailed(file: dir.file("missing/out.jpg"), reason: "No such file or directory")) {
            try Preparer().prepare(file: fixture("photo.jpg"), to: dir.file("missing/out.jpg"))
        }
        #expect(try dir.contents().isEmpty)
    }

    @Test func forcingPNGReencodesAReadyJPEG() throws {
        let prepared = try Preparer(options: PrepareOptions(format: .png)).prepare(file: fixture("photo.jpg"))
        #expect(prepared.actions == [.reencode])
        #expect(prepared.format == .png)
        #expect(Array(prepared.bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
