extension PrepareOptions {
    /// One of the numeric settings `validate()` checks, named in errors.
    public enum Setting: String, Sendable, Equatable, CaseIterable {
        case quality, maxPixels, minPixels, maxBytes, decodeLimit, maxInputBytes, maxLongestSide

        /// The setting in words, e.g. "JPEG quality".
        public var name: String {
            switch self {
            case .quality: "JPEG quality"
            case .maxPixels: "pixel maximum"
            case .minPixels: "pixel minimum"
            case .maxBytes: "byte limit"
            case .decodeLimit: "decode limit"
            case .maxInputBytes: "input size limit"
            case .maxLongestSide: "longest-side limit"
            }
        }
    }
}
