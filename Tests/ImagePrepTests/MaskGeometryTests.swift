import Foundation
import Testing
@testable import ImagePrep

/// Lining masks up with the prepared base: EXIF orientation, resize, size checks; cut-outs;
/// conventions, encoding and the preview.
@Suite struct MaskGeometryTests {
    /// The marked red square of a prepared `orientation/N` base, as a mask.
    func redSquare(in image: PixelImage) -> Mask {
        var mask = Mask(size: ImageSize(width: image.width, height: image.height))
        for i in 0 ..< image.width * image.height {
            let r = Int(image.pixels[3 * i]), g = Int(image.pixels[3 * i + 1]), b = Int(image.pixels[3 * i + 2])
            if r > 128 && r - max(g, b) > 64 { mask.values[i] = 255 }
        }
        return mask
    }

    func preparedBase(_ path: String, _ geometry: MaskGeometry) throws -> PixelImage {
        try Preparer().render(data: Data(contentsOf: URL(fileURLWithPath: fixture(path))), name: path,
                              orientation: geometry.orientation, target: geometry.target)
    }

    @Test func aSketchOnTheStoredPixelsOfAnEXIFRotatedBaseLinesUpWithThePreparedBase() throws {
        let geometry = try MaskGeometry(baseFile: fixture("orientation/6.jpg"), options: PrepareOptions())
        #expect(geometry.stored == ImageSize(width: 160, height: 240))
        #expect(geometry.orientation == 6)
        // 240×160 upright is under the edit endpoint's 65,536-pixel minimum: prepare enlarges it,
        // s = √(65,536 / 38,400) = 1.306395: 313.53 → 314, 209.02 → 210
        #expect(geometry.target == ImageSize(width: 314, height: 210))
        let (result, grid) = try MaskBuilder().build(sketchFile: fixture("masks/sketch-6.jpg"), alphaFile: nil,
                                                     geometry: geometry)
        #expect(grid == geometry)
        let mask = result.mask
        #expect(mask.size == geometry.target)
        #expect(distinctValues(mask) == [0, 255])
        let base = try preparedBase("orientation/6.jpg", geometry)
        let red = redSquare(in: base)
        #expect(markedCount(red) > 2000)
        let bad = misplacedPixels(mask, red, tolerance: 1)
        #expect(bad.isEmpty, "\(bad.count) pixels misplaced, e.g. \(bad.prefix(5))")
        // it is the top-left of the upright picture, and the blue (top-right) square is not marked
        #expect(mask[3, 3] == 255 && mask[mask.width - 4, 3] == 0 && mask[3, mask.height - 4] == 0)
    }

    @Test(arguments: 1 ... 8)
    func everyOrientationLinesUp(orientation: Int) throws {
        let path = "orientation/\(orientation).jpg"
        let geometry = try MaskGeometry(baseFile: fixture(path), options: PrepareOptions())
        // a sketch drawn on the stored pixels: white over the stored red marker
        let stored = try decodedFixture(path)
        var sketch = PixelImage(width: stored.width, height: stored.height, channels: 1, fill: 0)
        for i in 0 ..< stored.width * stored.height {
            let r = Int(stored.pixels[3 * i]), g = Int(stored.pixels[3 * i + 1]), b = Int(stored.pixels[3 * i + 2])
            if r > 128 && r - max(g, b) > 64 { sketch.pixels[i] = 255 }
        }
        let mask = try MaskBuilder().build(on: geometry, sketch: sketch).mask
        let red = redSquare(in: try preparedBase(path, geometry))
        #expect(misplacedPixels(mask, red, tolerance: 1).isEmpty)
        #expect(mask[2, 2] == 255)
    }

