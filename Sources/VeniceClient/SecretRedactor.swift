import Foundation

/// Replaces a secret (the API key) with a placeholder in any text that leaves the client.
///
/// Error descriptions, server messages and log lines pass through this before they are stored
/// or emitted, so a server that echoes the key back cannot leak it either.
struct SecretRedactor: Sendable {
    /// The text that stands in for the secret.
    static let placeholder = "[REDACTED]"

    private let secret: String

    /// Creates a redactor for `secret`; secrets shorter than 4 characters are still redacted.
    init(secret: String) {
        self.secret = secret
    }

    /// `text` with every occurrence of the secret replaced.
    func redact(_ text: String) -> String {
        guard !secret.isEmpty, text.contains(secret) else { return text }
        return text.replacingOccurrences(of: secret, with: Self.placeholder)
    }
}
