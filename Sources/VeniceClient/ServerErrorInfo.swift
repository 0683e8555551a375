/// What the Venice server said about a failed request: status, message, code and per-field details.
///
/// Venice answers errors with `{"error": "..."}` (a 400 adds `details`, sometimes `issues`, and some
/// responses carry a `code`), and some endpoints send `error` as an object `{message, type, ...}`.
/// Both shapes decode into this one value; a body that is not JSON at all is kept as text.
public struct ServerErrorInfo: Sendable, Equatable {
    /// The HTTP status code of the response.
    public var status: Int
    /// The server's `error` text (or `error.message`); empty when the body had none.
    public var message: String
    /// The machine-readable `code`, e.g. `PAYLOAD_TOO_LARGE`, `IMAGE_TOO_SMALL`, `INSUFFICIENT_BALANCE`.
    public var code: String?
    /// The `type` of an object-shaped error, when given.
    public var type: String?
    /// Messages per field, from `details` (`{"field": {"_errors": [...]}}`) or `issues`.
    ///
    /// Nested fields are joined with dots (`images.1`); messages about the request as a whole
    /// (the top-level `_errors`) are under the empty key `""`.
    public var fieldErrors: [String: [String]]
    /// `details` when the server sent it as a plain string rather than an object.
    public var detailText: String?

    /// Creates a value directly (mostly for tests and callers that build errors themselves).
    public init(
        status: Int,
        message: String,
        code: String? = nil,
        type: String? = nil,
        fieldErrors: [String: [String]] = [:],
        detailText: String? = nil
    ) {
        self.status = status
        self.message = message
        self.code = code
        self.type = type
        self.fieldErrors = fieldErrors
        self.detailText = detailText
    }

    /// Parses an error response body, accepting every documented shape and falling back to text.
    ///
    /// - Parameters:
    ///   - status: The response status code.
    ///   - body: The raw response body (at most a few kilobytes are kept when it is not JSON).
    public init(status: Int, body: [UInt8]) {
        self.init(status: status, message: "")
        guard let json = JSONValue.parse(body), case .object(let root) = json else {
            let text = String(decoding: body.prefix(2_000), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            self.message = text
            return
        }
        switch root["error"] {
        case .string(let text)?:
            self.message = text
        case .object(let object)?:
            self.message = object["message"]?.stringValue ?? ""
            self.type = object["type"]?.stringValue
            self.code = object["code"]?.stringValue
        case let other?:
            self.message = other.stringValue ?? ""
        case nil:
            self.message = root["message"]?.stringValue ?? ""
        }
        if let code = root["code"]?.stringValue {
            self.code = code
        }
        if self.type == nil {
            self.type = root["type"]?.stringValue
        }
        switch root["details"] {
        case .string(let text)?:
            self.detailText = text
        case .object(let object)?:
            var collected: [String: [String]] = [:]
            Self.collect(object, path: [], into: &collected)
            self.fieldErrors = collected
        default:
            break
        }
        if self.fieldErrors.isEmpty, case .array(let issues)? = root["issues"] {
            for issue in issues {
                guard case .object(let item) = issue, let message = item["message"]?.stringValue else { continue }
                var path: [String] = []
                if case .array(let parts)? = item["path"] {
                    path = parts.compactMap { $0.stringValue }
                }
                self.fieldErrors[path.joined(separator: "."), default: []].append(message)
            }
        }
    }

    /// Flattens a zod-style `details` tree (`{"_errors": [...], "field": {"_errors": [...]}}`).
    private static func collect(_ object: [String: JSONValue], path: [String], into result: inout [String: [String]]) {
        for (key, value) in object {
            if key == "_errors" {
                if case .array(let items) = value {
                    let messages = items.compactMap { $0.stringValue }
                    if !messages.isEmpty {
                        result[path.joined(separator: "."), default: []].append(contentsOf: messages)
                    }
                } else if let text = value.stringValue {
                    result[path.joined(separator: "."), default: []].append(text)
                }
                continue
            }
            switch value {
            case .object(let child):
                collect(child, path: path + [key], into: &result)
            case .array(let items):
                let messages = items.compactMap { $0.stringValue }
                if !messages.isEmpty {
                    result[(path + [key]).joined(separator: "."), default: []].append(contentsOf: messages)
                }
            default:
                if let text = value.stringValue {
                    result[(path + [key]).joined(separator: "."), default: []].append(text)
                }
            }
        }
    }

    /// The message, code and field details on one or more lines, without a status prefix.
    public var summary: String {
        var text = message.isEmpty ? "(no message)" : message
        if let code, !code.isEmpty {
            text += " [\(code)]"
        }
        for field in fieldErrors.keys.sorted() {
            let messages = fieldErrors[field] ?? []
            let name = field.isEmpty ? "request" : field
            text += "\n  \(name): \(messages.joined(separator: "; "))"
        }
        if let detailText, !detailText.isEmpty {
            text += "\n  details: \(detailText)"
        }
        return text
    }

    /// A copy with every occurrence of `secret` replaced by a placeholder.
    func redacting(_ redactor: SecretRedactor) -> ServerErrorInfo {
        var copy = self
        copy.message = redactor.redact(message)
        copy.code = code.map(redactor.redact)
        copy.type = type.map(redactor.redact)
        copy.detailText = detailText.map(redactor.redact)
        copy.fieldErrors = Dictionary(
            fieldErrors.map { (redactor.redact($0.key), $0.value.map(redactor.redact)) },
            uniquingKeysWith: +
        )
        return copy
    }
}
