#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only, bounds-checked view of raw bytes: every read returns nil instead of trapping when
/// it would run past the end.
///
/// Offsets and lengths come from untrusted headers, so every check is written so that it cannot
/// overflow (`length <= count - offset`, never `offset + length <= count`).
struct ByteView {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var count: Int { bytes.count }

    /// Whether `length` bytes starting at `offset` lie inside the view.
    func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    func u8(at offset: Int) -> UInt8? {
        guard contains(offset: offset, length: 1) else { return nil }
        return bytes[offset]
    }

    func u16BE(at offset: Int) -> UInt16? {
        guard contains(offset: offset, length: 2) else { return nil }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    func u16LE(at offset: Int) -> UInt16? {
        guard contains(offset: offset, length: 2) else { return nil }
        return UInt16(bytes[offset + 1]) << 8 | UInt16(bytes[offset])
    }

    func u32BE(at offset: Int) -> UInt32? {
        guard contains(offset: offset, length: 4) else { return nil }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    func u32LE(at offset: Int) -> UInt32? {
        guard contains(offset: offset, length: 4) else { return nil }
        return UInt32(bytes[offset + 3]) << 24 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset])
    }

    /// Whether the bytes at `offset` equal `expected` (false when they would run past the end).
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard contains(offset: offset, length: expected.count) else { return false }
        for (index, byte) in expected.enumerated() where bytes[offset + index] != byte {
            return false
        }
        return true
    }

    /// Four bytes at `offset` as a string when they are all printable ASCII, else nil.
    func fourCC(at offset: Int) -> String? {
        guard contains(offset: offset, length: 4) else { return nil }
        var scalars = String.UnicodeScalarView()
        for index in offset ..< offset + 4 {
            let byte = bytes[index]
            guard (0x20 ... 0x7E).contains(byte) else { return nil }
            scalars.append(Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// The sub-range `offset ..< offset + length`, or nil when it is not wholly inside the view.
    func slice(offset: Int, length: Int) -> UnsafeRawBufferPointer? {
        guard contains(offset: offset, length: length) else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length])
    }

    /// The index of the first byte equal to `value` at or after `offset`, or nil (uses `memchr`).
    func firstIndex(of value: UInt8, from offset: Int) -> Int? {
        guard offset >= 0, offset < count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + offset, Int32(value), count - offset) else { return nil }
        return UnsafeRawPointer(found) - base
    }
}
