import Foundation

/// New, empty folders for one test each, under the system's temporary folder.
enum TemporaryFolder {
    /// Creates a folder named after `label` and a fresh UUID, and returns its path.
    static func make(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "venice-edit-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
