#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ImagePrep

/// Appends report lines to a JSON-lines file, one `write` per line as each item ends, so a run
/// that is killed still has a line for every item it finished.
///
/// The file is opened for appending (earlier runs' lines are kept; `ResumeIndex` takes the last
/// line per input). Any occurrence of `secret` (the API key) in a line is replaced before writing.
public actor ReportWriter {
    /// The report's path.
    public nonisolated let path: String
    private let fd: Int32
    private let secret: String?
    private let encoder: JSONEncoder

    /// Opens (or creates) the report at `path` for appending.
    public init(path: String, redacting secret: String? = nil) throws(BatchError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw .reportUnwritable(file: path, reason: FileSystemPath.errnoText()) }
        // a line cut short by a crash must not swallow the next one
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0 {
            let reader = open(path, O_RDONLY | O_CLOEXEC)
            if reader >= 0 {
                var last: UInt8 = 0
                if pread(reader, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n") {
                    _ = [UInt8(ascii: "\n")].withUnsafeBytes { AtomicFileWriter.writeAll($0, to: fd) }
                }
                close(reader)
            }
        }
        self.path = path
        self.fd = fd
        self.secret = secret.flatMap { $0.isEmpty ? nil : $0 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    deinit {
        close(fd)
    }

    /// Flushes the lines written so far to disk, and the report's folder entry with them (called
    /// when a batch ends, normally or after an interruption).
    public func flush() throws(BatchError) {
        if fsync(fd) != 0 { throw .reportUnwritable(file: path, reason: FileSystemPath.errnoText()) }
        if let reason = AtomicFileWriter.syncFolder(AtomicFileWriter.directory(of: path)) {
            throw .reportUnwritable(file: path, reason: reason)
        }
    }

    /// Appends `line` and a newline.
    public func append(_ line: ReportLine) throws(BatchError) {
        var text: String
        do {
            text = String(decoding: try encoder.encode(line), as: UTF8.self)
        } catch {
            throw .reportUnwritable(file: path, reason: "cannot encode the line for \(line.input)")
        }
        if let secret { text = text.replacingOccurrences(of: secret, with: "[redacted]") }
        if let failure = Array((text + "\n").utf8).withUnsafeBytes({ AtomicFileWriter.writeAll($0, to: fd) }) {
            throw .reportUnwritable(file: path, reason: failure)
        }
    }
}
