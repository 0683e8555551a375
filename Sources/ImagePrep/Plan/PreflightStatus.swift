/// What pre-flight concluded about one input.
public enum PreflightStatus: String, Sendable, Codable {
    /// The file can be sent as it is.
    case ready
    /// The file can be made acceptable by `prepare`.
    case fixable
    /// The file cannot be used (unsupported, corrupt, over the decode limit).
    case invalid
}
