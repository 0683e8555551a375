import Foundation
import VeniceClient

/// The package's `Fixtures` folder.
let batchFixtures: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// A fresh temporary folder, removed by `remove()`.
struct Scratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "venice-edit-batchkit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Copies a fixture to `relative` (creating folders) and returns the new path.
    @discardableResult
    func copy(_ fixture: String, to relative: String) throws -> String {
        let destination = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: batchFixtures + "/" + fixture, toPath: destination)
        return destination
    }

    /// Writes text to `relative` and returns the path.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let destination = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: destination))
        return destination
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A clock whose sleeps advance virtual time at once, so rate-limit tests need not wait.
final class VirtualClock: RetryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private(set) var sleeps: [Double] = []

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock {
            current = current.addingTimeInterval(max(0, seconds))
            sleeps.append(seconds)
        }
        await Task.yield()
    }

    func advance(_ seconds: Double) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }
}
