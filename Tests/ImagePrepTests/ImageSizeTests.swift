import Testing
@testable import ImagePrep

@Suite struct ImageSizeTests {
    @Test func fittingMatchesTheCorpusTargets() {
        // the sizes vipsthumbnail and the benchmark notes give for the corpus images
        #expect(ImageSize(width: 8660, height: 5770).fitting(maxPixels: 33_177_600) == ImageSize(width: 7056, height: 4701))
        #expect(ImageSize(width: 12250, height: 8170).fitting(maxPixels: 33_177_600) == ImageSize(width: 7053, height: 4703))
    }

    @Test func fittingLeavesSmallImagesAlone() {
        #expect(ImageSize(width: 640, height: 360).fitting(maxPixels: 33_177_600) == ImageSize(width: 640, height: 360))
    }

    @Test(arguments: [(40_000, 1), (1, 50_000_000), (9_000, 9_000), (10_001, 3_333), (65_535, 65_535)])
    func fittingNeverExceedsTheBudgetAndKeepsTheAspect(width: Int, height: Int) {
        let size = ImageSize(width: width, height: height)
        let fit = size.fitting(maxPixels: 33_177_600)
        #expect(fit.pixels <= 33_177_600)
        #expect(fit.width >= 1 && fit.height >= 1)
        #expect(fit.width <= width && fit.height <= height)
        if fit.width > 100 && fit.height > 100 {
            let ratio = Double(width) / Double(height), fitRatio = Double(fit.width) / Double(fit.height)
            #expect(abs(ratio - fitRatio) / ratio < 0.01)
        }
    }

    @Test func reachingGoesJustAboveTheMinimum() {
        let up = ImageSize(width: 200, height: 150).reaching(minPixels: 65_536)
        #expect(up == ImageSize(width: 296, height: 222))
        #expect(up.pixels >= 65_536)
        // one pixel less on either side would be below the minimum
        #expect((up.width - 1) * up.height < 65_536 || up.width * (up.height - 1) < 65_536)
    }

    @Test(arguments: [(1, 1), (255, 1), (1, 300), (17, 3_000), (250, 250)])
    func reachingAlwaysReachesTheMinimum(width: Int, height: Int) {
        let up = ImageSize(width: width, height: height).reaching(minPixels: 65_536)
        #expect(up.pixels >= 65_536)
        #expect(up.width >= width && up.height >= height)
    }
}
