/// A file found while walking the inputs that is not processed (not an image the tool reads, or a link
/// leading outside the folder given); counted and reported, never a failure.
public struct SkippedInput: Sendable, Hashable {
    /// The path as found.
    public var input: String
    /// Why it was skipped.
    public var reason: String

    /// Creates a skipped entry.
    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }
}
