import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// HEIC/AVIF/WebP through the real binary: every command that takes an image, and hostile files.
@Suite(.timeLimit(.minutes(5))) struct PhoneWebFormatsCLITests {
    static let key = "sk-test-formats-5e1d"

    static func bytes(_ path: String) -> [UInt8] {
        (try? Array(Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture(path))))) ?? []
    }

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "venice-edit-formats-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func decode(_ path: String) throws -> PixelImage {
        try ImageCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)), name: path)
    }

    /// Red top-left, blue top-right: `orientation/upright.png` shown upright.
    static func isUpright(_ image: PixelImage) -> Bool {
        func close(_ p: [UInt8], _ q: [UInt8]) -> Bool { zip(p, q).allSatisfy { abs(Int($0) - Int($1)) <= 40 } }
        return close(image.pixel(x: 10, y: 10), [255, 0, 0]) && close(image.pixel(x: image.width - 11, y: 10), [0, 0, 255])
    }

    // MARK: hostile files

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var extra: [String] = []
        var description: String { name }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        for (path, ext) in [("formats/grid-irot6.heic", "heic"), ("formats/upright.avif", "avif"),
                            ("formats/lossy.webp", "webp"), ("formats/animated.webp", "webp"), ("formats/alpha.webp", "webp")] {
            let whole = bytes(path)
            for fraction in [0.0005, 0.01, 0.05, 0.2, 0.5, 0.8, 0.97] {
                let cut = max(1, Int(Double(whole.count) * fraction))
                cases.append(Case(name: "cut-\(cut)-\((path as NSString).lastPathComponent).\(ext)", bytes: Array(whole.prefix(cut))))
            }
        }
        cases.append(Case(name: "grid-65535.heic", bytes: bytes("formats/grid-65535.heic")))
        // the decode limit raised past it: libheif's own security limit must refuse it
        cases.append(Case(name: "grid-65535-limit-raised.heic", bytes: bytes("formats/grid-65535.heic"),
                          extra: ["--decode-limit", "5000000000"]))
        cases.append(Case(name: "zero-ispe.heic", bytes: bytes("formats/zero-ispe.heic")))
        cases.append(Case(name: "vp8x-16383-no-data.webp", bytes: bytes("formats/vp8x-16383-no-data.webp")))
        // the same header, with a VP8L chunk that says 16383×16383 and holds nothing
        let vp8l: [UInt8] = Array("VP8L".utf8) + [5, 0, 0, 0, 0x2F, 0xFE, 0xFF, 0xFF, 0x0F, 0]
        var hostile = bytes("formats/vp8x-16383-no-data.webp") + vp8l
        let riff = UInt32(hostile.count - 8)
        hostile[4 ..< 8] = [UInt8(riff & 0xFF), UInt8(riff >> 8 & 0xFF), UInt8(riff >> 16 & 0xFF), UInt8(riff >> 24)]
        cases.append(Case(name: "vp8x-16383-empty-vp8l.webp", bytes: hostile))
        return cases
    }()

    @Test(arguments: PhoneWebFormatsCLITests.cases)
    func hostileFilesFailWithOneLineAndNoOutput(_ hostile: Case) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/" + hostile.name
        try Data(hostile.bytes).write(to: URL(fileURLWithPath: input))
        let result = try await CommandRunner.run(["prepare", input, "-o", folder + "/out.jpg"] + hostile.extra,
                                                 addressSpaceLimit: 3_000_000_000, timeout: 60)
        #expect(!result.signaled, "\(hostile.name) crashed: \(result.stderr)")
        #expect(!result.timedOut, "\(hostile.name) hung")
        try result.expectCleanRefusal(of: input, in: folder)
    }

    // MARK: prepare and preflight

    @Test func preflightSaysFixableWithReencode() async throws {
        let files = ["formats/grid-irot6.heic", "formats/upright.avif", "formats/lossy.webp", "formats/exif6.webp"]
        let result = try await CommandRunner.run(["preflight", "--json"] + files.map(CommandRunner.fixture), timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "fixable")
            #expect((object["actions"] as? [String])?.contains("reencode") == true, "\(line)")
        }
    }

    @Test(arguments: ["formats/grid-irot6.heic", "formats/grid-irot1-imir7.heic", "formats/exif6.webp"])
    func prepareTurnsOnceAndWritesJPEG(_ path: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.jpg"
        let result = try await CommandRunner.run(["prepare", CommandRunner.fixture(path), "-o", output], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let image = try decode(output)
        #expect(image.width == 314 && image.height == 210, "upright and enlarged to the minimum")
        #expect(Self.isUpright(image))
    }

    @Test func anAnimationOrABurstSaysOnlyOneImageIsUsed() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, words) in [("formats/animated.webp", "only the first of 2 frames"), ("formats/two-images.heic", "holds 2 images")] {
            let result = try await CommandRunner.run(["prepare", CommandRunner.fixture(path), "-o", folder + "/out.jpg"], timeout: 60)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning") && result.stderr.contains(words), "\(path): \(result.stderr)")
        }
    }

    // MARK: masks

    @Test func maskLikeAHEICAndFromAWebPSketchAndAHEICCutOut() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // --like: the base's prepared, upright size (grid-irot6: stored 160×240, turned, enlarged)
        let like = try await CommandRunner.run(["mask", "--like", CommandRunner.fixture("formats/grid-irot6.heic"),
                                                "--rect", "0,0,50%,50%", "-o", folder + "/like.png", "--json"], timeout: 60)
        #expect(like.status == 0, "\(like.stderr)")
        let likeMask = try decode(folder + "/like.png")
        #expect(likeMask.width == 314 && likeMask.height == 210)
        // --from-alpha: the HEIC cut-out's alpha auxiliary image (the subject is opaque in the middle)
        let alpha = try await CommandRunner.run(["mask", "--from-alpha", CommandRunner.fixture("formats/alpha.heic"),
                                                 "-o", folder + "/alpha.png"], timeout: 60)
        #expect(alpha.status == 0, "\(alpha.stderr)")
        let alphaMask = try decode(folder + "/alpha.png")
        #expect(alphaMask.width == 320 && alphaMask.height == 180)
        #expect(alphaMask.pixel(x: 200, y: 90) == [255] && alphaMask.pixel(x: 10, y: 10) == [0])
        // --from-sketch: a WebP sketch (the lossless upright picture: red/blue corners are dark)
        let sketch = try await CommandRunner.run(["mask", "--from-sketch", CommandRunner.fixture("formats/lossless.webp"),
                                                  "-o", folder + "/sketch.png"], timeout: 60)
        #expect(sketch.status == 0, "\(sketch.stderr)")
        let sketchMask = try decode(folder + "/sketch.png")
        #expect(sketchMask.width == 240 && sketchMask.height == 160)
    }

    // MARK: submit commands and batch

    func withServer(_ body: (ContractServer, String) async throws -> Void) async throws {
        try await ServerSession.run(apiKey: Self.key, label: "formats", body)
    }

    func run(_ arguments: [String], server: ContractServer) async throws -> CommandRunner.Output {
        try await CommandRunner.run(arguments, environment: ["VENICE_API_KEY": Self.key, "VENICE_BASE_URL": server.baseURL],
                                    timeout: 60)
    }

    @Test func editMultiEditAndRemoveBackgroundSendPreparedJPEGOrPNG() async throws {
        try await withServer { server, folder in
            let edit = try await run(["edit", CommandRunner.fixture("formats/grid-irot6.heic"), "-p", "snow",
                                      "-o", folder + "/edit.png"], server: server)
            #expect(edit.status == 0, "\(edit.stderr)")
            // base a WebP with EXIF 6, layer a HEIC with irot (both shown 240×160, enlarged to 314×210)
            let multi = try await run(["multi-edit", CommandRunner.fixture("formats/exif6.webp"),
                                       CommandRunner.fixture("formats/grid-irot1-imir7.heic"), "-p", "x",
                                       "--model", "firered-image-edit", "-o", folder + "/multi.png"], server: server)
            #expect(multi.status == 0, "\(multi.stderr)")
            // the real iPhone file (512×300: the local contract server asks 65,536 pixels of every endpoint)
            let cut = try await run(["remove-bg", CommandRunner.fixture("formats/camera-iphone7.heic"), "-o", folder + "/cut.png"],
                                    server: server)
            #expect(cut.status == 0, "\(cut.stderr)")
            let requests = await server.requests.filter { $0.endpoint != "/models" }
            #expect(requests.count == 3)
            guard requests.count == 3 else { return }
            #expect(requests[0].images.map { $0.header?.format } == ["jpeg"])
            #expect(requests[0].images.map { $0.header?.width } == [314])
            #expect(requests[0].images.map { $0.header?.height } == [210])
            #expect(requests[1].images.count == 2)
            #expect(requests[1].images.map { $0.header?.width } == [314, 314])
            #expect(requests[1].images.map { $0.header?.height } == [210, 210])
            #expect(requests[2].images.map { $0.header?.format } == ["jpeg"])
            #expect(requests[2].images.map { $0.header?.width } == [512])
        }
    }

    @Test func batchFindsHEICAndWebPByContentAndPreparesThem() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let photos = folder + "/photos"
        try FileManager.default.createDirectory(atPath: photos, withIntermediateDirectories: true)
        for (source, name) in [("formats/grid-irot6.heic", "IMG_0001.HEIC"), ("formats/lossy.webp", "saved.bin"),
                               ("formats/upright.avif", "a.avif"), ("probe/tiny.gif", "skip.gif")] {
            try FileManager.default.copyItem(atPath: CommandRunner.fixture(source), toPath: photos + "/" + name)
        }
        let out = folder + "/out"
        let result = try await CommandRunner.run(["batch", "prepare", photos, "-o", out], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix("batch-") }.sorted()
        #expect(outputs == ["IMG_0001.jpg", "a.jpg", "saved.jpg"])
        #expect(Self.isUpright(try decode(out + "/IMG_0001.jpg")))
    }
}
