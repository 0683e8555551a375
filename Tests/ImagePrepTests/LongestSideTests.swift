import Testing
@testable import ImagePrep

/// `PrepareOptions.maxLongestSide`: the longest side fitted, after orientation, with the pixel limit.
@Suite struct LongestSideTests {
    @Test func fittingTheLongestSideKeepsTheAspect() {
        // 4701 × 2048 / 7056 = 1364.5, 5770 × 4096 / 8660 = 2729.3 (rounded down)
        #expect(ImageSize(width: 7056, height: 4701).fitting(maxLongestSide: 2048) == ImageSize(width: 2048, height: 1364))
        #expect(ImageSize(width: 5770, height: 8660).fitting(maxLongestSide: 4096) == ImageSize(width: 2729, height: 4096))
        #expect(ImageSize(width: 640, height: 360).fitting(maxLongestSide: 2048) == ImageSize(width: 640, height: 360))
    }

    @Test func theFileIsPreparedWithinTheLongestSideAfterOrientation() throws {
        // orientation/6.jpg is stored 160×240 and shows 240×160 upright
        let options = PrepareOptions(endpoint: .backgroundRemove, maxLongestSide: 120)
        let prepared = try Preparer(options: options).prepare(file: fixture("orientation/6.jpg"))
        #expect(prepared.size == ImageSize(width: 120, height: 80))
        #expect(prepared.actions.contains(.downscale))
        // read back by the header probe, not from the preparer's own account
        let info = try ImageProbe.probe(bytes: prepared.bytes, name: "prepared")
        #expect(info.width == 120 && info.height == 80)
    }

    @Test func theUpscaleEndpointFitsTheInputForTheScale() {
        #expect(Endpoint.maxUpscaleInputPixels(scale: 2) == 4_194_304)
        #expect(Endpoint.maxUpscaleInputPixels(scale: 4) == 1_048_576)
        #expect(Endpoint.upscale.minPixels == 65_536)
    }
}
