import Foundation
import ImagePrep
import Testing

/// Damaged and hostile files through the real binary: each ends with exit status 0 or 1 and, on
/// failure, one line naming the file — never a signal, a hang or a stack trace — and huge headers
/// are refused before any large allocation.
@Suite(.timeLimit(.minutes(5))) struct HostileInputCLITests {
    /// A hostile case: a name, its bytes, and whether preparing it must succeed (nil: either).
    struct Case: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var succeeds: Bool?
        var description: String { name }
    }

    static func fixture(_ path: String) -> [UInt8] {
        (try? Array(Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture(path))))) ?? []
    }

    /// A PNG chunk with a correct CRC.
    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typeBytes + body {
            crc ^= UInt32(byte)
            for _ in 0 ..< 8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return be(UInt32(body.count)) + typeBytes + body + be(crc)
    }

    static let cases: [Case] = {
        let photo = fixture("photo.jpg")
        var cases: [Case] = []
        for cut in [2, 3, 100, 600, 2_000, 10_000, 30_000, photo.count - 10] {
            cases.append(Case(name: "truncated-\(cut).jpg", bytes: Array(photo.prefix(cut)), succeeds: false))
        }
        // bit flips at pseudo-random places, deterministic
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0 ..< 12 {
            var bytes = photo
            for _ in 0 ..< 1 + i % 4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let at = Int(state >> 33) % bytes.count
                bytes[at] ^= UInt8(1 << (Int(state >> 20) % 8))
            }
            cases.append(Case(name: "bitflip-\(i).jpg", bytes: bytes, succeeds: nil))
        }
        var wrongMagic = photo
        wrongMagic[2] = 0x00
        cases.append(Case(name: "wrong-magic.jpg", bytes: wrongMagic, succeeds: false))
        let png = fixture("codecs/rgb.png")
        var pngMagic = png
        pngMagic[1] = 0x51
        cases.append(Case(name: "wrong-magic.png", bytes: pngMagic, succeeds: false))
        // a frame header declaring height 0
        if let sof = (0 ..< photo.count - 8).first(where: { photo[$0] == 0xFF && photo[$0 + 1] == 0xC0 }) {
            var zero = photo
            zero[sof + 5] = 0
            zero[sof + 6] = 0
            cases.append(Case(name: "zero-height.jpg", bytes: zero, succeeds: false))
        }
        cases.append(Case(name: "png-zero-width.png", bytes: fixture("probe/png-zero-width.png"), succeeds: false))
        cases.append(Case(name: "jpeg-65500x65500.jpg", bytes: fixture("probe/jpeg-65500x65500.jpg"), succeeds: false))
        cases.append(Case(name: "jpeg-65535x65535.jpg", bytes: fixture("probe/jpeg-65535x65535.jpg"), succeeds: false))
        cases.append(Case(name: "png-100000x100000.png", bytes: fixture("probe/png-100000x100000.png"), succeeds: false))
        cases.append(Case(name: "exif-loop.jpg", bytes: fixture("probe/exif-loop.jpg"), succeeds: true))
        cases.append(Case(name: "bad-crc.png", bytes: fixture("codecs/bad-crc.png"), succeeds: false))
        cases.append(Case(name: "no-iend.png", bytes: fixture("codecs/no-iend.png"), succeeds: false))
        cases.append(Case(name: "animated.png", bytes: fixture("probe/animated.png"), succeeds: true))
        cases.append(Case(name: "rgb16.png", bytes: fixture("codecs/rgb16.png"), succeeds: true))
        cases.append(Case(name: "restart.jpg", bytes: fixture("codecs/restart.jpg"), succeeds: true))
        cases.append(Case(name: "arithmetic.jpg", bytes: fixture("codecs/arithmetic.jpg"), succeeds: true))
        cases.append(Case(name: "garbage.jpg", bytes: fixture("probe/garbage.jpg"), succeeds: false))
        cases.append(Case(name: "empty.png", bytes: [], succeeds: false))
        // a chunk claiming nearly 2 GiB right after IHDR
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let ihdr = chunk("IHDR", [0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0])
        let huge: [UInt8] = [0x7F, 0xFF, 0xFF, 0xF0] + Array("tEXt".utf8) + [UInt8](repeating: 0x41, count: 64)
        cases.append(Case(name: "oversized-chunk.png", bytes: signature + ihdr + huge, succeeds: false))
        // a 2 MB ICC profile spread over APP2 segments: must neither crash nor balloon
        let photoImage = try? ImageCodec.decode(photo, name: "photo.jpg")
        if let photoImage {
            var icc = [UInt8](repeating: 0, count: 2_000_000)
            let space = Array("RGB ".utf8)
            for i in 0 ..< 4 { icc[16 + i] = space[i] }
            icc[0] = 0x00; icc[1] = 0x1E; icc[2] = 0x84; icc[3] = 0x80   // declared size 2,000,000
            if let bytes = try? JPEGEncoder.encode(photoImage, quality: 80, iccProfile: icc) {
                cases.append(Case(name: "huge-icc.jpg", bytes: bytes, succeeds: nil))
            }
        }
        return cases
    }()

    @Test(arguments: HostileInputCLITests.cases)
    func prepareFailsCleanlyOrSucceeds(_ hostile: Case) async throws {
        let folder = try TemporaryFolder.make("hostile")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/" + hostile.name
        try Data(hostile.bytes).write(to: URL(fileURLWithPath: input))
        // 3 GB of address space: plenty for these small files, far too little for a
        // 100000×100000 (30 GB) or 65500×65500 (12.9 GB) decode buffer
        let result = try await CommandRunner.run(["prepare", input, "-o", folder + "/out"], addressSpaceLimit: 3_000_000_000,
                                           timeout: 60)
        #expect(!result.signaled, "\(hostile.name) crashed: \(result.stderr)")
        #expect(!result.timedOut, "\(hostile.name) hung")
        #expect(result.status == 0 || result.status == 1)
        if let succeeds = hostile.succeeds { #expect((result.status == 0) == succeeds, "\(hostile.name): \(result.stderr)") }
        if result.status == 1 { try result.expectCleanRefusal(of: input, in: folder) }
    }

    @Test func preflightOfEveryHostileFileExitsCleanly() async throws {
        let folder = try TemporaryFolder.make("hostile-pf")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        for hostile in Self.cases {
            let path = folder + "/" + hostile.name
            try Data(hostile.bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let result = try await CommandRunner.run(["preflight", "--json"] + paths, timeout: 60)
        #expect(!result.signaled && !result.timedOut)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == paths.count, "one line per file")
    }
}
