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
