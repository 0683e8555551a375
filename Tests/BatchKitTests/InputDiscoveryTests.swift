import Foundation
import Testing
@testable import BatchKit

@Suite struct BatchInputDiscoveryTests {
    @Test func foldersAreWalkedByContentAndMirrored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.copy("photo.jpg", to: "in/a.jpg")
        try scratch.copy("codecs/rgb.png", to: "in/shoes/red.png")
        try scratch.copy("photo.jpg", to: "in/shoes/deep/blue.JPG")
        try scratch.copy("codecs/rgb.png", to: "in/shoes/misnamed.txt")          // a PNG by content
        try scratch.copy("probe/tiny.gif", to: "in/tiny.gif")                    // recognised, unsupported
        try scratch.copy("formats/upright.heic", to: "in/phone.HEIC")            // HEIF by content
        try scratch.copy("formats/lossy.webp", to: "in/web.bin")                 // WebP by content
        try scratch.write("not an image", to: "in/notes.jpg")                     // named .jpg, text inside
        try scratch.copy("photo.jpg", to: "in/.hidden.jpg")                       // ignored
        try scratch.copy("photo.jpg", to: "outside.jpg")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/in/escape.jpg", withDestinationPath: scratch.path + "/outside.jpg")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/in/alias.jpg", withDestinationPath: scratch.path + "/in/a.jpg")

        let found = try InputDiscovery().discover([scratch.path + "/in"]) { [] }
        let stems = found.items.map(\.outputStem)
        #expect(stems == ["a", "alias", "phone", "shoes/deep/blue", "shoes/misnamed", "shoes/red", "web"])
        #expect(found.items.first { $0.outputStem == "shoes/deep/blue" }?.inputExtension == "jpg")
        let skipped = Dictionary(uniqueKeysWithValues: found.skipped.map { (($0.input as NSString).lastPathComponent, $0.reason) })
        #expect(skipped.count == 3)
        #expect(skipped["tiny.gif"] == "not an image the tool reads (gif)")
        #expect(skipped["notes.jpg"] == "not an image the tool reads")
        #expect(skipped["escape.jpg"]?.contains("outside") == true)
    }

    @Test func collisionsGetStableSuffixesAndFilesUseTheirBaseName() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = try scratch.copy("photo.jpg", to: "x/photo.jpg")
        let b = try scratch.copy("codecs/rgb.png", to: "y/photo.png")
        let c = try scratch.copy("photo.jpg", to: "z/PHOTO.jpg")
        let found = try InputDiscovery().discover([a, b, c]) { [] }
        #expect(found.items.map(\.outputStem) == ["photo", "photo-2", "PHOTO-3"])
        let again = try InputDiscovery().discover([a, b, c]) { [] }
        #expect(again == found, "the same inputs always get the same names")
    }

    @Test func standardInputListsPathsAndTheOutputFolderIsNotWalked() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = try scratch.copy("photo.jpg", to: "in/a.jpg")
        try scratch.copy("photo.jpg", to: "in/out/old.jpg")
        let found = try InputDiscovery(excluding: [scratch.path + "/in/out"]).discover(["-", scratch.path + "/in"]) {
            [a, "", "  ", scratch.path + "/missing.jpg"]
        }
        #expect(found.items.map(\.input) == [a, scratch.path + "/missing.jpg", scratch.path + "/in/a.jpg"])
        #expect(found.items.map(\.outputStem) == ["a", "missing", "a-2"])
    }

    @Test func aMissingArgumentIsAnErrorNamingIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let missing = scratch.path + "/never.jpg"
        #expect(throws: BatchError.inputNotFound(file: missing)) {
            try InputDiscovery().discover([missing]) { [] }
        }
        #expect(BatchError.inputNotFound(file: missing).description == missing + ": no such file or folder")
    }
}
