import Testing
@testable import ImagePrep

/// "Exif\0\0", the start of an EXIF APP1 segment (written out here rather than taken from the reader).
let exifPrefix: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]

/// The start of an XMP APP1 segment: "http://ns.adobe.com/xap/1.0/" and a NUL.
let xmpPrefix: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]

/// Builds TIFF-structured EXIF blocks entry by entry, in either byte order.
struct TIFFBuilder {
    var littleEndian: Bool
    var bytes: [UInt8] = []

    init(littleEndian: Bool) {
        self.littleEndian = littleEndian
        bytes = littleEndian ? [0x49, 0x49, 0x2A, 0x00] : [0x4D, 0x4D, 0x00, 0x2A]
    }

    mutating func u16(_ value: UInt16) {
        let pair = [UInt8(value >> 8), UInt8(value & 0xFF)]
        bytes += littleEndian ? pair.reversed() : pair
    }

    mutating func u32(_ value: UInt32) {
        let quad = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        bytes += littleEndian ? quad.reversed() : quad
    }

    /// One IFD entry whose value fits in the four-byte field (SHORT values left-justified).
    mutating func entry(tag: UInt16, type: UInt16, count: UInt32, short value: UInt16) {
        u16(tag); u16(type); u32(count); u16(value); u16(0)
    }

    mutating func entry(tag: UInt16, type: UInt16, count: UInt32, long value: UInt32) {
        u16(tag); u16(type); u32(count); u32(value)
    }

    /// A block with IFD0 at offset 8 holding a DateTime-like filler entry and Orientation.
    static func orientation(_ value: UInt16, littleEndian: Bool, type: UInt16 = 3, count: UInt32 = 1) -> [UInt8] {
        var tiff = TIFFBuilder(littleEndian: littleEndian)
        tiff.u32(8)
        tiff.u16(2)
        tiff.entry(tag: 0x010F, type: 2, count: 4, long: 0x4142_4300)        // Make "ABC\0"
        if type == 4 {
            tiff.entry(tag: 0x0112, type: type, count: count, long: UInt32(value))
        } else {
            tiff.entry(tag: 0x0112, type: type, count: count, short: value)
        }
        tiff.u32(0)                                                          // no next IFD
        return tiff.bytes
    }
}

@Suite struct ExifReaderTests {
    @Test(arguments: 1 ... 8, [true, false])
    func readsOrientationInBothByteOrders(_ value: Int, _ littleEndian: Bool) {
        let tiff = TIFFBuilder.orientation(UInt16(value), littleEndian: littleEndian)
        #expect(ExifReader.orientation(tiff: tiff) == Orientation(rawValue: value))
        let app1 = exifPrefix + tiff
        #expect(app1.withUnsafeBytes { ExifReader.orientation(jpegAPP1: $0) } == Orientation(rawValue: value))
    }

    @Test(arguments: [0, 9, 255, 65535])
    func valuesOutsideOneToEightAreNil(_ value: Int) {
        let tiff = TIFFBuilder.orientation(UInt16(value), littleEndian: true)
        #expect(ExifReader.orientation(tiff: tiff) == nil)
        #expect(tiff.withUnsafeBytes { ExifReader.orientationValue(tiff: $0) } == value)
    }