    @Test func aSketchOfAnotherAspectRatioIsRefusedNamingBothSizes() throws {
        let geometry = try MaskGeometry(baseFile: fixture("photo.jpg"), options: PrepareOptions())
        do {
            _ = try MaskBuilder().build(sketchFile: fixture("masks/sketch-6.jpg"), alphaFile: nil, geometry: geometry)
            Issue.record("accepted a 160×240 sketch for a 640×360 base")
        } catch {
            guard case let .maskSizeMismatch(file, size, base, baseSize) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(file.hasSuffix("sketch-6.jpg") && base.hasSuffix("photo.jpg"))
            #expect(size == ImageSize(width: 160, height: 240) && baseSize == ImageSize(width: 640, height: 360))
            #expect(error.description.contains("160×240") && error.description.contains("640×360")
                && error.description.contains("allow stretching") && !error.description.contains("--"))
        }
        // --stretch scales it anyway
        let stretched = try MaskBuilder(options: MaskOptions(stretch: true))
            .build(sketchFile: fixture("masks/sketch-6.jpg"), alphaFile: nil, geometry: geometry).result.mask
        #expect(stretched.size == ImageSize(width: 640, height: 360))
    }

    @Test func aSketchOfTheSameAspectRatioIsScaled() throws {
        let ideal = try fixtureMask("masks/sketch-ideal.png")
        let half = pointSampled(ideal, to: ImageSize(width: 320, height: 180))
        let geometry = try MaskGeometry(baseFile: fixture("photo.jpg"), options: PrepareOptions())
        let mask = try MaskBuilder(options: MaskOptions(despeckle: false)).build(on: geometry, sketch: half.grayImage).mask
        #expect(mask.size == ImageSize(width: 640, height: 360))
        #expect(misplacedPixels(mask, ideal, tolerance: 2).isEmpty)
    }

    @Test func theMaskFollowsTheEndpointsResize() throws {
        let options = PrepareOptions(maxPixels: 100_000)
        let geometry = try MaskGeometry(baseFile: fixture("photo.jpg"), options: options)
        // s = √(100,000 / 230,400) = 0.658808: 640s = 421.64 → 421, 360s = 237.17 → 237
        #expect(geometry.target == ImageSize(width: 421, height: 237))
        let mask = try MaskBuilder().build(sketchFile: fixture("masks/sketch.jpg"), alphaFile: nil,
                                           geometry: geometry).result.mask
        #expect(mask.size == geometry.target)
        #expect(distinctValues(mask) == [0, 255])
        // the reference is the ideal sampled at each output pixel's centre, not the resizer under test
        let ideal = pointSampled(try fixtureMask("masks/sketch-ideal.png"), to: ImageSize(width: 421, height: 237))
        #expect(misplacedPixels(mask, ideal, tolerance: 1).isEmpty)
    }

    @Test func aTransparentCutOutMarksItsHole() throws {
        let builder = MaskBuilder()
        let (result, grid) = try builder.build(sketchFile: nil, alphaFile: fixture("masks/cutout.png"), geometry: nil)
        let mask = result.mask
        #expect(grid.target == ImageSize(width: 320, height: 180))
        #expect(distinctValues(mask) == [0, 255])
        // the hole: ellipse centred (200, 90), radii 60 × 45; the band (alpha 100 ≤ 127) rows 150–169
        let expected = maskOf(320, 180) { x, y in
            let dx = (Double(x) + 0.5 - 200) / 60, dy = (Double(y) + 0.5 - 90) / 45
            return dx * dx + dy * dy <= 1 || (150 ..< 170).contains(y)
        }
        #expect(misplacedPixels(mask, expected, tolerance: 1).isEmpty)
        // alpha threshold 0: only the fully transparent hole, not the half-transparent band
        let strict = try MaskBuilder(options: MaskOptions(alphaThreshold: 0))
            .build(sketchFile: nil, alphaFile: fixture("masks/cutout.png"), geometry: nil).result.mask
        #expect(strict[10, 160] == 0 && strict[200, 90] == 255)
    }

    @Test func aCutOutWithoutAlphaIsRefused() throws {
        let photo = fixture("photo.jpg")
        let expected = ImagePrepError.invalidOption(
            photo + ": an alpha source needs an image with transparency (this one has no alpha channel)")
        #expect(throws: expected) {
            _ = try MaskBuilder().build(sketchFile: nil, alphaFile: photo, geometry: nil)
        }
    }

    @Test func nothingToMaskIsAnError() throws {
        #expect(throws: ImagePrepError.invalidOption("nothing to mask: give a sketch, an alpha source, a rectangle or an ellipse")) {
            _ = try MaskBuilder().build(on: MaskGeometry(size: ImageSize(width: 10, height: 10)))
        }
    }

    @Test func conventionsAndEncoding() throws {
        let mask = maskOf(64, 48) { x, y in x >= 16 && x < 48 && y >= 8 && y < 40 }
        let white = try MaskEncoder.encode(mask)
        #expect(white.bitDepth == 1 && white.channels == 1)
        let decoded = try ImageCodec.decode(white.bytes, name: "white")
        #expect(decoded.channels == 1 && decoded.pixels == mask.values)
        let eight = try MaskEncoder.encode(mask, bitDepth: .eight)
        #expect(eight.bitDepth == 8)
        #expect(try ImageCodec.decode(eight.bytes, name: "eight").pixels == mask.values)

        let black = try ImageCodec.decode(try MaskEncoder.encode(mask, convention: .black).bytes, name: "black")
        #expect(black.pixels == mask.inverted().values)

        let alpha = try ImageCodec.decode(try MaskEncoder.encode(mask, convention: .alpha).bytes, name: "alpha")
        #expect(alpha.channels == 4)
        #expect(alpha.pixel(x: 20, y: 20) == [0, 0, 0, 0])       // edit: transparent
        #expect(alpha.pixel(x: 2, y: 2) == [0, 0, 0, 255])       // keep: opaque

        let soft = try MaskBuilder(options: MaskOptions(feather: 4)).shape(mask)
        let grey = try MaskEncoder.encode(soft)
        #expect(grey.bitDepth == 8)
        #expect(try ImageCodec.decode(grey.bytes, name: "grey").pixels == soft.values)
        #expect(throws: ImagePrepError.invalidOption("mask: a feathered mask has grey values and cannot be written 1-bit")) {
            _ = try MaskEncoder.encode(soft, bitDepth: .one)
        }
    }

    @Test func previewTintsTheMarkedAreaAndOutlinesIt() throws {
        let base = PixelImage(width: 20, height: 10, channels: 3, fill: 200)
        let mask = maskOf(20, 10) { x, y in (5 ..< 15).contains(x) && (2 ..< 8).contains(y) }
        let preview = try MaskPreview.render(mask: mask, base: base)
        #expect(preview.pixel(x: 0, y: 0) == [200, 200, 200])        // untouched
        #expect(preview.pixel(x: 5, y: 4) == [255, 0, 0])            // outline
        let inside = preview.pixel(x: 10, y: 5)
        #expect(inside[0] > 200 && inside[1] < 150 && inside[1] == inside[2])   // translucent red
        #expect(throws: ImagePrepError.invalidOption("preview: the base is 3×3 but the mask is 20×10")) {
            _ = try MaskPreview.render(mask: mask, base: PixelImage(width: 3, height: 3, channels: 3))
        }
    }
}
