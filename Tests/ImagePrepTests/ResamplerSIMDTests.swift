import CImageCodecs
import Testing
@testable import ImagePrep

/// The resizer's portable, SSE2 and AVX2 inner loops must give the same bytes.
@Suite struct ResamplerSIMDTests {
    /// Resizes `image` through the C push/pop API with the inner loops limited to `level`;
    /// returns the level that ran and the output.
    private func resize(_ image: PixelImage, to width: Int, _ height: Int, level: Int32) -> (Int32, [UInt8])? {
        guard let rs = cimg_resizer_create(UInt32(image.width), UInt32(image.height), UInt32(width), UInt32(height),
                                           Int32(image.channels), 1) else { return nil }
        defer { cimg_resizer_destroy(rs) }
        let used = cimg_resizer_limit_simd(rs, level)
        let inStride = image.width * image.channels, outStride = width * image.channels
        var out = [UInt8](repeating: 0, count: outStride * height)
        var row = 0, made = 0
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                while made < height {
                    while made < height, cimg_resizer_pop_row(rs, d + made * outStride) == 1 { made += 1 }
                    guard row < image.height, cimg_resizer_push_row(rs, s + row * inStride) == 1 else { break }
                    row += 1
                }
            }
        }
        return made == height ? (used, out) : nil
    }

    @Test(arguments: [
        ("reference/source_240x160.png", 89, 59), ("reference/source_240x160.png", 233, 150),
        ("reference/source_240x160.png", 500, 7), ("reference/source_240x160.png", 1, 1),
        ("codecs/rgb.png", 61, 40), ("codecs/rgba.png", 61, 40), ("codecs/rgba.png", 300, 170),
        ("codecs/gray.png", 40, 90), ("codecs/graya.png", 121, 33),
    ])
    func everyLevelGivesTheSameBytes(fixturePath: String, width: Int, height: Int) throws {
        let image = try decodeFixtureImage(fixturePath)
        let portable = try #require(resize(image, to: width, height, level: 0))
        #expect(portable.0 == 0)
        var levels: Set<Int32> = [0]
        for level: Int32 in [1, 2] {
            let result = try #require(resize(image, to: width, height, level: level))
            levels.insert(result.0)
            let firstDifference = result.1.indices.first { result.1[$0] != portable.1[$0] }
            #expect(firstDifference == nil,
                    "level \(result.0) differs from the portable loops at byte \(firstDifference ?? 0) (\(fixturePath) → \(width)×\(height))")
        }
        #if arch(x86_64)
        // every x86-64 has SSE2, so at least two levels were compared
        #expect(levels.count >= 2)
        #endif
    }
}
