#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either nothing or the whole file, never a partial one.
///
/// The bytes go to a temporary file in the destination's folder, are flushed to disk, and the
/// temporary file is renamed over the destination. On any failure the temporary file is removed.
public enum AtomicFileWriter {
    /// Writes `bytes` to `path`. Refuses `path` when it names the same file as `protecting`
    /// (the input), unless `allowOverwritingInput` is set.
    public static func write(_ bytes: [UInt8], to path: String, protecting input: String? = nil,
                             allowOverwritingInput: Bool = false) throws(ImagePrepError) {
        if let input, !allowOverwritingInput, sameFile(input, path) {
            throw .outputIsInput(file: path)
        }
        let folder = directory(of: path)
        var template = Array("\(folder)/.venice-edit-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .writeFailed(file: path, reason: errnoText()) }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        let failure = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        if let failure {
            close(fd)
            throw .writeFailed(file: path, reason: failure)
        }
        // new files get the usual permissions (umask applied), not mkstemp's 0600
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if fsync(fd) != 0 {
            let reason = errnoText()
            close(fd)
            throw .writeFailed(file: path, reason: reason)
        }
        guard close(fd) == 0 else { throw .writeFailed(file: path, reason: errnoText()) }
        guard rename(tempPath, path) == 0 else { throw .writeFailed(file: path, reason: errnoText()) }
        ok = true
    }

    /// Whether two paths name the same existing file (same device and inode).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    static func directory(of path: String) -> String {
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
            let n = Glibc.write(fd, base + written, bytes.count - written)
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
