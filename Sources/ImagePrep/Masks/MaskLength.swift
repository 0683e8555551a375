import Foundation

/// A coordinate or length of a mask shape: pixels of the upright prepared image, or a
/// percentage of its width or height.
public enum MaskLength: Sendable, Equatable, CustomStringConvertible {
    /// Pixels (fractions allowed); pixel `i` spans `[i, i+1)`.
    case pixels(Double)
    /// A percentage of the image's width (for x and horizontal lengths) or height (y, vertical).
    case percent(Double)

    /// Parses `120`, `12.5` or `40%`; nil for anything else (including NaN and infinities).
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            guard let value = Double(text.dropLast()), value.isFinite else { return nil }
            self = .percent(value)
        } else {
            guard let value = Double(text), value.isFinite else { return nil }
            self = .pixels(value)
        }
    }

    /// The length in pixels along an axis `extent` pixels long.
    public func resolved(along extent: Int) -> Double {
        switch self {
        case let .pixels(value): value
        case let .percent(value): value / 100 * Double(extent)
        }
    }

    public var description: String {
        switch self {
        case let .pixels(value): Self.format(value)
        case let .percent(value): Self.format(value) + "%"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
