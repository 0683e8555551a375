import Foundation

extension CommandRunner {
    /// Runs the binary with `standardInput` fed to it (for `-` path lists), and, when `interruptWhen`
    /// is given, sends SIGINT once that condition holds (polled every 20 ms) or after `interruptAfter`
    /// seconds, whichever comes first.
    static func run(_ arguments: [String], environment: [String: String] = [:], standardInput: Data?,
                    interruptAfter: Double? = nil, interruptWhen: (@Sendable () -> Bool)? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if standardInput != nil {
            process.standardInput = input
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(standardInput)
            input.fileHandleForWriting.closeFile()
        }
        let exitFlag = ExitFlag()
        defer { exitFlag.set() }
        if interruptAfter != nil || interruptWhen != nil {
            let started = Date()
            let deadline = interruptAfter ?? 120
            let pid = process.processIdentifier
            let exited = exitFlag
            DispatchQueue.global().async {
                while !exited.isSet {
                    if Date().timeIntervalSince(started) >= deadline || (interruptWhen?() ?? false) {
                        kill(pid, SIGINT)
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                }
            }
        }
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
        exitFlag.set()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Set once the child has exited, so the interrupter stops polling.
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
