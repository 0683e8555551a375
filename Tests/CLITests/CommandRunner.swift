import Foundation

/// Runs the built `venice-edit` binary and captures what it prints.
///
/// `run` is async and waits for the child on a dispatch thread, never on one of Swift
/// concurrency's cooperative threads: on a 2-core machine there are only two of those, and the
/// contract server's handlers need them while a test waits for the binary that talks to it.
enum CommandRunner {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The process ended by a signal (a crash) rather than by exiting.
        var signaled = false
        /// The process was still running at the deadline and was killed.
        var timedOut = false
    }

    /// The package root (three levels above this file).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The binary built beside the test bundle, or the one named by `VENICE_EDIT_BINARY` (CI
    /// names the AddressSanitizer build's binary for that run).
    static var binary: String {
        if let named = ProcessInfo.processInfo.environment["VENICE_EDIT_BINARY"], !named.isEmpty { return named }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // inside an .xctest bundle on some platforms: climb out of it
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("venice-edit").path
    }

    static func fixture(_ relative: String) -> String { packageRoot + "/Fixtures/" + relative }

    /// The model cache folder (`XDG_CACHE_HOME`) every run gets unless its environment names
    /// another: a temporary folder of this test process, never the user's cache.
    static let testCacheHome: String = NSTemporaryDirectory() + "venice-edit-cli-cache-" + UUID().uuidString

    /// Runs the binary with `arguments`; `environment` entries are added to the current ones.
    ///
    /// - `addressSpaceLimit`: run under `prlimit --as`, so an attempt to allocate beyond it fails
    ///   (left off under AddressSanitizer, whose shadow memory needs terabytes of address space;
    ///   CI sets ASAN_OPTIONS for that run).
    /// - `timeout`: seconds before the child is killed (reported as `timedOut`).
    /// - `standardInput`: bytes fed to the child (else /dev/null).
    /// - `interruptAfter` / `interruptWhen`: send SIGINT after that many seconds, or once the
    ///   condition holds (polled every 20 ms).
    static func run(_ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil,
                    addressSpaceLimit: Int? = nil, timeout: Double = 120, standardInput: Data? = nil,
                    interruptAfter: Double? = nil,
                    interruptWhen: (@Sendable () -> Bool)? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runBlocking(arguments, environment: environment, currentDirectory: currentDirectory,
                                    addressSpaceLimit: addressSpaceLimit, timeout: timeout, standardInput: standardInput,
                                    interruptAfter: interruptAfter, interruptWhen: interruptWhen)
                })
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], currentDirectory: String?,
                                    addressSpaceLimit: Int?, timeout: Double, standardInput: Data?,
                                    interruptAfter: Double?, interruptWhen: (@Sendable () -> Bool)?) throws -> Output {
        let process = Process()
        let underSanitizer = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil
        if let addressSpaceLimit, !underSanitizer {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--as=\(addressSpaceLimit)", "--", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        var base = ProcessInfo.processInfo.environment
        base["XDG_CACHE_HOME"] = testCacheHome
        process.environment = base.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(standardInput)
            input.fileHandleForWriting.closeFile()
        }
        let exited = ExitFlag(), killed = ExitFlag()
        let pid = process.processIdentifier
        let started = Date()
        // one watcher: the deadline, and the optional interruption
        DispatchQueue.global().async {
            var interrupted = false
            while !exited.isSet {
                let elapsed = Date().timeIntervalSince(started)
                if elapsed >= timeout {
                    killed.set()
                    kill(pid, SIGKILL)
                    return
                }
                if !interrupted, (interruptAfter.map { elapsed >= $0 } ?? false) || (interruptWhen?() ?? false) {
                    interrupted = true
                    kill(pid, SIGINT)
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        // read both pipes to the end before waiting, so a chatty child cannot block on a full pipe
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        exited.set()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      signaled: process.terminationReason == .uncaughtSignal && !killed.isSet,
                      timedOut: killed.isSet)
    }
}

/// A flag set once, read from other threads.
final class ExitFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
