import Testing
@testable import ImagePrep

/// Binary-preserving resize: area average, 50% re-threshold, thin strokes kept.
@Suite struct MaskResizerTests {
    @Test func aOnePixelLineSurvivesShrinkingAtAnyScale() throws {
        for (w, ow) in [(400, 200), (400, 100), (400, 133), (400, 57), (300, 299), (97, 13)] {
            for x0 in [0, 1, 2, 3, 37, w / 2 + 1] {
                let vertical = maskOf(w, 60) { x, _ in x == x0 }
                let resized = try MaskResizer.resize(vertical, to: ImageSize(width: ow, height: 60))
                #expect(distinctValues(resized).isSubset(of: [0, 255]))
                // every row still has the line, at most 2 pixels thick, where it should be
                for y in 0 ..< 60 {
                    let marked = (0 ..< ow).filter { resized[$0, y] == 255 }
                    #expect(!marked.isEmpty && marked.count <= 2, "\(w)→\(ow), line at \(x0), row \(y): \(marked)")
                    let centre = (Double(x0) + 0.5) * Double(ow) / Double(w)
                    #expect(marked.allSatisfy { abs(Double($0) + 0.5 - centre) < 1.5 })
                }
                let horizontal = maskOf(60, w) { _, y in y == x0 }
                let down = try MaskResizer.resize(horizontal, to: ImageSize(width: 60, height: ow))
                #expect((0 ..< 60).allSatisfy { x in (0 ..< ow).contains { down[x, $0] == 255 } })
            }
        }
    }

    @Test func aDiagonalHairlineStaysConnectedWhenShrunk() throws {
        let diagonal = maskOf(300, 300) { x, y in x == y }
        let small = try MaskResizer.resize(diagonal, to: ImageSize(width: 70, height: 70))
        for i in 0 ..< 70 { #expect(small[i, i] == 255) }
    }

    @Test func regionsAreThresholdedAtHalfCoverage() throws {
        // left 150 of 400 columns marked; shrunk 4×: 37.5 output columns, 37 full, one 50% → on
        let mask = maskOf(400, 40) { x, _ in x < 150 }
        let small = try MaskResizer.resize(mask, to: ImageSize(width: 100, height: 10))
        #expect(small == maskOf(100, 10) { x, _ in x < 38 })
        // 149 columns: the partial column is 25% covered with a fully covered neighbour: off
        let less = try MaskResizer.resize(maskOf(400, 40) { x, _ in x < 149 }, to: ImageSize(width: 100, height: 10))
        #expect(less == maskOf(100, 10) { x, _ in x < 37 })
    }

    @Test func enlargingStaysBinaryAndKeepsEdgesInPlace() throws {
        let mask = maskOf(10, 10) { x, y in (2 ..< 5).contains(x) && (3 ..< 9).contains(y) }
        let big = try MaskResizer.resize(mask, to: ImageSize(width: 30, height: 25))
        #expect(distinctValues(big) == [0, 255])
        // ×3 across; ×2.5 down: rows 3..<9 → 7.5..<22.5, whose end rows are exactly half covered (kept)
        #expect(big == maskOf(30, 25) { x, y in (6 ..< 15).contains(x) && (7 ..< 23).contains(y) })
        let line = maskOf(10, 4) { x, _ in x == 5 }
        let wide = try MaskResizer.resize(line, to: ImageSize(width: 13, height: 4))
        #expect((0 ..< 4).allSatisfy { y in (0 ..< 13).contains { wide[$0, y] == 255 } })
    }

    @Test func sameSizeOnlyBinarizes() throws {
        let grey = try! Mask(width: 3, height: 1, values: [10, 128, 250])
        #expect(try MaskResizer.resize(grey, to: grey.size).values == [0, 255, 255])
    }
}
