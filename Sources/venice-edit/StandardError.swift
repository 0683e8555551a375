#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes diagnostics to standard error, unbuffered.
enum StandardError {
    static func print(_ line: String) {
        let text = line + "\n"
        _ = text.withCString { fputs($0, stderr) }
    }
}
