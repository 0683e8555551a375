/// The secret of one studio run: the page must present it (cookie or header) with every request.
public struct StudioToken: Sendable, Equatable, CustomStringConvertible {
    /// The token as 64 lowercase hex digits.
    public let value: String

    /// A new token of 32 random bytes from the system's generator.
    public init() {
        var generator = SystemRandomNumberGenerator()
        value = (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    /// A token with the given value (tests).
    public init(value: String) {
        self.value = value
    }

    /// Whether `candidate` is this token, comparing every byte whatever the first difference.
    public func matches(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let a = Array(value.utf8), b = Array(candidate.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<min(a.count, b.count) { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// Never the value: the token is not printed by accident.
    public var description: String { "StudioToken(…)" }
}
