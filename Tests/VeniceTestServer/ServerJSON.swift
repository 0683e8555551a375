import Foundation

/// A JSON value as the server reads request bodies: keeps booleans, numbers and strings apart.
enum ServerJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ServerJSON])
    case object([String: ServerJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ServerJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ServerJSON].self))
        }
    }

    /// A short name of the JSON type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The value as text for recording.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): return text
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object: return "{…}"
        }
    }

    /// Serialises an error body: `{"error": …, "code": …, "details": …}`.
    static func errorBody(message: String, code: String? = nil, details: [String: [String]]? = nil,
                          detailText: String? = nil) -> String {
        var object: [String: Any] = ["error": message]
        if let code { object["code"] = code }
        if let details {
            var tree: [String: Any] = ["_errors": details[""] ?? []]
            for (field, messages) in details where !field.isEmpty {
                tree[field] = ["_errors": messages]
            }
            object["details"] = tree
        }
        if let detailText { object["details"] = detailText }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
