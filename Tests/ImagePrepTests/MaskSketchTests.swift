import Foundation
import Testing
@testable import ImagePrep

/// Sketch binarization: Otsu, thresholds, despeckling, invert, and the soft-brush JPEG fixture.
@Suite struct MaskSketchTests {
    @Test func otsuSplitsTwoSpikesInTheMiddleOfTheGap() throws {
        var histogram = [Int](repeating: 0, count: 256)
        histogram[50] = 1000
        histogram[200] = 3000
        // any t in 50...199 separates them perfectly; the middle of that run is taken
        #expect(Otsu.threshold(histogram: histogram) == 124)
    }

    @Test func otsuOnAKnownBimodalHistogram() throws {
        // two overlapping Gaussian-shaped modes (no empty bins): 3000 samples around 70 (σ 25),
        // 1000 around 180 (σ 30). The threshold maximising the between-class variance, computed
        // independently with numpy (brute force over t = 0...254 on the same integer histogram),
        // is 124, a unique maximum.
        var histogram = [Int](repeating: 0, count: 256)
        for v in 0 ..< 256 {
            let a = 3000 / (25 * (2 * Double.pi).squareRoot()) * exp(-pow(Double(v) - 70, 2) / (2 * 625))
            let b = 1000 / (30 * (2 * Double.pi).squareRoot()) * exp(-pow(Double(v) - 180, 2) / (2 * 900))
            histogram[v] = Int((a + b).rounded())
        }
        #expect(Otsu.threshold(histogram: histogram) == 124)
    }

    @Test func otsuDegenerateHistogramsGiveMidGrey() throws {
        #expect(Otsu.threshold(histogram: []) == 127)
        var one = [Int](repeating: 0, count: 256)
        one[77] = 500
        #expect(Otsu.threshold(histogram: one) == 127)
    }

    @Test func softBrushJPEGSketchBinarizesToTheIdealShapes() throws {
        let sketch = try decodedFixture("masks/sketch.jpg")
        let ideal = try fixtureMask("masks/sketch-ideal.png")
        let (mask, threshold) = try MaskBuilder().binarize(sketch: sketch)
        #expect(mask.size == ideal.size)
        #expect(distinctValues(mask) == [0, 255])
        // strokes at 232 on a 24 background: Otsu lands between the two
        #expect((90 ... 170).contains(threshold))
        let bad = misplacedPixels(mask, ideal, tolerance: 1)
        #expect(bad.isEmpty, "\(bad.count) pixels off the ideal by more than 1 px, e.g. \(bad.prefix(5))")
        // and solid: no speckle at all, even next to an edge, in the flat areas
        #expect(mask[160, 150] == 255 && mask[20, 20] == 0 && mask[490, 95] == 255 && mask[620, 340] == 0)
    }

    @Test func withoutDespeckleTheSameSketchIsNoisierButDespeckleIsNeverWorse() throws {
        let sketch = try decodedFixture("masks/sketch.jpg")
        let ideal = try fixtureMask("masks/sketch-ideal.png")
        let clean = try MaskBuilder().binarize(sketch: sketch).mask
        let raw = try MaskBuilder(options: MaskOptions(despeckle: false)).binarize(sketch: sketch).mask
        func wrong(_ m: Mask) -> Int { zip(m.values, ideal.values).filter { ($0 >= 128) != ($1 >= 128) }.count }
        #expect(wrong(clean) <= wrong(raw))
    }

    @Test func invertReadsDarkStrokesOnLightPaper() throws {
        let sketch = try decodedFixture("masks/sketch-dark.jpg")
        let ideal = try fixtureMask("masks/sketch-ideal.png")
        let mask = try MaskBuilder(options: MaskOptions(invert: true)).binarize(sketch: sketch).mask
        #expect(distinctValues(mask) == [0, 255])
        #expect(misplacedPixels(mask, ideal, tolerance: 1).isEmpty)
    }

    @Test func fixedThresholdMarksLuminanceAtOrAboveIt() throws {
        let pixels: [UInt8] = [0, 99, 100, 101, 255, 100]
        let image = PixelImage(width: 6, height: 1, channels: 1, pixels: pixels)
        let options = MaskOptions(threshold: .fixed(100), despeckle: false)
        let (mask, cut) = try MaskBuilder(options: options).binarize(sketch: image)
        #expect(cut == 100)
        #expect(mask.values == [0, 0, 255, 255, 255, 255])
    }

    @Test func colourSketchesUseLuminanceAndTransparentPartsAreBackground() throws {
        // white, pure red (luma 76), pure green (150), white at alpha 0
        let rgba = PixelImage(width: 4, height: 1, channels: 4,
                              pixels: [255, 255, 255, 255, 255, 0, 0, 255, 0, 255, 0, 255, 255, 255, 255, 0])
        #expect(MaskBuilder.luminance(rgba) == [255, 76, 150, 0])
        let mask = try MaskBuilder(options: MaskOptions(threshold: .fixed(128), despeckle: false)).binarize(sketch: rgba).mask
        #expect(mask.values == [255, 0, 255, 0])
    }

    @Test func despeckleRemovesIsolatedPixelsAndFillsPinholes() throws {
        var image = PixelImage(width: 20, height: 20, channels: 1, fill: 0)
        for y in 5 ..< 15 { for x in 5 ..< 15 { image.pixels[y * 20 + x] = 255 } }
        image.pixels[10 * 20 + 10] = 0          // a pinhole
        image.pixels[1 * 20 + 1] = 255          // a speck
        let options = MaskOptions(threshold: .fixed(128))
        let mask = try MaskBuilder(options: options).binarize(sketch: image).mask
        #expect(mask[10, 10] == 255)
        #expect(mask[1, 1] == 0)
        #expect(mask[7, 7] == 255 && mask[12, 12] == 255)
        #expect(misplacedPixels(mask, maskOf(20, 20) { (5 ..< 15).contains($0) && (5 ..< 15).contains($1) }, tolerance: 1).isEmpty)
    }
}
