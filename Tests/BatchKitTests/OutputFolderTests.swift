import Foundation
import Testing
@testable import BatchKit

@Suite struct BatchOutputFolderTests {
    @Test func namesAreCreatedBelowTheFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try OutputFolder(scratch.path + "/out/nested")
        let path = try folder.destination(for: "shoes/red.png", input: "in/shoes/red.jpg")
        #expect(path == scratch.path + "/out/nested/shoes/red.png")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/out/nested/shoes", isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test func namesCannotEscape() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try OutputFolder(scratch.path + "/out")
        for name in ["../x.png", "a/../../x.png", "/etc/x.png", "a//b.png", "./x.png", ""] {
            #expect(throws: BatchError.escapesOutputFolder(file: "in.jpg", output: name), "\(name)") {
                try folder.destination(for: name, input: "in.jpg")
            }
        }
        // a symbolic link inside the output folder pointing elsewhere is refused
        try FileManager.default.createDirectory(atPath: scratch.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/out/sub", withDestinationPath: scratch.path + "/elsewhere")
        #expect(throws: BatchError.escapesOutputFolder(file: "in/sub/x.jpg", output: scratch.path + "/out/sub/x.png")) {
            try folder.destination(for: "sub/x.png", input: "in/sub/x.jpg")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/elsewhere").isEmpty, "nothing was made through the link")
    }
}
