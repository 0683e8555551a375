import Foundation
import Testing
@testable import ImagePrep

/// The bytes of `Fixtures/<path>`, found from this source file's location.
func loadFixture(_ path: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // ImagePrepTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // package root
    return try [UInt8](Data(contentsOf: root.appendingPathComponent("Fixtures").appendingPathComponent(path)))
}

/// The bytes of `Fixtures/codecs/<name>`.
func codecFixture(_ name: String) throws -> [UInt8] {
    try loadFixture("codecs/" + name)
}

/// Parses a binary PPM (P6) or PGM (P5) with maxval 255, as written by djpeg and ImageMagick.
func readNetpbm(_ bytes: [UInt8]) throws -> PixelImage {
    var index = 0
    func token() -> String {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        let start = index
        while index < bytes.count, !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09) {
            index += 1
        }
        return String(decoding: bytes[start ..< index], as: UTF8.self)
    }
    let magic = token()
    let width = try #require(Int(token()))
    let height = try #require(Int(token()))
    let maxval = try #require(Int(token()))
    index += 1 // the single whitespace byte before the samples
    let channels = magic == "P6" ? 3 : 1
    try #require(magic == "P6" || magic == "P5")
    try #require(maxval == 255)
    try #require(bytes.count - index == width * height * channels)
    return PixelImage(width: width, height: height, channels: channels, pixels: Array(bytes[index...]))
}

/// `Fixtures/codecs/<name>` parsed as PPM/PGM.
func netpbmFixture(_ name: String) throws -> PixelImage {
    try readNetpbm(codecFixture(name))
}

/// Decodes `Fixtures/codecs/<name>` whole with `ImageCodec`.
func decodeFixture(_ name: String, scaleDenominator: Int = 1) throws -> PixelImage {
    try ImageCodec.decode(codecFixture(name), name: name, scaleDenominator: scaleDenominator)
}

/// Mean absolute difference per sample between two images of the same shape.
func meanAbsoluteDifference(_ a: PixelImage, _ b: PixelImage) -> Double {
    precondition(a.width == b.width && a.height == b.height && a.channels == b.channels)
    var total = 0
    for i in a.pixels.indices { total += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
    return Double(total) / Double(a.pixels.count)
}

/// Largest absolute difference of any sample.
func maxAbsoluteDifference(_ a: PixelImage, _ b: PixelImage) -> Int {
    precondition(a.pixels.count == b.pixels.count)
    var worst = 0
    for i in a.pixels.indices { worst = max(worst, abs(Int(a.pixels[i]) - Int(b.pixels[i]))) }
    return worst
}

/// The samples of channel `c` of every pixel.
func plane(_ image: PixelImage, _ c: Int) -> [UInt8] {
    stride(from: c, to: image.pixels.count, by: image.channels).map { image.pixels[$0] }
}

/// The image reduced by `d` in each direction by averaging d x d boxes (partial boxes at the
/// right and bottom edges average what they cover), like a scaled JPEG decode.
func boxDownscale(_ image: PixelImage, by d: Int) -> PixelImage {
    let w = (image.width + d - 1) / d, h = (image.height + d - 1) / d, c = image.channels
    var out = [UInt8](repeating: 0, count: w * h * c)
    for y in 0 ..< h {
        for x in 0 ..< w {
            for ch in 0 ..< c {
                var sum = 0, n = 0
                for yy in y * d ..< min((y + 1) * d, image.height) {
                    for xx in x * d ..< min((x + 1) * d, image.width) {
                        sum += Int(image.pixels[(yy * image.width + xx) * c + ch])
                        n += 1
                    }
                }
                out[(y * w + x) * c + ch] = UInt8((sum + n / 2) / n)
            }
        }
    }
    return PixelImage(width: w, height: h, channels: c, pixels: out)
}

/// nil when the two sample arrays are equal, else a short account of how they differ (so a
/// failure does not print thousands of samples).
func mismatch(_ a: [UInt8], _ b: [UInt8]) -> String? {
    guard a.count == b.count else { return "\(a.count) samples vs \(b.count)" }
    let differing = a.indices.filter { a[$0] != b[$0] }
    guard let first = differing.first else { return nil }
    return "\(differing.count) of \(a.count) samples differ; the first at index \(first): \(a[first]) vs \(b[first])"
}

/// nil when the two images are equal, else a short account of how they differ.
func mismatch(_ a: PixelImage, _ b: PixelImage) -> String? {
    guard a.width == b.width, a.height == b.height, a.channels == b.channels else {
        return "\(a.width)x\(a.height)x\(a.channels) vs \(b.width)x\(b.height)x\(b.channels)"
    }
    return mismatch(a.pixels, b.pixels)
}
