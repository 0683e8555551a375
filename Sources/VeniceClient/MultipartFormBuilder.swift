import MultipartKit
import NIOCore
import NIOHTTP1

/// Collects form fields and file parts and serialises them with MultipartKit.
struct MultipartFormBuilder {
    private(set) var parts: [MultipartPart] = []
    /// The boundary; random, and long enough not to occur in the data by chance.
    let boundary: String

    init(boundary: String = MultipartFormBuilder.randomBoundary()) {
        self.boundary = boundary
    }

    /// A random boundary of the form `venice-edit-<32 hex digits>`.
    static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<32).map { _ in String(generator.next(upperBound: 16 as UInt8), radix: 16) }
        return "venice-edit-" + digits.joined()
    }

    /// Adds a text field.
    mutating func addField(_ name: String, _ value: String) {
        var part = MultipartPart(body: value)
        part.headers.replaceOrAdd(name: "Content-Disposition", value: "form-data; name=\"\(name)\"")
        parts.append(part)
    }

    /// Adds a text field when `value` is set.
    mutating func addField(_ name: String, _ value: String?) {
        if let value { addField(name, value) }
    }

    /// Adds a boolean field (`true`/`false`) when `value` is set.
    mutating func addField(_ name: String, _ value: Bool?) {
        if let value { addField(name, value ? "true" : "false") }
    }

    /// Adds a file part.
    mutating func addFile(_ name: String, fileName: String, contentType: String, bytes: [UInt8]) {
        var part = MultipartPart(body: bytes)
        part.headers.replaceOrAdd(
            name: "Content-Disposition", value: "form-data; name=\"\(name)\"; filename=\"\(fileName)\""
        )
        part.headers.replaceOrAdd(name: "Content-Type", value: contentType)
        parts.append(part)
    }

    /// The serialised body and its `Content-Type` header value.
    func build() throws(VeniceError) -> EncodedBody {
        var buffer = ByteBuffer()
        do {
            try MultipartSerializer().serialize(parts: parts, boundary: boundary, into: &buffer)
        } catch {
            throw .invalidRequest(reason: "could not encode the multipart body: \(error)")
        }
        return EncodedBody(
            buffer: buffer, contentType: "multipart/form-data; boundary=\(boundary)", transport: .multipart
        )
    }
}
