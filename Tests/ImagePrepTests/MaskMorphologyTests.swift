import Testing
@testable import ImagePrep

/// Grow, shrink and feather: exact disc radii and where grey may appear.
@Suite struct MaskMorphologyTests {
    /// A small pseudo-random mask (a fixed LCG, so failures reproduce).
    func scattered(_ w: Int, _ h: Int, seed: UInt64, density: UInt64) -> Mask {
        var state = seed
        return maskOf(w, h) { _, _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) % 100 < density
        }
    }

    @Test func growMatchesBruteForceDiscDilation() throws {
        for (seed, density) in [(1 as UInt64, 1 as UInt64), (2, 5), (3, 30)] {
            let mask = scattered(53, 37, seed: seed, density: density)
            for r in [1, 2, 3, 5, 8, 20] {
                #expect(try MaskMorphology.dilate(mask, radius: r) == bruteDilate(mask, radius: r), "seed \(seed) r \(r)")
            }
        }
    }

    @Test func shrinkMatchesBruteForceErosionWithTheOutsideMarked() throws {
        let mask = scattered(41, 29, seed: 9, density: 80)
        for r in [1, 2, 4, 7] {
            // erosion = complement of the dilated complement, the border counting as marked
            let expected = bruteDilate(mask.inverted(), radius: r).inverted()
            #expect(try MaskMorphology.erode(mask, radius: r) == expected, "r \(r)")
        }
    }

    @Test func growByRMovesEveryEdgeOfARectangleOutByExactlyR() throws {
        let rect = maskOf(100, 80) { (30 ..< 60).contains($0) && (20 ..< 50).contains($1) }
        let grown = try MaskMorphology.dilate(rect, radius: 7)
        let row = (0 ..< 100).filter { grown[$0, 35] == 255 }
        #expect(row.first == 23 && row.last == 66)
        let column = (0 ..< 80).filter { grown[45, $0] == 255 }
        #expect(column.first == 13 && column.last == 56)
        // corners are round: (30-7, 20-7) is 7√2 away from the corner pixel
        #expect(grown[23, 13] == 0)
        #expect(grown[25, 15] == 0)      // (5, 5) from the corner: 50 > 49
        #expect(grown[26, 16] == 255)    // (4, 4): 32 ≤ 49
        let shrunk = try MaskMorphology.erode(rect, radius: 7)
        #expect(shrunk == maskOf(100, 80) { (37 ..< 53).contains($0) && (27 ..< 43).contains($1) })
        // a single pixel grown by r is the disc x² + y² ≤ r²
        let dot = maskOf(41, 41) { $0 == 20 && $1 == 20 }
        #expect(try MaskMorphology.dilate(dot, radius: 10) == maskOf(41, 41) { x, y in
            (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 100
        })
    }

    @Test func shrinkDoesNotPullAwayFromTheImageBorder() throws {
        let full = Mask(size: ImageSize(width: 30, height: 20), fill: 255)
        #expect(try MaskMorphology.erode(full, radius: 5) == full)
        let left = maskOf(30, 20) { x, _ in x < 10 }
        #expect(try MaskMorphology.erode(left, radius: 3) == maskOf(30, 20) { x, _ in x < 7 })
    }

    @Test func featherMakesGreyOnlyNearEdges() throws {
        let rect = maskOf(120, 90) { (40 ..< 80).contains($0) && (30 ..< 60).contains($1) }
        let feather = 6
        let builder = MaskBuilder(options: MaskOptions(feather: feather))
        let soft = try builder.shape(rect)
        #expect(!soft.isBinary)
        for y in 0 ..< 90 {
            for x in 0 ..< 120 {
                let value = soft[x, y]
                if !nearEdge(rect, x, y, within: feather) {
                    #expect(value == rect[x, y], "(\(x), \(y)) is \(value) far from any edge")
                }
            }
        }
        // the ramp is monotonic across the left edge and crosses the middle at the edge
        let ramp = (30 ..< 50).map { soft[$0, 45] }
        #expect(ramp == ramp.sorted())
        #expect((100 ... 155).contains(Int(soft[39, 45]) + Int(soft[40, 45]) - 127))
    }

    @Test func growThenShrinkClosesAGap() throws {
        let twoBars = maskOf(60, 20) { x, _ in x < 28 || x >= 32 }
        let closed = try MaskBuilder(options: MaskOptions(grow: 3, shrink: 3)).shape(twoBars)
        #expect(closed == Mask(size: ImageSize(width: 60, height: 20), fill: 255))
    }
}
