import Foundation
import Testing
@testable import ImagePrep

@Suite("Format sniffing and whole-image decoding")
struct ImageCodecTests {
    @Test func sniffsBySignature() throws {
        try codecFixture("baseline.jpg").withUnsafeBytes { #expect(ImageCodec.sniff($0) == .jpeg) }
        try codecFixture("rgb.png").withUnsafeBytes { #expect(ImageCodec.sniff($0) == .png) }
        try codecFixture("garbage.bin").withUnsafeBytes { #expect(ImageCodec.sniff($0) == nil) }
        [UInt8]([0xFF, 0xD8]).withUnsafeBytes { #expect(ImageCodec.sniff($0) == nil) }
    }

    @Test func unknownSignatureThrowsUnknownFormat() throws {
        #expect(throws: ImagePrepError.unknownFormat(file: "garbage.bin")) { try decodeFixture("garbage.bin") }
        #expect(throws: ImagePrepError.unknownFormat(file: "empty")) { try ImageCodec.decode([UInt8](), name: "empty") }
    }

    @Test func dataAndArrayOverloadsAgree() throws {
        let bytes = try codecFixture("baseline.jpg")
        let fromData = try ImageCodec.decode(Data(bytes), name: "baseline.jpg", scaleDenominator: 2)
        let fromArray = try ImageCodec.decode(bytes, name: "baseline.jpg", scaleDenominator: 2)
        #expect(fromData == fromArray)
        #expect(fromData.width == 79 && fromData.height == 45)
    }

    @Test func pngIgnoresTheScaleDenominator() throws {
        let image = try decodeFixture("rgb.png", scaleDenominator: 4)
        #expect(image.width == 157 && image.height == 89)
    }

    @Test func maxPixelsAppliesToBothFormats() throws {
        for name in ["baseline.jpg", "rgb.png"] {
            #expect(throws: ImagePrepError.tooManyPixels(file: name, width: 157, height: 89, limit: 157 * 89 - 1)) {
                try ImageCodec.decode(try codecFixture(name), name: name, maxPixels: 157 * 89 - 1)
            }
            #expect(try ImageCodec.decode(try codecFixture(name), name: name, maxPixels: 157 * 89).width == 157)
        }
    }
}
