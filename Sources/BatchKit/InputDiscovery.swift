import Foundation
import ImagePrep

/// Finds the images of a batch: files, folders walked recursively, and `-` for a list of paths on
/// standard input; decides JPEG/PNG by content (the first 12 bytes), and gives every image a unique
/// output name that mirrors its place in the input tree.
///
/// - A file given directly (or listed on standard input) is named by its base name.
/// - A file found in a folder is named by its path relative to that folder.
/// - Names differing only in case or extension get a stable suffix (`photo-2`), in input order.
/// - Entries whose name starts with `.` are ignored; symbolic links inside a folder are followed only
///   to files inside that folder; folders given in `excluding` (the output folder) are not entered.
/// - Files that are not JPEG or PNG are skipped and counted; missing or unreadable files given
///   directly become items, so that processing reports their error.
public struct InputDiscovery: Sendable {
    /// Folders never walked into (typically the output folder), as given.
    public var excluding: [String]

    /// Creates a discovery that skips `excluding`.
    public init(excluding: [String] = []) {
        self.excluding = excluding
    }

    /// Discovers the inputs named by `arguments`; `standardInput` is read (once) when an argument is `-`.
    public func discover(_ arguments: [String], standardInput: () -> [String]) throws(BatchError) -> DiscoveredInputs {
        var expanded: [(path: String, listed: Bool)] = []
        var readStandardInput = false
        for argument in arguments {
            if argument == "-" {
                guard !readStandardInput else { continue }
                readStandardInput = true
                for line in standardInput() {
                    let path = line.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !path.isEmpty { expanded.append((path, true)) }
                }
            } else {
                expanded.append((argument, false))
            }
        }
        let excluded = Set(excluding.compactMap(FileSystemPath.realPath))
        var found: [(input: String, relative: String)] = []
        var skipped: [SkippedInput] = []
        for (path, listed) in expanded {
            switch FileSystemPath.targetKind(path) {
            case .folder:
                guard let root = FileSystemPath.realPath(path) else { throw .unreadable(file: path, reason: "cannot resolve the folder") }
                if excluded.contains(root) { continue }
                try walk(folder: path, relative: "", root: root, excluded: excluded, found: &found, skipped: &skipped)
            case .missing:
                if !listed, FileSystemPath.kind(path) == .missing { throw .inputNotFound(file: path) }
                // a path listed on standard input that is missing, or a dangling link: processing reports it
                found.append((path, FileSystemPath.baseName(path)))
            default:
                switch FileSystemPath.sniff(path) {
                case .success(let format?) where format.isSupported:
                    found.append((path, FileSystemPath.baseName(path)))
                case .success(let format):
                    skipped.append(SkippedInput(input: path, reason: Self.notAnImage(format)))
                case .failure:
                    found.append((path, FileSystemPath.baseName(path)))
                }
            }
        }
        return DiscoveredInputs(items: Self.uniqueNames(found), skipped: skipped)
    }

    /// Walks `folder` in name order, appending images and skipped files.
    private func walk(folder: String, relative: String, root: String, excluded: Set<String>,
                      found: inout [(input: String, relative: String)], skipped: inout [SkippedInput]) throws(BatchError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            if relative.isEmpty { throw .unreadable(file: folder, reason: error.localizedDescription) }
            skipped.append(SkippedInput(input: folder, reason: "cannot read the folder"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = FileSystemPath.join(folder, name)
            let relativeName = relative.isEmpty ? name : relative + "/" + name
            var kind = FileSystemPath.kind(path)
            if kind == .symbolicLink {
                guard let target = FileSystemPath.realPath(path), FileSystemPath.isInside(target, folder: root) else {
                    skipped.append(SkippedInput(input: path, reason: "symbolic link leading outside the folder (not followed)"))
                    continue
                }
                kind = FileSystemPath.targetKind(target)
                if kind == .folder {
                    skipped.append(SkippedInput(input: path, reason: "symbolic link to a folder (not followed)"))
                    continue
                }
            }
            switch kind {
            case .folder:
                if let real = FileSystemPath.realPath(path), excluded.contains(real) { continue }
                try walk(folder: path, relative: relativeName, root: root, excluded: excluded, found: &found, skipped: &skipped)
            case .file:
                switch FileSystemPath.sniff(path) {
                case .success(let format?) where format.isSupported:
                    found.append((path, relativeName))
                case .success(let format):
                    skipped.append(SkippedInput(input: path, reason: Self.notAnImage(format)))
                case .failure(let error):
                    skipped.append(SkippedInput(input: path, reason: error.description))
                }
            default:
                skipped.append(SkippedInput(input: path, reason: "not a regular file"))
            }
        }
    }

    private static func notAnImage(_ format: ImageFormat?) -> String {
        if let format { return "not an image the tool reads (\(format.rawValue))" }
        return "not an image the tool reads"
    }

    /// Turns relative names into items with unique, safe output stems (case-insensitively, in order).
    static func uniqueNames(_ found: [(input: String, relative: String)]) -> [BatchItem] {
        var taken: Set<String> = []
        var items: [BatchItem] = []
        items.reserveCapacity(found.count)
        for entry in found {
            let (stem, ext) = FileSystemPath.splitExtension(entry.relative)
            var base = safeStem(stem)
            if base.isEmpty { base = "image" }
            var candidate = base
            var n = 2
            while taken.contains(candidate.lowercased()) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            taken.insert(candidate.lowercased())
            items.append(BatchItem(input: entry.input, outputStem: candidate, inputExtension: ext))
        }
        return items
    }

    /// A relative stem with empty, `.` and `..` components dropped and no leading slash.
    static func safeStem(_ stem: String) -> String {
        stem.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." && $0 != ".." }
            .joined(separator: "/")
    }
}
