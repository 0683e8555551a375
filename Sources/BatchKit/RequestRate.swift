import Foundation

/// A request rate as given to `--rate`: `N` or `N/min` (per minute), or `N/s` (per second).
public struct RequestRate: Sendable, Equatable, CustomStringConvertible {
    /// Requests per minute; always positive.
    public let perMinute: Double

    /// Venice's default for image endpoints: 20 requests per minute.
    public static let veniceDefault = RequestRate(checked: 20)

    private init(checked perMinute: Double) {
        self.perMinute = perMinute
    }

    /// A rate of `perMinute` requests per minute; throws unless positive and finite.
    public init(perMinute: Double) throws(BatchError) {
        guard perMinute.isFinite, perMinute > 0 else { throw .invalidRate(String(perMinute)) }
        self.init(checked: perMinute)
    }

    /// Parses `20`, `20/min`, `20/m` or `2/s`.
    public init(parsing text: String) throws(BatchError) {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        var number = lower
        var factor = 1.0
        for (suffix, scale) in [("/min", 1.0), ("/m", 1.0), ("/s", 60.0), ("/sec", 60.0)] where lower.hasSuffix(suffix) {
            number = String(lower.dropLast(suffix.count))
            factor = scale
            break
        }
        guard let value = Double(number), value.isFinite, value > 0 else { throw .invalidRate(text) }
        self.init(checked: value * factor)
    }

    /// The spacing between request starts, in seconds.
    public var interval: Double { 60 / perMinute }

    public var description: String {
        perMinute.rounded() == perMinute ? "\(Int(perMinute))/min" : "\(perMinute)/min"
    }
}
