#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a batch writes into; hands out destination paths that cannot escape it.
///
/// A name is refused when it is absolute or has an empty, `.` or `..` component; the folders on
/// the way are created one by one and refused when any of them is a symbolic link; finally the
/// real path of the destination's folder must lie inside the output folder's real path.
public struct OutputFolder: Sendable {
    /// The folder as given (used to build the paths reported).
    public let path: String
    /// Its real path, with links resolved.
    public let realPath: String

    /// Uses `path` as the output folder, creating it (and its parents) when missing.
    public init(_ path: String) throws(BatchError) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if FileSystemPath.targetKind(trimmed) == .missing {
            try Self.makeFolders(trimmed)
        }
        guard FileSystemPath.targetKind(trimmed) == .folder else {
            throw .outputFolderUnusable(folder: path, reason: "it is not a folder")
        }
        guard let real = FileSystemPath.realPath(trimmed) else {
            throw .outputFolderUnusable(folder: path, reason: "cannot resolve its real path")
        }
        self.path = trimmed
        self.realPath = real
    }

    /// The path to write `name` (relative, e.g. `shoes/red.png`) to, with its folders created.
    ///
    /// - Parameter input: The input the output is for, named in errors.
    public func destination(for name: String, input: String) throws(BatchError) -> String {
        let components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !name.hasPrefix("/"), !components.isEmpty,
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw .escapesOutputFolder(file: input, output: name)
        }
        var folder = path
        for component in components.dropLast() {
            folder = FileSystemPath.join(folder, component)
            switch FileSystemPath.kind(folder) {
            case .folder:
                continue
            case .missing:
                if mkdir(folder, 0o777) != 0, errno != EEXIST {
                    throw .outputFolderUnusable(folder: folder, reason: FileSystemPath.errnoText())
                }
                guard FileSystemPath.kind(folder) == .folder else {
                    throw .escapesOutputFolder(file: input, output: folder)
                }
            case .symbolicLink:
                throw .escapesOutputFolder(file: input, output: FileSystemPath.join(path, name))
            case .file, .other:
                throw .outputFolderUnusable(folder: folder, reason: "a file is in the way")
            }
        }
        guard let realFolder = FileSystemPath.realPath(folder), FileSystemPath.isInside(realFolder, folder: realPath) else {
            throw .escapesOutputFolder(file: input, output: FileSystemPath.join(path, name))
        }
        let destination = FileSystemPath.join(path, name)
        if FileSystemPath.kind(destination) == .folder {
            throw .outputFolderUnusable(folder: destination, reason: "a folder is in the way of the output file")
        }
        return destination
    }

    /// `mkdir -p`.
    private static func makeFolders(_ path: String) throws(BatchError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0, errno != EEXIST {
                throw .outputFolderUnusable(folder: path, reason: FileSystemPath.errnoText())
            }
        }
    }
}
