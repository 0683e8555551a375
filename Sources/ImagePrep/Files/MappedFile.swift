import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, unmapped when the value goes away.
///
/// Pages are read from the file when first touched, so looking at a header costs only the pages it
/// spans. The mapping is private and never written, so a decoder that has streamed past part of it
/// may hand those pages back (`CIMG` decoders do, when told the input is such a mapping): touched
/// again, they are simply read from the file again. As with any mapping, a file truncated by
/// another process while it is mapped faults (SIGBUS) on access past its new end.
final class MappedFile {
    /// The file's bytes (empty for an empty file, which is not mapped).
    let bytes: UnsafeRawBufferPointer

    /// Maps the regular file at `path`, refusing files over `limit` bytes before mapping them.
    /// Errors name the file by `path`: `.unreadable` (missing, a directory, not a regular file,
    /// cannot be mapped) or `.fileTooLarge`.
    init(path: String, limit: Int = .max) throws(ImagePrepError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(file: path, reason: Self.systemError(errno))
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(file: path, reason: Self.systemError(errno))
        }
        let fileType = UInt32(status.st_mode) & 0o170000
        guard fileType != 0o040000 else {
            throw .unreadable(file: path, reason: "it is a directory")
        }
        guard fileType == 0o100000 else {
            throw .unreadable(file: path, reason: "not a regular file")
        }
        guard let size = Int(exactly: status.st_size), size >= 0 else {
            throw .unreadable(file: path, reason: "the file size \(status.st_size) is not usable")
        }
        guard size <= limit else {
            throw .fileTooLarge(file: path, bytes: size, limit: limit)
        }
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              mapping != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .unreadable(file: path, reason: "cannot map the file: \(Self.systemError(errno))")
        }
        bytes = UnsafeRawBufferPointer(start: mapping, count: size)
    }

    /// The bytes as `Data`, without a copy; the mapping lives as long as the `Data` (or this
    /// object) does.
    var data: Data {
        guard let base = bytes.baseAddress else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count,
                    deallocator: .custom { _, _ in withExtendedLifetime(self) {} })
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    private static func systemError(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
