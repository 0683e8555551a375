import Foundation

/// One input image: bytes to upload, or an http(s) URL for Venice to fetch.
public enum ImageInput: Sendable, Equatable {
    /// Image file bytes with their MIME type (`image/jpeg`, `image/png`, `image/webp`, …).
    case bytes([UInt8], contentType: String)
    /// An `http://` or `https://` URL, sent as is.
    case url(String)

    /// Image bytes held in `Data`.
    public static func bytes(_ data: Data, contentType: String) -> ImageInput {
        .bytes([UInt8](data), contentType: contentType)
    }

    /// Image bytes whose type is recognised from their signature (JPEG, PNG, WebP, GIF; else `application/octet-stream`).
    public static func bytes(_ bytes: [UInt8]) -> ImageInput {
        .bytes(bytes, contentType: sniffContentType(bytes))
    }

    /// The MIME type suggested by the first bytes of an image file.
    public static func sniffContentType(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return "image/webp"
        }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return "application/octet-stream"
    }

    /// A URL input, checked (http or https, with a host) and percent-encoded to RFC 3986: spaces,
    /// non-ASCII characters and other characters a URI cannot hold are encoded as UTF-8 `%XX`;
    /// existing `%XX` escapes are kept.
    public static func webURL(_ text: String) throws(VeniceError) -> ImageInput {
        let input = ImageInput.url(percentEncoded(text))
        try input.validate(name: "image URL")
        return input
    }

    /// `text` with every byte that RFC 3986 does not allow in a URI percent-encoded.
    public static func percentEncoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                out.append("%")
            } else if byte != UInt8(ascii: "%"), uriCharacters.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += String(format: "%%%02X", byte)
            }
            index += 1
        }
        return out
    }

    /// The characters RFC 3986 allows unencoded: unreserved, gen-delims and sub-delims.
    private static let uriCharacters: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8)
    )

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// Whether this input is a URL.
    public var isURL: Bool {
        if case .url = self { return true }
        return false
    }

    /// The number of bytes to upload (0 for a URL).
    public var byteCount: Int {
        if case .bytes(let bytes, _) = self { return bytes.count }
        return 0
    }

    /// Checks the input: non-empty bytes with an image content type, or a well-formed http(s) URL.
    ///
    /// - Parameter name: How the input is called in error messages (`image`, `images[1]`).
    func validate(name: String) throws(VeniceError) {
        switch self {
        case .bytes(let bytes, let contentType):
            guard !bytes.isEmpty else { throw .invalidRequest(reason: "\(name) is empty (0 bytes)") }
            let type = contentType.lowercased()
            guard type.hasPrefix("image/") || type == "application/octet-stream" else {
                throw .invalidRequest(reason: "\(name) has content type \(contentType), expected an image/* type")
            }
            guard !contentType.contains(where: { $0.isNewline || $0 == "\"" }) else {
                throw .invalidRequest(reason: "\(name) has a malformed content type")
            }
        case .url(let text):
            guard ImageInput.percentEncoded(text) == text else {
                throw .invalidRequest(reason: "\(name) URL has characters a URI cannot hold (spaces, non-ASCII, …): "
                                      + "percent-encode it (\(ImageInput.percentEncoded(String(text.prefix(80))))")
            }
            guard let components = URLComponents(string: text),
                  let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https"
            else {
                throw .invalidRequest(reason: "\(name) URL must start with http:// or https:// (got \(text.prefix(80)))")
            }
            guard let host = components.host, !host.isEmpty else {
                throw .invalidRequest(reason: "\(name) URL has no host (\(text.prefix(80)))")
            }
        }
    }

    /// The JSON string form: raw base64 for bytes, the URL as is.
    var jsonString: String {
        switch self {
        case .bytes(let bytes, _): return Data(bytes).base64EncodedString()
        case .url(let text): return text
        }
    }

    /// The length of `jsonString` without building it.
    var jsonLength: Int {
        switch self {
        case .bytes(let bytes, _): return (bytes.count + 2) / 3 * 4
        case .url(let text): return text.utf8.count
        }
    }

    /// A file name for a multipart upload, with an extension matching the content type.
    func fileName(base: String) -> String {
        guard case .bytes(_, let contentType) = self else { return base }
        switch contentType.lowercased() {
        case "image/jpeg", "image/jpg": return base + ".jpg"
        case "image/png": return base + ".png"
        case "image/webp": return base + ".webp"
        case "image/gif": return base + ".gif"
        default: return base
        }
    }
}
