#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ImagePrep

/// Small POSIX helpers for paths: what a path is (without following links), its real path, and
/// whether one path lies inside a folder.
enum FileSystemPath {
    /// What `lstat` says a path is.
    enum Kind: Equatable {
        case file, folder, symbolicLink, other, missing
    }

    /// The kind of `path`, not following a final symbolic link.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFREG): return .file
        case mode_t(S_IFDIR): return .folder
        case mode_t(S_IFLNK): return .symbolicLink
        default: return .other
        }
    }

    /// The kind of what `path` finally names, following links.
    static func targetKind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFREG): return .file
        case mode_t(S_IFDIR): return .folder
        default: return .other
        }
    }

    /// The absolute path with every link, `.` and `..` resolved; `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `folder` or lies below it (both real paths).
    static func isInside(_ path: String, folder: String) -> Bool {
        if path == folder { return true }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }

    /// The format the first bytes of `path` announce, reading at most 12 bytes; `nil` when no
    /// signature matches; throws the reason when the file cannot be read.
    static func sniff(_ path: String) -> Result<ImageFormat?, BatchError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(.unreadable(file: path, reason: errnoText())) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: ImageFormat.signatureLength)
        var filled = 0
        while filled < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(file: path, reason: errnoText()))
            }
            if n == 0 { break }
            filled += n
        }
        return .success(ImageFormat.sniff(Array(buffer[0..<filled])))
    }

    /// The text for the current `errno`.
    static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    /// The last path component (`a/b.jpg` → `b.jpg`), ignoring trailing slashes.
    static func baseName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `name` split into stem and lower-cased extension (`Red.JPG` → (`Red`, `jpg`)).
    static func splitExtension(_ name: String) -> (stem: String, extension: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = String(name[name.index(after: dot)...])
        guard !ext.isEmpty, !ext.contains("/") else { return (name, "") }
        return (String(name[..<dot]), ext.lowercased())
    }

    /// `folder` and `name` joined with one slash.
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
