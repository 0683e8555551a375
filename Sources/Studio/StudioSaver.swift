import Foundation
import ImagePrep
import Submission

/// Writes a result, its mask and its prepared base into a folder, each atomically, under the
/// first free names `STEM.studio-N.EXT`, `STEM.studio-N.mask.png` and `STEM.studio-N.base.EXT`:
/// an input or an earlier save is never written over.
enum StudioSaver {
    /// Saves `result` for the image called `name` into `folder`; returns the paths written.
    static func save(_ result: StudioResult, name: String, folder: String, inputs: [String]) throws(ImagePrepError) -> [String] {
        let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        var files: [(String, [UInt8])] = []
        let base = result.submission.images.first { $0.role == .base }?.prepared
        let mask = result.submission.images.first { $0.role == .mask }?.prepared
        for n in 1...10_000 {
            let prefix = "\(folder)/\(stem).studio-\(n)"
            var candidate = [(prefix + "." + result.response.fileExtension, result.response.bytes)]
            if let mask { candidate.append((prefix + ".mask.png", mask.bytes)) }
            if let base { candidate.append((prefix + ".base." + (base.format == .png ? "png" : "jpg"), base.bytes)) }
            let free = candidate.allSatisfy { path, _ in
                !FileManager.default.fileExists(atPath: path) && !inputs.contains { AtomicFileWriter.sameFile($0, path) }
            }
            if free {
                files = candidate
                break
            }
        }
        guard !files.isEmpty else { throw .invalidOption("\(folder): no free name for \(stem).studio-N after 10000 tries") }
        for (path, bytes) in files { try AtomicFileWriter.write(bytes, to: path) }
        return files.map(\.0)
    }
}
