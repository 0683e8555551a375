import Foundation
import Testing
@testable import ImagePrep

/// Peak signal-to-noise ratio between two images of the same size, in dB.
func psnr(_ a: PixelImage, _ b: PixelImage) -> Double {
    precondition(a.pixels.count == b.pixels.count)
    var sum = 0.0
    for i in 0 ..< a.pixels.count {
        let d = Double(a.pixels[i]) - Double(b.pixels[i])
        sum += d * d
    }
    let mse = sum / Double(a.pixels.count)
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}

func decodeFixtureImage(_ path: String) throws -> PixelImage {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture(path)))
    return try ImageCodec.decode(data, name: path)
}

@Suite struct ResamplerTests {
    @Test(arguments: [("reference/lanczos3_89x59.png", 89, 59), ("reference/lanczos3_384x256.png", 384, 256)])
    func matchesALanczos3Reference(reference: String, width: Int, height: Int) throws {
        let source = try decodeFixtureImage("reference/source_240x160.png")
        let expected = try decodeFixtureImage(reference)
        let resized = try Resampler.resize(source, to: ImageSize(width: width, height: height))
        #expect(resized.width == width && resized.height == height && resized.channels == 3)
        // Pillow's 8-bit fixed-point Lanczos-3; libvips scores about 41 dB against it here
        #expect(psnr(resized, expected) > 50)
    }

    @Test func keepsAFlatImageFlat() throws {
        let flat = PixelImage(width: 97, height: 61, channels: 3, pixels: [UInt8](repeating: 0, count: 97 * 61 * 3).enumerated().map { i, _ in [200, 100, 30][i % 3] })
        for size in [ImageSize(width: 31, height: 17), ImageSize(width: 300, height: 200), ImageSize(width: 97, height: 5)] {
            let out = try Resampler.resize(flat, to: size)
            #expect(out.pixel(x: 0, y: 0) == [200, 100, 30])
            #expect(out.pixel(x: size.width - 1, y: size.height - 1) == [200, 100, 30])
            #expect(out.pixel(x: size.width / 2, y: size.height / 2) == [200, 100, 30])
        }
    }

    @Test func transparentPixelsLeaveNoDarkFringe() throws {
        // left half fully transparent *black*, right half opaque white
        var pixels = [UInt8]()
        for _ in 0 ..< 40 { for x in 0 ..< 40 { pixels += x < 20 ? [0, 0, 0, 0] : [255, 255, 255, 255] } }
        let image = PixelImage(width: 40, height: 40, channels: 4, pixels: pixels)
        let out = try Resampler.resize(image, to: ImageSize(width: 17, height: 17))
        for x in 0 ..< 17 {
            let p = out.pixel(x: x, y: 8)
            // wherever anything is visible, it is white: the black of invisible pixels did not bleed in
            if p[3] > 0 { #expect(p[0] == 255 && p[1] == 255 && p[2] == 255, "pixel \(x): \(p)") }
        }
        #expect(out.pixel(x: 0, y: 8)[3] == 0)
        #expect(out.pixel(x: 16, y: 8) == [255, 255, 255, 255])
    }

    @Test func streamsWithFewRowsBuffered() throws {
        // push/pop protocol: the resampler refuses a row rather than overwrite one still needed
        let resampler = try Resampler(from: ImageSize(width: 8, height: 100), to: ImageSize(width: 8, height: 10), channels: 1, name: "t")
        let row = [UInt8](repeating: 9, count: 8)
        var out = [UInt8](repeating: 0, count: 8)
        var pushed = 0, refused = false
        row.withUnsafeBufferPointer { r in
            while pushed < 100 {
                if resampler.push(r.baseAddress!) { pushed += 1 } else { refused = true; break }
            }
        }
        #expect(refused, "a shrinking resampler must ask for pops before its ring overflows")
        #expect(pushed < 100)
        out.withUnsafeMutableBufferPointer { o in #expect(resampler.pop(into: o.baseAddress!)) }
        #expect(out == row)
    }
}
