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

/// A clock that never waits: a sleep moves virtual time on to the sleeper's deadline at once (or
/// leaves it where it is when another sleeper already moved it further), so a sleeper may wake
/// late, as on a busy machine, but never early. Rate-limit tests read exact times from it.
final class VirtualClock: RetryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    /// The time the clock started at.
    let start: Date
    private(set) var sleeps: [Double] = []

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
        self.start = start
    }

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Seconds of virtual time since `start`.
    var elapsed: Double { now().timeIntervalSince(start) }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock {
            sleeps.append(seconds)
            guard seconds > 0 else { return }
            // like a real sleep, a positive one always ends later than it began, even when the
            // delay is below a Date's resolution (about 10⁻⁷ s here)
            let deadline = current.addingTimeInterval(seconds)
            current = deadline > current ? deadline : Date(timeIntervalSinceReferenceDate: current.timeIntervalSinceReferenceDate.nextUp)
        }
        await Task.yield()
    }
}
