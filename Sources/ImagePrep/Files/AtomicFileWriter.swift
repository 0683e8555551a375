#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either nothing or the whole file, never a partial one.
///
/// The bytes go to a new temporary file in the destination's folder, are flushed to disk, and the
/// temporary file is renamed over the destination; then the folder itself is flushed, so that the
/// new name survives a power cut too. On any failure the temporary file is removed.
///
/// The temporary file is created with `open(…, O_CREAT | O_EXCL, 0o666)`, so the kernel applies
/// the process umask: the umask is never read or changed (changing it is process-wide and races
/// with every other thread creating files).
public enum AtomicFileWriter {
    /// Writes `bytes` to `path`. Refuses `path` when it names the same file as `protecting`
    /// (the input), unless `allowOverwritingInput` is set.
    public static func write(_ bytes: [UInt8], to path: String, protecting input: String? = nil,
                             allowOverwritingInput: Bool = false) throws(ImagePrepError) {
        if let input, !allowOverwritingInput, sameFile(input, path) {
            throw .outputIsInput(file: path)
        }
        let folder = directory(of: path)
        let (fd, tempPath) = try createTemporaryFile(in: folder, for: path)
        var renamed = false
        defer {
            if !renamed { unlink(tempPath) }
        }
        let failure = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        if let failure {
            close(fd)
            throw .writeFailed(file: path, reason: failure)
        }
        if fsync(fd) != 0 {
            let reason = errnoText()
            close(fd)
            throw .writeFailed(file: path, reason: reason)
        }
        guard close(fd) == 0 else { throw .writeFailed(file: path, reason: errnoText()) }
        guard rename(tempPath, path) == 0 else { throw .writeFailed(file: path, reason: errnoText()) }
        renamed = true
        if let reason = syncFolder(folder) { throw .writeFailed(file: path, reason: "the folder was not flushed: \(reason)") }
    }

    /// Creates a new, empty file `.venice-edit-<random>` in `folder`, readable and writable as the
    /// umask allows; returns its descriptor and path.
    private static func createTemporaryFile(in folder: String, for path: String) throws(ImagePrepError) -> (Int32, String) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 100 {
            let suffix = String(generator.next() as UInt64, radix: 36)
            let candidate = "\(folder)/.venice-edit-\(suffix)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, candidate) }
            if errno != EEXIST { throw .writeFailed(file: path, reason: errnoText()) }
        }
        throw .writeFailed(file: path, reason: "no unused temporary name in \(folder)")
    }

    /// Flushes a folder's entries to disk (after a rename or a new file in it); returns the error
    /// text on failure. Folders that cannot be opened for reading are skipped (nothing to flush
    /// through), as are file systems that do not support it.
    package static func syncFolder(_ folder: String) -> String? {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if fsync(fd) != 0, errno != EINVAL, errno != ENOTSUP { return errnoText() }
        return nil
    }

    /// Whether two paths name the same existing file (same device and inode).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// The folder part of `path` (`.` when it has none).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Writes all of `bytes` to `fd`, again after an interruption; returns the error text on
    /// failure. (Batch reports append through this too.)
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + written, bytes.count - written)
            #elseif canImport(Musl)
            let n = Musl.write(fd, base + written, bytes.count - written)
            #else
            let n = Darwin.write(fd, base + written, bytes.count - written)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errnoText()
            }
            written += n
        }
        return nil
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
