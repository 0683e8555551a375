import Foundation

/// Writes diagnostics to standard error, unbuffered.
enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension StandardError {
    /// Writes `text` to standard error as it is (no newline added).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
