import CImageCodecs
import Foundation
import Testing
@testable import ImagePrep

@Suite struct OrientationTests {
    /// A 3×2 RGB-less test card: each pixel holds its stored index, so every transform is exact.
    static let card = PixelImage(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])

    @Test(arguments: [
        (1, 3, 2, [UInt8]([1, 2, 3, 4, 5, 6])),
        (2, 3, 2, [3, 2, 1, 6, 5, 4]),
        (3, 3, 2, [6, 5, 4, 3, 2, 1]),
        (4, 3, 2, [4, 5, 6, 1, 2, 3]),
        (5, 2, 3, [1, 4, 2, 5, 3, 6]),
        (6, 2, 3, [4, 1, 5, 2, 6, 3]),
        (7, 2, 3, [6, 3, 5, 2, 4, 1]),
        (8, 2, 3, [3, 6, 2, 5, 1, 4]),
    ])
    func transformsMatchTheExifMeanings(orientation: Int, width: Int, height: Int, expected: [UInt8]) {
        let out = Self.card.applyingOrientation(orientation)
        #expect(out.width == width && out.height == height)
        #expect(out.pixels == expected)
    }

    /// Upright pixel (dx, dy) of a w×h stored image under `orientation`, straight from the EXIF
    /// definitions: the stored pixel it comes from.
    static func source(of dx: Int, _ dy: Int, w: Int, h: Int, orientation: Int) -> (Int, Int) {
        switch orientation {
        case 2: (w - 1 - dx, dy)
        case 3: (w - 1 - dx, h - 1 - dy)
        case 4: (dx, h - 1 - dy)
        case 5: (dy, dx)
        case 6: (dy, h - 1 - dx)
        case 7: (w - 1 - dy, h - 1 - dx)
        case 8: (w - 1 - dy, dx)
        default: (dx, dy)
        }
    }

    @Test(arguments: 1...4)
    func bandsOfRowsMatchTheDefinitionForEveryOrientation(channels: Int) {
        // 37×23: odd sizes, several bands, the last one short
        let w = 37, h = 23
        let stored = (0 ..< w * h * channels).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        for orientation in 1...8 {
            let (uw, uh) = orientation >= 5 ? (h, w) : (w, h)
            var expected = [UInt8](repeating: 0, count: stored.count)
            for dy in 0 ..< uh {
                for dx in 0 ..< uw {
                    let (sx, sy) = Self.source(of: dx, dy, w: w, h: h, orientation: orientation)
                    for c in 0 ..< channels { expected[(dy * uw + dx) * channels + c] = stored[(sy * w + sx) * channels + c] }
                }
            }
            let whole = PixelImage(width: w, height: h, channels: channels, pixels: stored).applyingOrientation(orientation)
            #expect(whole.pixels == expected, "whole image, orientation \(orientation), \(channels) channels")
            for band in [1, 5, 16] {
                var banded = [UInt8]()
                var row = 0
                while row < uh {
                    let count = min(band, uh - row)
                    var out = [UInt8](repeating: 0, count: count * uw * channels)
                    let status = stored.withUnsafeBufferPointer { s in
                        out.withUnsafeMutableBufferPointer { d in
                            cimg_orient_rows(s.baseAddress, UInt32(w), UInt32(h), Int32(channels), Int32(orientation),
                                             UInt32(row), UInt32(count), d.baseAddress)
                        }
                    }
                    #expect(status == CIMG_OK)
                    banded += out
                    row += count
                }
                #expect(banded == expected, "bands of \(band), orientation \(orientation), \(channels) channels")
            }
            // rows outside the upright image are refused, not read
            var spare = [UInt8](repeating: 0, count: uw * channels)
            let past = stored.withUnsafeBufferPointer { s in
                spare.withUnsafeMutableBufferPointer { d in
                    cimg_orient_rows(s.baseAddress, UInt32(w), UInt32(h), Int32(channels), Int32(orientation), UInt32(uh), 1, d.baseAddress)
                }
            }
            #expect(past == CIMG_ERR_ARGUMENT)
        }
    }

    /// The orientation fixtures all show, once oriented, a red square top-left and a blue one
    /// top-right.
    @Test(arguments: 1...8)
    func preparedOrientationFixturesAreUpright(orientation: Int) throws {
        let path = fixture("orientation/\(orientation).jpg")
        let prepared = try Preparer().prepare(file: path)
        let image = try ImageCodec.decode(prepared.bytes, name: path)
        #expect(image.width > image.height, "upright is landscape")
        #expect(prepared.actions.contains(.orient) == (orientation != 1))
        let red = image.pixel(x: 10, y: 10), blue = image.pixel(x: image.width - 10, y: 10)
        #expect(red[0] > 200 && red[1] < 60 && red[2] < 60, "top-left is \(red)")
        #expect(blue[2] > 200 && blue[0] < 60 && blue[1] < 60, "top-right is \(blue)")
    }
}
