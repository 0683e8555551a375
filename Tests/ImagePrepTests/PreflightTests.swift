import Foundation
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

    // Targets worked out by hand from the documented rules: down, the largest size of the same
    // aspect within 33,177,600 pixels, each side rounded down; up, the smallest reaching 65,536,
    // each side rounded up. s is the scale factor √(limit / pixels).
    @Test(arguments: [
        // s = √(65,536 / 30,000) = 1.47802: 295.60 → 296, 221.70 → 222 (65,712 px)
        ("probe/small-200x150.jpg", [PrepareAction.upscale], ImageSize(width: 296, height: 222)),
        // s = √(33,177,600 / 40,000,000) = 0.910736: 7285.89 → 7285, 4553.68 → 4553 (33,168,605 px)
        ("probe/over-max-8000x5000.jpg", [.downscale], ImageSize(width: 7285, height: 4553)),
        // stored 160×240, upright 240×160; s = √(65,536 / 38,400) = 1.306395: 313.53 → 314, 209.02 → 210
        ("orientation/6.jpg", [.orient, .upscale], ImageSize(width: 314, height: 210)),
        // 64×36 = 2,304 px; s = √(65,536 / 2,304) = 16/3: 341.33 → 342, 192 exactly → 192 (65,664 px)
        ("probe/cmyk.jpg", [.upscale, .convertColor], ImageSize(width: 342, height: 192)),
        ("probe/gray16.png", [.upscale, .reencode], ImageSize(width: 342, height: 192)),
        ("probe/arithmetic.jpg", [.upscale, .reencode], ImageSize(width: 342, height: 192)),
    ])
    func fixableFilesListTheirActionsAndTarget(file: String, actions: [PrepareAction], target: ImageSize) {
        let report = Preflight.check(file: fixture(file))
        #expect(report.status == .fixable)
        #expect(report.actions == actions)
        #expect(report.target == target)
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

    @Test func aMissingFileIsInvalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.file("no-such-file.jpg")
        let report = Preflight.check(file: missing)
        #expect(report.status == .invalid)
        #expect(report.error == missing + ": cannot read: No such file or directory")
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
        #expect(try PreparePlan.make(for: corpus100, profile: nil, options: PrepareOptions(), name: "x").jpegScaleDenominator == 1)
        // 200 MP → 33 MP: 1/2 decodes 6125×8170/2, still above the target
        let twoHundred = ImageInfo(format: .jpeg, width: 17320, height: 11540, bitDepth: 8, colorModel: .rgb, fileSize: 1)
        #expect(try PreparePlan.make(for: twoHundred, profile: nil, options: PrepareOptions(), name: "x").jpegScaleDenominator == 2)
        // orientation 6 swaps the target back to stored orientation before choosing
        let rotated = ImageInfo(format: .jpeg, width: 4000, height: 3000, bitDepth: 8, colorModel: .rgb,
                                orientation: .right, fileSize: 1)
        let plan = try PreparePlan.make(for: rotated, profile: nil, options: PrepareOptions(maxPixels: 700_000), name: "x")
        // upright 3000×4000; s = √(700,000 / 12,000,000) = 0.241523: 724.57 → 724, 966.09 → 966
        #expect(plan.target == ImageSize(width: 724, height: 966))
        // stored, that is 966×724; a 1/4 decode gives 1000×750, still covering it
        #expect(plan.jpegScaleDenominator == 4)
    }
}
