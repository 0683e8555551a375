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
            #expect(throws: BatchError.self, "\(name)") { try folder.destination(for: name, input: "in.jpg") }
        }
        // a symbolic link inside the output folder pointing elsewhere is refused
        try FileManager.default.createDirectory(atPath: scratch.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/out/sub", withDestinationPath: scratch.path + "/elsewhere")
        do {
            _ = try folder.destination(for: "sub/x.png", input: "in/sub/x.jpg")
            Issue.record("a path through a symbolic link was accepted")
        } catch {
            #expect(error.description.contains("in/sub/x.jpg"), "the error names the input")
            #expect(error.description.contains("outside"))
        }
    }
}
