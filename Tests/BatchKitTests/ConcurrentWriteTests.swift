import BatchKit
import Foundation
import ImagePrep
import Testing

/// Many threads writing outputs at once: every file and folder gets the permissions the umask
/// gives, every file holds exactly its bytes, and no temporary file is left behind.
@Suite struct ConcurrentWriteTests {
    /// The process umask, read from `/proc/self/status` (reading it with `umask(2)` would mean
    /// changing it, which is exactly the race under test).
    static func currentUmask() throws -> mode_t {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        let value = try #require(line.split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespaces) })
        return try #require(mode_t(value, radix: 8))
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    @Test(.timeLimit(.minutes(3)))
    func sixteenThreadsWritingOverAThousandFilesGetTheUmasksPermissions() async throws {
        let mask = try Self.currentUmask()
        // CI and login shells run with 022: files 0644, folders 0755. A zero umask would hide the
        // race this test looks for (the old writer set the umask to 0 for a moment).
        #expect(mask != 0, "run the tests under a non-zero umask such as 022")
        let scratch = try Scratch()
        defer { scratch.remove() }
        let output = try OutputFolder(scratch.path + "/out")
        let writers = 16, filesPerWriter = 100           // 1,600 writes
        let failures = FailureList()
        let group = DispatchGroup()
        for writer in 0 ..< writers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                for index in 0 ..< filesPerWriter {
                    let name = "w\(writer)/part\(index % 7)/f\(index).bin"
                    do {
                        let destination = try output.destination(for: name, input: "in/\(name)")
                        try AtomicFileWriter.write(Self.content(writer, index), to: destination)
                    } catch {
                        failures.append("\(name): \(error)")
                    }
                }
            }
            thread.start()
        }
        // wait without blocking one of Swift concurrency's few threads (other tests need them)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { done.resume() }
        }
        #expect(failures.items.isEmpty, "\(failures.items.prefix(5))")

        let fileMode = 0o666 & ~mask, folderMode = 0o777 & ~mask
        var files = 0
        let root = output.path
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            let name = (relative as NSString).lastPathComponent
            #expect(!name.hasPrefix(".venice-edit-"), "temporary file left: \(relative)")
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if isFolder.boolValue {
                #expect(Self.mode(path) == folderMode, "\(relative): folder mode \(String(Self.mode(path) ?? 0, radix: 8))")
            } else {
                files += 1
                #expect(Self.mode(path) == fileMode, "\(relative): file mode \(String(Self.mode(path) ?? 0, radix: 8))")
            }
        }
        #expect(files == 1_600)
        // spot-check contents against what each writer wrote
        for (writer, index) in [(0, 0), (7, 33), (15, 99)] {
            let path = root + "/w\(writer)/part\(index % 7)/f\(index).bin"
            #expect(FileManager.default.contents(atPath: path).map([UInt8].init) == Self.content(writer, index))
        }
    }

    /// Distinct bytes per file, a few kilobytes long.
    static func content(_ writer: Int, _ index: Int) -> [UInt8] {
        (0 ..< 3000 + index).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ writer &* 7 &+ index) }
    }
}

/// Failure messages collected from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var items: [String] { lock.withLock { list } }
    func append(_ item: String) { lock.withLock { list.append(item) } }
}
