import Testing
@testable import ImagePrep

/// Rectangles and ellipses: exact pixel coverage, in pixels and percentages, and parsing.
@Suite struct MaskShapeTests {
    func drawn(_ shape: MaskShape, _ w: Int = 200, _ h: Int = 100) -> Mask {
        var mask = Mask(size: ImageSize(width: w, height: h))
        shape.draw(into: &mask)
        return mask
    }

    @Test func rectCoversExactlyItsColumnsAndRows() throws {
        let mask = drawn(try MaskShape.parse("10,20,30,40", ellipse: false))
        let expected = maskOf(200, 100) { (10 ..< 40).contains($0) && (20 ..< 60).contains($1) }
        #expect(mask == expected)
        #expect(markedCount(mask) == 30 * 40)
    }

    @Test func rectInPercentagesOfTheImage() throws {
        // 10% of 200 = 20, 20% of 100 = 20, 30% of 200 = 60, 40% of 100 = 40
        let mask = drawn(try MaskShape.parse("10%,20%,30%,40%", ellipse: false))
        #expect(mask == maskOf(200, 100) { (20 ..< 80).contains($0) && (20 ..< 60).contains($1) })
        let half = drawn(try MaskShape.parse("0%,0%,50%,100%", ellipse: false), 201, 7)
        // 50% of 201 = 100.5: centres 0.5 … 99.5 are inside, 100.5 is not
        #expect(markedCount(half) == 100 * 7)
    }

    @Test func rectIsClippedToTheImage() throws {
        let mask = drawn(try MaskShape.parse("-10,90,30,50", ellipse: false))
        #expect(mask == maskOf(200, 100) { $0 < 20 && $1 >= 90 })
    }

    /// Centres and radii in pixels on the 200×100 grid, written out (percentages of 200 across
    /// and 100 down), so the expectation does not come from the parser under test.
    @Test(arguments: [
        ("100,50,30,20", 100.0, 50.0, 30.0, 20.0),
        ("100.5,50.5,10,10", 100.5, 50.5, 10, 10),
        ("0,0,25,25", 0, 0, 25, 25),
        ("50%,50%,25%,40%", 100, 50, 50, 40),           // 50% of 200, 50% of 100, 25% of 200, 40% of 100
        ("199,99,3.7,80", 199, 99, 3.7, 80),
    ])
    func ellipseCoversThePixelsWhoseCentresAreInside(spec: String, x0: Double, y0: Double, a: Double, b: Double) throws {
        let mask = drawn(try MaskShape.parse(spec, ellipse: true))
        let expected = maskOf(200, 100) { x, y in
            let dx = (Double(x) + 0.5 - x0) / a, dy = (Double(y) + 0.5 - y0) / b
            return dx * dx + dy * dy <= 1
        }
        #expect(mask == expected, "\(spec)")
    }

    @Test func circleOfRadiusTenIsTwentyPixelsAcross() throws {
        let mask = drawn(try MaskShape.parse("100,50,10,10", ellipse: true))
        let row = (0 ..< 200).filter { mask[$0, 50] == 255 }
        #expect(row.first == 90 && row.last == 109)
        let column = (0 ..< 100).filter { mask[100, $0] == 255 }
        #expect(column.first == 40 && column.last == 59)
    }

    @Test(arguments: [
        ("1,2,3", #"rectangle X,Y,W,H: expected four comma-separated values, got "1,2,3""#),
        ("1,2,3,4,5", #"rectangle X,Y,W,H: expected four comma-separated values, got "1,2,3,4,5""#),
        ("a,2,3,4", #"rectangle X,Y,W,H: "a" is not a number of pixels or a percentage (e.g. 120 or 25%)"#),
        ("1,2,3,nan%", #"rectangle X,Y,W,H: "nan%" is not a number of pixels or a percentage (e.g. 120 or 25%)"#),
        ("1,2,0,4", "rectangle 1,2,0,4: width and height must be positive"),
        ("1,2,3,-4", "rectangle 1,2,3,-4: width and height must be positive"),
    ])
    func malformedRectsAreRefusedNamingTheShape(spec: String, message: String) {
        #expect(throws: ImagePrepError.invalidOption(message)) { try MaskShape.parse(spec, ellipse: false) }
    }

    @Test func aZeroRadiusIsRefusedNamingTheEllipse() {
        #expect(throws: ImagePrepError.invalidOption("ellipse 1,2,0,4: radii must be positive")) {
            try MaskShape.parse("1,2,0,4", ellipse: true)
        }
    }

    @Test func shapesAreUnitedWithASketch() throws {
        var image = PixelImage(width: 40, height: 20, channels: 1, fill: 0)
        for y in 0 ..< 20 { for x in 0 ..< 10 { image.pixels[y * 40 + x] = 255 } }
        let options = MaskOptions(threshold: .fixed(128), shapes: [try MaskShape.parse("30,0,10,20", ellipse: false)])
        let result = try MaskBuilder(options: options).build(on: MaskGeometry(size: ImageSize(width: 40, height: 20)),
                                                             sketch: image)
        #expect(result.mask == maskOf(40, 20) { x, _ in x < 10 || x >= 30 })
    }
}
