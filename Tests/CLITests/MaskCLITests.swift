import Foundation
import ImagePrep
import Testing

/// `venice-edit mask` end to end: files in, PNG and preview out, JSON, errors.
@Suite(.timeLimit(.minutes(5))) struct MaskCLITests {
    func temporaryFolder() throws -> String { try TemporaryFolder.make("mask") }

    func decode(_ path: String) throws -> PixelImage {
        try ImageCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)), name: path)
    }

    @Test func sketchOverThePhotoWithPreviewAndJSON() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/mask.png", preview = folder + "/preview.png"
        let result = try await CommandRunner.run(["mask", "--like", CommandRunner.fixture("photo.jpg"),
                                            "--from-sketch", CommandRunner.fixture("masks/sketch.jpg"),
                                            "-o", output, "--preview", preview, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["width"] as? Int == 640)
        #expect(object["height"] as? Int == 360)
        #expect(object["convention"] as? String == "white")
        #expect(object["bitDepth"] as? Int == 1)
        let fraction = try #require(object["editFraction"] as? Double)
        let ideal = try decode(CommandRunner.fixture("masks/sketch-ideal.png"))
        let idealFraction = Double(ideal.pixels.filter { $0 >= 128 }.count) / Double(ideal.pixels.count)
        #expect(abs(fraction - idealFraction) < 0.01)

        let mask = try decode(output)
        #expect(mask.width == 640 && mask.height == 360 && mask.channels == 1)
        #expect(Set(mask.pixels) == [0, 255])
        let shown = try decode(preview)
        #expect(shown.width == 640 && shown.height == 360 && shown.channels == 3)
        // inside the ellipse the photo is tinted red; far outside it is the photo itself
        let inside = shown.pixel(x: 160, y: 150)
        #expect(Int(inside[0]) > Int(inside[1]) + 40)
    }

    @Test func textOutputSaysWhatWasWritten() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/m.png"
        let result = try await CommandRunner.run(["mask", "--size", "200x100", "--rect", "10%,20%,30%,40%",
                                            "--ellipse", "150,50,20,20", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("mask 200×100") && result.stdout.contains("white = edit"))
        let mask = try decode(output)
        #expect(mask.pixel(x: 20, y: 20) == [255] && mask.pixel(x: 79, y: 59) == [255] && mask.pixel(x: 80, y: 59) == [0])
        #expect(mask.pixel(x: 150, y: 50) == [255] && mask.pixel(x: 171, y: 50) == [0])
    }

    @Test func anEXIFRotatedBaseGetsTheUprightPreparedGeometry() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/m.png"
        let result = try await CommandRunner.run(["mask", "--like", CommandRunner.fixture("orientation/6.jpg"),
                                            "--from-sketch", CommandRunner.fixture("masks/sketch-6.jpg"),
                                            "--grow", "2", "--convention", "alpha", "-o", output, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let mask = try decode(output)
        #expect(mask.channels == 4 && mask.width > mask.height)
        #expect(mask.pixel(x: 5, y: 5)[3] == 0)                       // red square: edit = transparent
        #expect(mask.pixel(x: mask.width - 5, y: 5)[3] == 255)         // blue square: kept
    }

    @Test func aSketchThatDoesNotFitTheBaseIsAnErrorNamingBoth() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/m.png"
        let result = try await CommandRunner.run(["mask", "--like", CommandRunner.fixture("photo.jpg"),
                                            "--from-sketch", CommandRunner.fixture("masks/sketch-6.jpg"), "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sketch-6.jpg") && result.stderr.contains("photo.jpg"))
        #expect(result.stderr.contains("160×240") && result.stderr.contains("640×360"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func featherAndTheCutOut() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/m.png"
        let result = try await CommandRunner.run(["mask", "--from-alpha", CommandRunner.fixture("masks/cutout.png"),
                                            "--feather", "4", "-o", output, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["binary"] as? Bool == false && object["bitDepth"] as? Int == 8)
        let mask = try decode(output)
        #expect(mask.pixel(x: 200, y: 90) == [255] && mask.pixel(x: 10, y: 10) == [0])
        #expect(Set(mask.pixels).count > 2)
    }

    @Test func neverWritesOverAnInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sketch = folder + "/sketch.jpg"
        try FileManager.default.copyItem(atPath: CommandRunner.fixture("masks/sketch.jpg"), toPath: sketch)
        let before = try Data(contentsOf: URL(fileURLWithPath: sketch))
        let result = try await CommandRunner.run(["mask", "--from-sketch", sketch, "-o", sketch])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sketch.jpg"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: sketch)) == before)
    }

    @Test func badArgumentsAreRefused() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let never = folder + "/never-written.png"
        let noSource = try await CommandRunner.run(["mask", "--size", "10x10", "-o", never])
        #expect(noSource.status == 1 && noSource.stderr.contains("nothing to mask"))
        let badThreshold = try await CommandRunner.run(["mask", "--size", "10x10", "--rect", "0,0,5,5",
                                                  "--threshold", "300", "-o", never])
        #expect(badThreshold.status == 64 && badThreshold.stderr.contains("--threshold"))  // a usage error
        let badRect = try await CommandRunner.run(["mask", "--size", "10x10", "--rect", "0,0,5", "-o", never])
        #expect(badRect.status == 1 && badRect.stderr.contains("--rect"))
        let missing = try await CommandRunner.run(["mask", "--from-sketch", folder + "/absent.png", "-o", never])
        #expect(missing.status == 1 && missing.stderr.contains(folder + "/absent.png"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing was written")
    }
}
