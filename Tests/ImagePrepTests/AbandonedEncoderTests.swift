import Testing
@testable import ImagePrep

/// An encoder given up half-way (the decoder feeding it failed) must release its buffer exactly
/// once; this crashed with a double free when the output buffer had grown.
@Suite struct AbandonedEncoderTests {
    static func noise(width: Int, rows: Int, channels: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        return (0 ..< width * rows * channels).map { _ in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test func aJPEGEncoderAbandonedAfterItsBufferGrewIsReleasedCleanly() throws {
        let rows = Self.noise(width: 400, rows: 300, channels: 3)
        for _ in 0 ..< 3 {
            let encoder = try JPEGEncoder(name: "abandoned")
            try encoder.start(width: 400, height: 600, channels: 3, quality: 95)
            try rows.withUnsafeBufferPointer { (p) throws(ImagePrepError) in
                try encoder.writeRows(p.baseAddress!, stride: 1200, count: 300)   // 360 KB of noise: the buffer grew
            }
            // no finish: the encoder goes away here
        }
    }

    @Test func aPNGEncoderAbandonedHalfWayIsReleasedCleanly() throws {
        let rows = Self.noise(width: 400, rows: 300, channels: 4)
        let encoder = try PNGEncoder(name: "abandoned")
        try encoder.start(width: 400, height: 600, channels: 4)
        try rows.withUnsafeBufferPointer { (p) throws(ImagePrepError) in
            try encoder.writeRows(p.baseAddress!, stride: 1600, count: 300)
        }
    }

    @Test func aDamagedPNGFailsInsteadOfCrashingWhileStreamingToJPEG() throws {
        // its image data is complete, so rows stream into the JPEG encoder before the missing
        // IEND is noticed; the encoder is then abandoned
        let noIEND = fixture("codecs/no-iend.png")
        #expect(throws: ImagePrepError.truncated(file: noIEND, detail: "PNG data ended early")) {
            try Preparer().prepare(file: noIEND)
        }
        let badCRC = fixture("codecs/bad-crc.png")
        let error = #expect(throws: ImagePrepError.self) { try Preparer().prepare(file: badCRC) }
        guard case let .corrupt(file, detail) = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(file == badCRC && detail.contains("CRC"), "\(detail)")
    }
}
