import Foundation

/// Runs the built `venice-edit` binary and captures what it prints.
struct CommandRunner {
    struct Output {
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

    /// The binary built beside the test bundle.
    static var binary: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // inside an .xctest bundle on some platforms: climb out of it
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("venice-edit").path
    }

    static func fixture(_ relative: String) -> String { packageRoot + "/Fixtures/" + relative }

    /// Runs the binary with `arguments`; `environment` entries are added to the current ones.
    /// With `addressSpaceLimit`, the binary runs under `prlimit --as` so that an attempt to
    /// allocate beyond it fails instead of succeeding; after `timeout` seconds it is killed.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    currentDirectory: String? = nil, addressSpaceLimit: Int? = nil,
                    timeout: Double = 120) throws -> Output {
        let process = Process()
        if let addressSpaceLimit {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--as=\(addressSpaceLimit)", "--", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
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
        let timedOut = deadline.isCancelled == false && process.terminationReason == .uncaughtSignal
            && process.terminationStatus == SIGTERM
        deadline.cancel()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      signaled: process.terminationReason == .uncaughtSignal,
                      timedOut: timedOut)
    }
}
