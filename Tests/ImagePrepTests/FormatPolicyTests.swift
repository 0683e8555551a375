import Foundation
import Testing
@testable import ImagePrep

/// Repair, the "lose nothing" format policy and the output name's say in the format.
@Suite struct FormatPolicyTests {
    @Test func dataThatDecodesWithWarningsIsRepairedNotCopied() throws {
        let path = fixture("colour/corrupt-data.jpg")
        let report = Preflight.check(file: path, options: PrepareOptions(minPixels: 1))
        #expect(report.status == .ready) // the header cannot tell
        let prepared = try Preparer(options: PrepareOptions(minPixels: 1)).prepare(file: path)
        #expect(prepared.actions == [.repair])
        #expect(prepared.warnings.count == 1)
        #expect(prepared.warnings.first?.contains("Corrupt JPEG data: 4 extraneous bytes before marker 0xd2") == true)
        #expect(prepared.bytes != fixtureBytes("colour/corrupt-data.jpg"))
        // the new file decodes without a warning, to the picture the damaged one gave
        try prepared.bytes.withUnsafeBytes { (raw) throws in
            let decoder = try JPEGDecoder(bytes: raw, name: "out")
            try decoder.start()
            var row = [UInt8](repeating: 0, count: decoder.outputWidth * decoder.outputChannels * 90)
            _ = try row.withUnsafeMutableBufferPointer { (b) throws(ImagePrepError) in
                try decoder.readRows(into: b.baseAddress!, stride: decoder.outputWidth * decoder.outputChannels, maxRows: 90)
            }
            #expect(decoder.warningCount == 0)
        }
        let damaged = try decodeFixtureImage("colour/corrupt-data.jpg")
        #expect(psnr(try ImageCodec.decode(prepared.bytes, name: "out"), damaged) > 38)
    }

    @Test func pngThatFitsStaysPNGAndOneThatDoesNotBecomesFullChromaJPEG() throws {
        // 160×90 from 16 bits (a 70 kB file): about 27 kB as 8-bit PNG, about 8 kB as JPEG
        let path = fixture("colour/prophoto-16bit.png")
        let fits = try Preparer(options: PrepareOptions(minPixels: 1)).prepare(file: path)
        #expect(fits.format == .png && fits.notes.isEmpty)
        let limited = try Preparer(options: PrepareOptions(minPixels: 1, maxBytes: 25_000)).prepare(file: path)
        #expect(limited.format == .jpeg)
        #expect(limited.size == ImageSize(width: 160, height: 90)) // not made smaller: JPEG fitted
        #expect(limited.notes.contains { $0.hasPrefix("PNG would be") && $0.hasSuffix("written as JPEG") })
        let info = try ImageProbe.probe(bytes: limited.bytes, name: "out")
        #expect(info.format == .jpeg && !info.hasSubsampledChroma)
    }

    @Test func aPNGFarOverTheLimitGoesStraightToJPEG() throws {
        // 50 MP, opaque: a 100 MB file shrunk to 33 MP would be about 66 MB as PNG
        let big = ImageInfo(format: .png, width: 8660, height: 5770, bitDepth: 8, colorModel: .rgb,
                            fileSize: 100_000_000)
        #expect(try PreparePlan.make(for: big, profile: nil, options: PrepareOptions(), name: "big.png").formats == [.jpeg])
        var small = big
        small.fileSize = 30_000_000 // about 20 MB at 33 MP: worth trying as PNG
        #expect(try PreparePlan.make(for: small, profile: nil, options: PrepareOptions(), name: "s.png").formats == [.png, .jpeg])
        var transparent = big
        transparent.hasTransparency = true
        #expect(try PreparePlan.make(for: transparent, profile: nil, options: PrepareOptions(), name: "t.png").formats == [.png, .jpeg])
        let jpeg = ImageInfo(format: .jpeg, width: 8660, height: 5770, bitDepth: 8, colorModel: .rgb, fileSize: 10_000_000)
        #expect(try PreparePlan.make(for: jpeg, profile: nil, options: PrepareOptions(), name: "j.jpg").formats == [.jpeg])
    }

    @Test func lineArtThatMustBeResizedStaysLossless() throws {
        let path = fixture("colour/lineart.png")
        let options = PrepareOptions(maxPixels: 20_000, minPixels: 1)
        let prepared = try Preparer(options: options).prepare(file: path)
        #expect(prepared.format == .png && prepared.actions == [.downscale])
        let rendered = try Preparer(options: options).render(data: Data(fixtureBytes("colour/lineart.png")), name: path,
                                                             orientation: 1, target: prepared.size)
        #expect(try ImageCodec.decode(prepared.bytes, name: "out") == rendered)
    }

    @Test(arguments: [("probe/small-200x150.jpg", true), ("photo.jpg", false), ("colour/adobe-rgb.jpg", false)])
    func jpegOutputKeepsTheSourcesChromaResolution(file: String, subsampled: Bool) throws {
        // the sources' sampling as vipsheader reports it: 4:2:0, 4:4:4, 4:4:4
        #expect(try ImageProbe.probe(file: fixture(file)).hasSubsampledChroma == subsampled)
        let prepared = try Preparer(options: PrepareOptions(maxPixels: 20_000, minPixels: 1)).prepare(file: fixture(file))
        #expect(prepared.format == .jpeg)
        #expect(try ImageProbe.probe(bytes: prepared.bytes, name: "out").hasSubsampledChroma == subsampled)
    }

    @Test func theOutputNameDecidesTheFormatWhenItNamesOne() throws {
        #expect(try OutputFormat.resolve(.auto, forOutput: "out/x.jpg") == .jpeg)
        #expect(try OutputFormat.resolve(.auto, forOutput: "X.JPEG") == .jpeg)
        #expect(try OutputFormat.resolve(.auto, forOutput: "x.png") == .png)
        #expect(try OutputFormat.resolve(.png, forOutput: "x.png") == .png)
        #expect(try OutputFormat.resolve(.auto, forOutput: "x.webp") == .auto)
        #expect(try OutputFormat.resolve(.png, forOutput: "folder.jpg/out") == .png)
        #expect(try OutputFormat.resolve(.auto, forOutput: ".png") == .auto)
        #expect(throws: ImagePrepError.formatConflict(file: "x.jpg", requested: .png, named: .jpeg)) {
            try OutputFormat.resolve(.png, forOutput: "x.jpg")
        }
    }

    @Test func transparentImagesWrittenAsJPEGAreFlattenedOntoWhite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 300×300: left half transparent red, right half opaque blue
        var rgba = [UInt8]()
        for _ in 0 ..< 300 { for x in 0 ..< 300 { rgba += x < 150 ? [255, 0, 0, 0] : [0, 0, 255, 255] } }
        try AtomicFileWriter.write(try PNGEncoder.encode(PixelImage(width: 300, height: 300, channels: 4, pixels: rgba)),
                                   to: dir.file("t.png"))
        let prepared = try Preparer(options: PrepareOptions(format: .jpeg)).prepare(file: dir.file("t.png"))
        #expect(prepared.format == .jpeg)
        #expect(prepared.warnings == ["transparency flattened onto white for JPEG output"])
        let image = try ImageCodec.decode(prepared.bytes, name: "out")
        #expect(image.channels == 3)
        #expect(image.pixel(x: 40, y: 150).allSatisfy { $0 >= 250 })
        let blue = image.pixel(x: 260, y: 150)
        #expect(blue[0] < 10 && blue[1] < 10 && blue[2] > 245)
    }
}
