import Testing
@testable import ImagePrep

@Suite struct PreflightTests {
    @Test func aPhotoWithinTheLimitsIsReady() {
        let report = Preflight.check(file: fixture("photo.jpg"))
        #expect(report.status == .ready)
        #expect(report.actions.isEmpty)
        #expect(report.target == ImageSize(width: 640, height: 360))
        #expect(!report.requiresMultipart)
    }

    @Test(arguments: [
        ("probe/small-200x150.jpg", [PrepareAction.upscale], ImageSize(width: 296, height: 222)),
        ("probe/over-max-8000x5000.jpg", [.downscale], ImageSize(width: 8000, height: 5000).fitting(maxPixels: 33_177_600)),
        ("orientation/6.jpg", [.orient, .upscale], ImageSize(width: 240, height: 160).reaching(minPixels: 65_536)),
        ("probe/cmyk.jpg", [.upscale, .convertColor], ImageSize(width: 64, height: 36).reaching(minPixels: 65_536)),
        ("probe/gray16.png", [.upscale, .reencode], ImageSize(width: 64, height: 36).reaching(minPixels: 65_536)),
        ("probe/arithmetic.jpg", [.upscale, .reencode], ImageSize(width: 64, height: 36).reaching(minPixels: 65_536)),
    ])
    func fixableFilesListTheirActionsAndTarget(file: String, actions: [PrepareAction], target: ImageSize) {
        let report = Preflight.check(file: fixture(file))
        #expect(report.status == .fixable)
        #expect(report.actions == actions)
        #expect(report.target == target)
    }

    @Test func targetsRespectTheEndpointLimits() {
        let down = Preflight.check(file: fixture("probe/over-max-8000x5000.jpg"))
        #expect((down.target?.pixels ?? .max) <= 33_177_600)
        let up = Preflight.check(file: fixture("probe/small-200x150.jpg"))
        #expect((up.target?.pixels ?? 0) >= 65_536)
    }

    @Test func backgroundRemovalHasNoPixelLimits() {
        let options = PrepareOptions(endpoint: .backgroundRemove)
        #expect(Preflight.check(file: fixture("probe/small-200x150.jpg"), options: options).status == .ready)
        #expect(Preflight.check(file: fixture("probe/over-max-8000x5000.jpg"), options: options).status == .ready)
    }

    @Test(arguments: [
        ("probe/tiny.gif", "unsupported format: gif"),
        ("probe/tiny.tiff", "unsupported format: tiff"),
        ("probe/png-100000x100000.png", "over the decode limit"),
        ("probe/jpeg-65500x65500.jpg", "over the decode limit"),
        ("probe/garbage.jpg", "not an image"),
        ("probe/empty.png", "empty"),
        ("probe/png-zero-width.png", "invalid dimensions"),
        ("probe/truncated-header.jpg", "truncated"),
    ])
    func unusableFilesAreInvalidAndSayWhy(file: String, reason: String) {
        let report = Preflight.check(file: fixture(file))
        #expect(report.status == .invalid)
        let error = report.error ?? ""
        #expect(error.contains(reason), "\(error)")
        #expect(error.contains(file.split(separator: "/").last.map(String.init) ?? file), "names the file")
    }

    @Test func aMissingFileIsInvalid() {
        let report = Preflight.check(file: fixture("no-such-file.jpg"))
        #expect(report.status == .invalid)
        #expect(report.error?.contains("no-such-file.jpg") == true)
    }

    @Test func largeReadyFilesNeedMultipartAndOversizedOnesShrink() {
        let big = ImageInfo(format: .jpeg, width: 6000, height: 4000, bitDepth: 8, colorModel: .rgb, fileSize: 24_500_000)
        let ready = Preflight.judge(big, file: "big.jpg", options: PrepareOptions())
        #expect(ready.status == .ready)
        #expect(ready.requiresMultipart)
        var huge = big
        huge.fileSize = 25_000_000
        let fixable = Preflight.judge(huge, file: "huge.jpg", options: PrepareOptions())
        #expect(fixable.status == .fixable)
        #expect(fixable.actions == [.shrinkFile])
    }

    @Test func shrinkOnLoadIsPlannedOnlyWhereItStillCoversTheTarget() throws {
        // 100 MP → 33 MP is a 1.74× shrink: a 1/2 decode would undershoot, so none
        let corpus100 = ImageInfo(format: .jpeg, width: 12250, height: 8170, bitDepth: 8, colorModel: .rgb, fileSize: 1)
        #expect(try PreparePlan.make(for: corpus100, options: PrepareOptions(), name: "x").jpegScaleDenominator == 1)
        // 200 MP → 33 MP: 1/2 decodes 6125×8170/2, still above the target
        let twoHundred = ImageInfo(format: .jpeg, width: 17320, height: 11540, bitDepth: 8, colorModel: .rgb, fileSize: 1)
        #expect(try PreparePlan.make(for: twoHundred, options: PrepareOptions(), name: "x").jpegScaleDenominator == 2)
        // orientation 6 swaps the target back to stored orientation before choosing
        let rotated = ImageInfo(format: .jpeg, width: 4000, height: 3000, bitDepth: 8, colorModel: .rgb,
                                orientation: .right, fileSize: 1)
        let plan = try PreparePlan.make(for: rotated, options: PrepareOptions(maxPixels: 700_000), name: "x")
        #expect(plan.target.width < plan.target.height)
        #expect(plan.jpegScaleDenominator == 4)
    }
}
