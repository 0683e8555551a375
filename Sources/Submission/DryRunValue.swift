/// A value in a dry-run report: enough JSON to describe a request without its image data.
public enum DryRunValue: Encodable, Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case strings([String])
    case object([String: DryRunValue])
    case objects([[String: DryRunValue]])

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .string(v): try c.encode(v)
        case let .int(v): try c.encode(v)
        case let .bool(v): try c.encode(v)
        case let .double(v): try c.encode(v)
        case let .strings(v): try c.encode(v)
        case let .object(v): try c.encode(v)
        case let .objects(v): try c.encode(v)
        }
    }

    public var description: String {
        switch self {
        case let .string(v): v
        case let .int(v): String(v)
        case let .bool(v): String(v)
        case let .double(v): String(v)
        case let .strings(v): v.joined(separator: ", ")
        case let .object(v): v.keys.sorted().map { "\($0)=\(v[$0]?.description ?? "")" }.joined(separator: " ")
        case let .objects(v): v.map { DryRunValue.object($0).description }.joined(separator: "; ")
        }
    }
}
