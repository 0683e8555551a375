/// Where a sketch's luminance splits into edit and keep.
public enum MaskThreshold: Sendable, Equatable, CustomStringConvertible {
    /// Luminance at or above this value marks the area to edit.
    case fixed(UInt8)
    /// Otsu's method picks the split from the sketch's histogram.
    case otsu

    /// Parses `otsu` or a number 0–255; nil for anything else.
    public init?(argument: String) {
        if argument.lowercased() == "otsu" {
            self = .otsu
        } else if let value = UInt8(argument) {
            self = .fixed(value)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .fixed(value): "\(value)"
        case .otsu: "otsu"
        }
    }
}
