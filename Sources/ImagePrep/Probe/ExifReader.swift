/// Reads the Orientation tag from an EXIF block (a TIFF-structured header and IFD0).
///
/// The block comes from a JPEG APP1 segment, where it follows the six-byte prefix `Exif\0\0`, or
/// from a PNG eXIf chunk, where it starts at once with the TIFF header. Both byte orders (`II`, `MM`)
/// are read. Only IFD0 is examined (the Orientation of the primary image lives there; IFD1's belongs
/// to the thumbnail), and no IFD pointer is ever followed, so a block whose offsets loop, point
/// outside the block or claim absurd entry counts costs at most one pass over IFD0's entries that
/// fit in the block. Anything malformed yields nil, never a trap.
public enum ExifReader {
    /// The prefix of a JPEG APP1 segment that holds EXIF: `Exif\0\0`.
    public static let jpegPrefix: [UInt8] = Array("Exif".utf8) + [0, 0]

    /// The prefix of a JPEG APP1 segment that holds XMP: `http://ns.adobe.com/xap/1.0/\0`.
    public static let xmpPrefix: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]

    /// The TIFF tag number of Orientation.
    public static let orientationTag: UInt16 = 0x0112

    /// Whether a JPEG APP1 payload (the bytes after the length field) is an EXIF block.
    ///
    /// Some writers use `Exif\0\xFF` instead of `Exif\0\0`; both are accepted, as libexif does.
    public static func isExifSegment(_ payload: UnsafeRawBufferPointer) -> Bool {
        let view = ByteView(payload)
        return view.matches(Array("Exif".utf8) + [0], at: 0) && (view.u8(at: 5) == 0 || view.u8(at: 5) == 0xFF)
    }

    /// The orientation recorded in a JPEG APP1 payload, or nil when the payload is not EXIF
    /// (XMP, for instance), is malformed, or has no valid Orientation.
    public static func orientation(jpegAPP1 payload: UnsafeRawBufferPointer) -> Orientation? {
        guard isExifSegment(payload), let tiff = ByteView(payload).slice(offset: 6, length: payload.count - 6) else {
            return nil
        }
        return orientation(tiff: tiff)
    }

    /// The orientation recorded in a TIFF-structured EXIF block (a PNG eXIf chunk's body, or a JPEG
    /// APP1 payload after `Exif\0\0`), or nil when absent, malformed or outside 1…8.
    public static func orientation(tiff: UnsafeRawBufferPointer) -> Orientation? {
        orientationValue(tiff: tiff).flatMap { Orientation(rawValue: $0) }
    }

    /// The orientation recorded in a TIFF-structured EXIF block, or nil.
    public static func orientation(tiff: [UInt8]) -> Orientation? {
        tiff.withUnsafeBytes { orientation(tiff: $0) }
    }

    /// The raw Orientation value in IFD0 (any value, even outside 1…8), or nil when there is none
    /// or the structure is unreadable.
    ///
    /// The tag must have type SHORT (3) — LONG (4) is tolerated, as some writers use it — and a
    /// count of at least 1; any other type is ignored.
    public static func orientationValue(tiff: UnsafeRawBufferPointer) -> Int? {
        let view = ByteView(tiff)
        let littleEndian: Bool
        if view.matches([0x49, 0x49, 0x2A, 0x00], at: 0) {
            littleEndian = true
        } else if view.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            littleEndian = false
        } else {
            return nil
        }
        func u16(_ offset: Int) -> UInt16? { littleEndian ? view.u16LE(at: offset) : view.u16BE(at: offset) }
        func u32(_ offset: Int) -> UInt32? { littleEndian ? view.u32LE(at: offset) : view.u32BE(at: offset) }

        // IFD0 must lie after the 8-byte header; an offset into the header would make the header
        // itself parse as entries.
        guard let ifdOffset32 = u32(4), ifdOffset32 >= 8, let ifdOffset = Int(exactly: ifdOffset32),
              let declaredEntries = u16(ifdOffset) else {
            return nil
        }
        let firstEntry = ifdOffset + 2
        let entrySize = 12
        // Only the entries that actually fit in the block are read, whatever the count claims.
        let fitting = max(0, (view.count - firstEntry) / entrySize)
        let entries = min(Int(declaredEntries), fitting)
        for index in 0 ..< entries {
            let entry = firstEntry + index * entrySize
            guard let tag = u16(entry), tag == orientationTag else { continue }
            guard let type = u16(entry + 2), let count = u32(entry + 4), count >= 1 else { return nil }
            switch type {
            case 3: return count <= 2 ? u16(entry + 8).map { Int($0) } : nil  // SHORT, inline when count ≤ 2
            case 4: return count == 1 ? u32(entry + 8).map { Int($0) } : nil  // LONG, inline when count is 1
            default: return nil
            }
        }
        return nil
    }
}
