import ArgumentParser
import Foundation

/// Writes diagnostics to standard error, unbuffered.
enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Runs `body`; its error, which names the file or field at fault, goes to standard error as
    /// one line and the command exits with status 1.
    static func exitOnFailure<T, Failure: Error & CustomStringConvertible>(_ body: () throws(Failure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardError.print("venice-edit: \(error.description)")
            throw ExitCode(1)
        }
    }
}
