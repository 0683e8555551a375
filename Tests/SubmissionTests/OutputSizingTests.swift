import Submission
import Testing
import VeniceClient

/// The sizing rule: the tier sets the longest side, with the documented exceptions.
@Suite struct OutputSizingTests {
    @Test(arguments: [("1K", 2048), ("2K", 4096)])
    func aTierCapsTheLongestSide(_ tier: String, _ side: Int) {
        let sizing = OutputSizing.decide(endpoint: .edit, tier: tier, imageCount: 1, model: nil, fullSize: false)
        #expect(sizing.maxLongestSide == side)
    }

    @Test func fourKAndFullSizeAndFollowingModelsGetTheAPILimit() {
        #expect(OutputSizing.decide(endpoint: .edit, tier: "4K", imageCount: 1, model: nil, fullSize: false).maxLongestSide == nil)
        #expect(OutputSizing.decide(endpoint: .edit, tier: "1K", imageCount: 1, model: nil, fullSize: true).maxLongestSide == nil)
        var follows = ModelInfo(id: "keeps-size")
        follows.singleImageAspectRatio = false
        #expect(OutputSizing.decide(endpoint: .edit, tier: nil, imageCount: 1, model: follows, fullSize: false).maxLongestSide == nil)
        // with a second image the output no longer follows the input
        #expect(OutputSizing.decide(endpoint: .multiEdit, tier: nil, imageCount: 2, model: follows, fullSize: false).maxLongestSide == 2048)
    }

    @Test func noTierMeansTheModelsDefaultElseOneK() {
        #expect(OutputSizing.decide(endpoint: .edit, tier: nil, imageCount: 1, model: nil, fullSize: false).maxLongestSide == 2048)
        var model = ModelInfo(id: "m")
        model.defaultResolution = "2K"
        #expect(OutputSizing.decide(endpoint: .edit, tier: nil, imageCount: 1, model: model, fullSize: false).maxLongestSide == 4096)
    }
}
