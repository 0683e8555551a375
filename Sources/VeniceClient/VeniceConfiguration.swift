import Foundation

/// Where and how the client talks to Venice: API key, base URL, timeouts and User-Agent.
///
/// The key is never printed: `description`, `debugDescription` and reflection (`dump`) show it as
/// `[REDACTED]`.
public struct VeniceConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The default base URL of the Venice API.
    public static let defaultBaseURL = "https://api.venice.ai/api/v1"
    /// The version of this client, sent in the `User-Agent` header.
    public static let clientVersion = "0.1.0"
    /// The environment variable that holds the API key.
    public static let apiKeyVariable = "VENICE_API_KEY"
    /// The environment variable that names a file holding the API key (used when `VENICE_API_KEY` is unset).
    public static let apiKeyFileVariable = "VENICE_API_KEY_FILE"
    /// The environment variable that overrides the base URL.
    public static let baseURLVariable = "VENICE_BASE_URL"

    /// The API key sent as `Authorization: Bearer <key>`.
    public let apiKey: String
    /// The API base URL without a trailing slash, e.g. `https://api.venice.ai/api/v1`.
    public let baseURL: String
    /// How long to wait for a connection to be established.
    public var connectTimeout: Duration
    /// How long one attempt (upload, processing and download) may take.
    public var requestTimeout: Duration
    /// The `User-Agent` header value.
    public var userAgent: String

    /// Creates a configuration, checking the key and the base URL.
    ///
    /// - Parameters:
    ///   - apiKey: The API key; surrounding whitespace and newlines are trimmed.
    ///   - baseURL: `https://…`, or `http://…` only for a loopback host (127.0.0.0/8, ::1, localhost).
    ///   - connectTimeout: Connection timeout, 10 s by default.
    ///   - requestTimeout: Per-attempt timeout, 180 s by default.
    ///   - userAgent: The `User-Agent`; `venice-edit/<version>` by default.
    /// - Throws: `VeniceError.invalidConfiguration` for an empty key or a malformed URL,
    ///   `VeniceError.insecureURL` for plain HTTP to a non-loopback host.
    public init(
        apiKey: String,
        baseURL: String = VeniceConfiguration.defaultBaseURL,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(180),
        userAgent: String = "venice-edit/\(VeniceConfiguration.clientVersion)"
    ) throws(VeniceError) {
        let key = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw .invalidConfiguration(reason: "the API key is empty: set \(Self.apiKeyVariable)")
        }
        guard !key.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw .invalidConfiguration(reason: "the API key contains a line break: check \(Self.apiKeyVariable) or the key file")
        }
        guard connectTimeout > .zero, requestTimeout > .zero else {
            throw .invalidConfiguration(reason: "timeouts must be positive")
        }
        self.apiKey = key
        self.baseURL = try Self.validatedBaseURL(baseURL)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// Reads the configuration from the environment (and optionally a key file).
    ///
    /// The key comes from `keyFile` when given, else `VENICE_API_KEY`, else the file named by
    /// `VENICE_API_KEY_FILE`. The base URL comes from `VENICE_BASE_URL` when set and not empty.
    ///
    /// - Parameters:
    ///   - environment: The variables to read; the process environment by default.
    ///   - keyFile: A file whose content (trimmed) is the key; takes precedence over the environment.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        keyFile: String? = nil,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(180)
    ) throws(VeniceError) -> VeniceConfiguration {
        let key: String
        if let keyFile {
            key = try readKeyFile(keyFile)
        } else if let value = environment[apiKeyVariable], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            key = value
        } else if let file = environment[apiKeyFileVariable], !file.isEmpty {
            key = try readKeyFile(file)
        } else {
            throw .invalidConfiguration(
                reason: "no API key: set \(apiKeyVariable) (or \(apiKeyFileVariable) to a file holding the key)"
            )
        }
        var base = defaultBaseURL
        if let value = environment[baseURLVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            base = value
        }
        return try VeniceConfiguration(
            apiKey: key, baseURL: base, connectTimeout: connectTimeout, requestTimeout: requestTimeout
        )
    }

    /// Reads and trims a key file.
    private static func readKeyFile(_ path: String) throws(VeniceError) -> String {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .invalidConfiguration(reason: "cannot read the API key file \(path)")
        }
        let key = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw .invalidConfiguration(reason: "the API key file \(path) is empty")
        }
        return key
    }

    /// Checks a base URL: http(s) with a host, plain HTTP only for loopback; strips a trailing slash.
    public static func validatedBaseURL(_ text: String) throws(VeniceError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw .invalidConfiguration(reason: "the base URL \(trimmed) is not an absolute http(s) URL")
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidConfiguration(reason: "the base URL must not contain credentials")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidConfiguration(reason: "the base URL \(trimmed) must not have a query or fragment")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard isLoopback(host: host) else { throw .insecureURL(trimmed) }
        default:
            throw .invalidConfiguration(reason: "the base URL \(trimmed) must use https://")
        }
        var result = trimmed
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// Whether `host` is a loopback name or address: `localhost`, 127.0.0.0/8 or `::1`.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") {
            name = String(name.dropFirst().dropLast())
        }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { part -> Int? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = Int(part), value <= 255 else {
                return nil
            }
            return value
        }
        return values.count == 4 && values[0] == 127
    }

    /// The settings with the key shown as `[REDACTED]`.
    public var description: String {
        "VeniceConfiguration(baseURL: \(baseURL), apiKey: \(SecretRedactor.placeholder), "
            + "connectTimeout: \(connectTimeout), requestTimeout: \(requestTimeout), userAgent: \(userAgent))"
    }

    /// The same as `description`: the key is redacted.
    public var debugDescription: String { description }

    /// A mirror that shows the key as `[REDACTED]`, so `dump` does not print it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL,
            "apiKey": SecretRedactor.placeholder,
            "connectTimeout": connectTimeout,
            "requestTimeout": requestTimeout,
            "userAgent": userAgent,
        ])
    }
}
