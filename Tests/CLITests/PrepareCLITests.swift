import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct PrepareCLITests {
    func temporaryFolder() throws -> String { try TemporaryFolder.make("cli") }

    @Test func preflightSaysReadyForTheBundledPhoto() async throws {
        let result = try await CommandRunner.run(["preflight", CommandRunner.fixture("photo.jpg")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("photo.jpg: ready"))
    }

    @Test func preflightJSONCarriesTheDocumentedFields() async throws {
        let result = try await CommandRunner.run(["preflight", "--json", "--max-pixels", "100000", CommandRunner.fixture("photo.jpg")])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "jpeg")
        #expect(object["width"] as? Int == 640)
        #expect(object["height"] as? Int == 360)
        #expect(object["pixels"] as? Int == 230_400)
        #expect(object["orientation"] as? Int == 1)
        #expect(object["status"] as? String == "fixable")
        #expect(object["actions"] as? [String] == ["downscale"])
        let target = try #require(object["target"] as? [String: Int])
        #expect(target["width"]! * target["height"]! <= 100_000)
        #expect((object["bytes"] as? Int ?? 0) > 0)
    }

    @Test func preflightExitsOneWhenAnyFileIsInvalid() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let garbage = folder + "/notes.jpg"
        try Data("this is not an image at all".utf8).write(to: URL(fileURLWithPath: garbage))
        let result = try await CommandRunner.run(["preflight", "--json", CommandRunner.fixture("photo.jpg"), garbage])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let bad = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(bad["status"] as? String == "invalid")
        #expect((bad["error"] as? String ?? "").contains("notes.jpg"))
    }

    @Test func preflightHelpAndMistakesNameTheFullCommand() async throws {
        // `preflight` is parsed on a short path of its own; help and errors must read as usual
        let help = try await CommandRunner.run(["preflight", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: venice-edit preflight"), "\(help.stdout)")
        let mistake = try await CommandRunner.run(["preflight", "--no-such-option", CommandRunner.fixture("photo.jpg")])
        #expect(mistake.status == 64)
        #expect(mistake.stderr.contains("Unknown option '--no-such-option'"), "\(mistake.stderr)")
        #expect(mistake.stderr.contains("venice-edit preflight"), "\(mistake.stderr)")
        #expect(mistake.stdout.isEmpty)
        let nothing = try await CommandRunner.run(["preflight"])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("Missing expected argument"), "\(nothing.stderr)")
    }

    @Test func prepareWritesTheFileAndReportsWhatItDid() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.jpg"
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", output,
                                            "--max-pixels", "100000", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["passthrough"] as? Bool == false)
        #expect(object["actions"] as? [String] == ["downscale"])
        #expect(object["format"] as? String == "jpeg")
        let width = try #require(object["width"] as? Int), height = try #require(object["height"] as? Int)
        #expect(width * height <= 100_000)
        let written = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(object["bytes"] as? Int == written.count)
        #expect(Array(written.prefix(3)) == [0xFF, 0xD8, 0xFF])
    }

    @Test func prepareRefusesToOverwriteItsInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/photo.jpg"
        try FileManager.default.copyItem(atPath: CommandRunner.fixture("photo.jpg"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let result = try await CommandRunner.run(["prepare", input, "-o", input, "--max-pixels", "100000"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("photo.jpg"))
        #expect(result.stderr.contains("overwrite the input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test func prepareNamesTheFileAndTheProblemOnBadInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let truncated = folder + "/cut.jpg"
        let photo = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture("photo.jpg")))
        try photo.prefix(photo.count / 2).write(to: URL(fileURLWithPath: truncated))
        let result = try await CommandRunner.run(["prepare", truncated, "-o", folder + "/out.jpg"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("venice-edit: \(truncated): truncated"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.jpg"))
        #expect(result.stderr.split(separator: "\n").count == 1, "one line, no stack trace")
    }

    @Test func inPlaceReplacesTheInputAtomically() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/photo.jpg"
        try FileManager.default.copyItem(atPath: CommandRunner.fixture("photo.jpg"), toPath: input)
        let result = try await CommandRunner.run(["prepare", input, "-o", input, "--max-pixels", "100000", "--in-place", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let written = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(object["bytes"] as? Int == written.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["photo.jpg"], "no temporary file left")
    }

    @Test func writeFailuresNameTheFileAndLeaveNothingBehind() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // the output's folder is a regular file: the write fails whoever runs the test (root too)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/blocker"))
        let output = folder + "/blocker/out.jpg"
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", output, "--max-pixels", "100000"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("venice-edit: \(output): cannot write"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["blocker"])
    }

    @Test func inputsOverTheSizeLimitAreRefusedBeforeReading() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/never.jpg"
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", output,
                                            "--max-input-bytes", "1000"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("over the input limit of 1000 bytes"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

/// The output name's say in the format, and the colour fields of pre-flight.
@Suite(.timeLimit(.minutes(5))) struct OutputNameCLITests {
    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "venice-edit-names-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The first bytes of a file: JPEG starts FF D8 FF, PNG 89 'P' 'N' 'G'.
    func signature(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4))
    }

    @Test func aJPEGNameGetsJPEGBytesAndAPNGNamePNGBytes() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // a PNG that auto would keep as PNG, named .jpg
        let jpg = try await CommandRunner.run(["prepare", CommandRunner.fixture("colour/lineart.png"), "-o", folder + "/x.jpg"])
        #expect(jpg.status == 0)
        #expect(try signature(folder + "/x.jpg").prefix(3) == [0xFF, 0xD8, 0xFF])
        // a ready JPEG, named .png: re-encoded, not copied
        let png = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", folder + "/x.png"])
        #expect(png.status == 0)
        #expect(try signature(folder + "/x.png") == [0x89, 0x50, 0x4E, 0x47])
        #expect(png.stdout.contains("reencode"))
    }

    @Test func aFormatThatContradictsTheNameIsAUsageError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", folder + "/x.png",
                                                  "--format", "jpeg"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("x.png: the output name asks for PNG, which conflicts with --format jpeg"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.png"))
        // agreeing is fine
        let agreed = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", folder + "/y.jpeg",
                                                  "--format", "jpeg"])
        #expect(agreed.status == 0)
    }

    @Test func aMaskNamedJPGIsAGrayJPEG() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CommandRunner.run(["mask", "--size", "200x100", "--rect", "10,10,50,50", "-o", folder + "/m.jpg"])
        #expect(result.status == 0)
        #expect(try signature(folder + "/m.jpg").prefix(3) == [0xFF, 0xD8, 0xFF])
        let alpha = try await CommandRunner.run(["mask", "--size", "200x100", "--rect", "10,10,50,50", "--convention", "alpha",
                                                 "-o", folder + "/a.jpg"])
        #expect(alpha.status == 1)
        #expect(alpha.stderr.contains("JPEG cannot hold"))
    }

    @Test func preflightJSONNamesTheColourProfile() async throws {
        let result = try await CommandRunner.run(["preflight", "--json", "--min-pixels", "1",
                                                  CommandRunner.fixture("colour/display-p3.jpg")])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["color_profile"] as? String == "Display P3 (fixture)")
        #expect(object["status"] as? String == "fixable")
        #expect(object["actions"] as? [String] == ["to-srgb"])
    }

    @Test func decodeLimitErrorsNameTheFlag() async throws {
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture("photo.jpg"), "-o", "/tmp/never-written-colour.jpg",
                                                  "--decode-limit", "1000"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("over the decode limit of 1000 (raise it with --decode-limit)"))
    }
}
