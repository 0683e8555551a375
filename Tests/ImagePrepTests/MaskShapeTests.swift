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

    @Test func ellipseCoversThePixelsWhoseCentresAreInside() throws {
        for spec in ["100,50,30,20", "100.5,50.5,10,10", "0,0,25,25", "50%,50%,25%,40%", "199,99,3.7,80"] {
            let shape = try MaskShape.parse(spec, ellipse: true)
            let mask = drawn(shape)
            guard case let .ellipse(cx, cy, rx, ry) = shape else { Issue.record("not an ellipse"); continue }
            let x0 = cx.resolved(along: 200), y0 = cy.resolved(along: 100)
            let a = rx.resolved(along: 200), b = ry.resolved(along: 100)
            let expected = maskOf(200, 100) { x, y in
                let dx = (Double(x) + 0.5 - x0) / a, dy = (Double(y) + 0.5 - y0) / b
                return dx * dx + dy * dy <= 1
            }
            #expect(mask == expected, "\(spec)")
        }
    }

    @Test func circleOfRadiusTenIsTwentyPixelsAcross() throws {
        let mask = drawn(try MaskShape.parse("100,50,10,10", ellipse: true))
        let row = (0 ..< 200).filter { mask[$0, 50] == 255 }
        #expect(row.first == 90 && row.last == 109)
        let column = (0 ..< 100).filter { mask[100, $0] == 255 }
        #expect(column.first == 40 && column.last == 59)
    }

    @Test func malformedShapesAreRefusedNamingTheOption() throws {
        for bad in ["1,2,3", "a,2,3,4", "1,2,0,4", "1,2,3,-4", "1,2,3,4,5", "1,2,3,nan%"] {
            #expect(throws: ImagePrepError.self) { try MaskShape.parse(bad, ellipse: false) }
        }
        do {
            _ = try MaskShape.parse("1,2,0,4", ellipse: true)
            Issue.record("accepted a zero radius")
        } catch {
            #expect(error.description.contains("ellipse") && !error.description.contains("--"))
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