    @Test func wrongTypesAreIgnored() {
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: false, type: 2)) == nil)  // ASCII
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: false, type: 5)) == nil)  // RATIONAL
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: false, type: 3, count: 0)) == nil)
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: false, type: 3, count: 3)) == nil)
        // LONG is tolerated (some writers use it), read as a 32-bit value in the file's byte order.
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: false, type: 4)) == .right)
        #expect(ExifReader.orientation(tiff: TIFFBuilder.orientation(6, littleEndian: true, type: 4)) == .right)
    }

    @Test func badHeadersAreNil() {
        #expect(ExifReader.orientation(tiff: []) == nil)
        #expect(ExifReader.orientation(tiff: Array("II*".utf8)) == nil)
        var wrongMagic = TIFFBuilder.orientation(6, littleEndian: true)
        wrongMagic[2] = 0x2B                                   // BigTIFF's 43: not EXIF
        #expect(ExifReader.orientation(tiff: wrongMagic) == nil)
        var mixed = TIFFBuilder.orientation(6, littleEndian: true)
        mixed[0] = 0x4D                                        // "MI"
        #expect(ExifReader.orientation(tiff: mixed) == nil)
    }

    @Test(arguments: [0, 4, 7, 10_000, 0xFFFF_FFFE, 0xFFFF_FFFF] as [UInt32])
    func outOfRangeIFDOffsetsAreNil(_ offset: UInt32) {
        var tiff = TIFFBuilder(littleEndian: false)
        tiff.u32(offset)
        let block = tiff.bytes + TIFFBuilder.orientation(6, littleEndian: false).dropFirst(8)
        #expect(ExifReader.orientation(tiff: block) == nil)
    }

    @Test func entryCountsBeyondTheBlockReadOnlyWhatFits() {
        var tiff = TIFFBuilder(littleEndian: true)
        tiff.u32(8)
        tiff.u16(0xFFFF)                                       // claims 65535 entries; one is present
        tiff.entry(tag: 0x0112, type: 3, count: 1, short: 3)
        #expect(ExifReader.orientation(tiff: tiff.bytes) == .down)

        var missing = TIFFBuilder(littleEndian: true)
        missing.u32(8)
        missing.u16(0xFFFF)
        missing.entry(tag: 0x010F, type: 2, count: 1, short: 0)
        missing.bytes += [0x12, 0x01, 0x03]                    // a partial Orientation entry
        #expect(ExifReader.orientation(tiff: missing.bytes) == nil)
    }

    @Test func selfReferencingIFDsTerminate() {
        // IFD0 at 8 whose next-IFD offset and Exif sub-IFD pointer both point at itself.
        var tiff = TIFFBuilder(littleEndian: false)
        tiff.u32(8)
        tiff.u16(2)
        tiff.entry(tag: 0x8769, type: 4, count: 1, long: 8)
        tiff.entry(tag: 0x0112, type: 3, count: 1, short: 7)
        tiff.u32(8)
        #expect(ExifReader.orientation(tiff: tiff.bytes) == .rightMirrored)
        // And with no orientation at all, it still ends.
        var empty = TIFFBuilder(littleEndian: true)
        empty.u32(8); empty.u16(1)
        empty.entry(tag: 0x8769, type: 4, count: 1, long: 8)
        empty.u32(8)
        #expect(ExifReader.orientation(tiff: empty.bytes) == nil)
    }

    @Test func jpegSegmentsOtherThanExifAreNotRead() {
        let tiff = TIFFBuilder.orientation(6, littleEndian: true)
        let xmp = xmpPrefix + Array("<x:xmpmeta tiff:Orientation=\"6\"/>".utf8)
        #expect(xmp.withUnsafeBytes { ExifReader.isExifSegment($0) } == false)
        #expect(xmp.withUnsafeBytes { ExifReader.orientation(jpegAPP1: $0) } == nil)
        #expect(tiff.withUnsafeBytes { ExifReader.orientation(jpegAPP1: $0) } == nil)   // no "Exif\0\0"
        let oddPadding = Array("Exif".utf8) + [0, 0xFF] + tiff                          // seen in the wild
        #expect(oddPadding.withUnsafeBytes { ExifReader.orientation(jpegAPP1: $0) } == .right)
        #expect(exifPrefix.withUnsafeBytes { ExifReader.orientation(jpegAPP1: $0) } == nil)
    }

    @Test func everyTruncationOfABlockIsSafe() {
        for littleEndian in [true, false] {
            let tiff = TIFFBuilder.orientation(5, littleEndian: littleEndian)
            for length in 0 ..< tiff.count {
                // The Orientation entry (bytes 22..<34) is read only when all twelve bytes are present.
                #expect(ExifReader.orientation(tiff: Array(tiff.prefix(length))) == (length >= 34 ? .leftMirrored : nil))
            }
        }
    }
}
