import Foundation

/// One request as the `ContractServer` saw it, for assertions.
public struct RecordedRequest: Sendable {
    /// One image the request carried, in order (base first for multi-edit).
    public struct Image: Sendable, Equatable {
        /// How the image arrived.
        public enum Source: String, Sendable, Equatable {
            /// A multipart file part.
            case upload
            /// A raw base64 string in JSON (or in a multipart text field).
            case base64
            /// A `data:` URL.
            case dataURL
            /// An http(s) URL (not fetched).
            case url
        }

        /// The field or part name (`image`, `images`, `image_url`).
        public var field: String
        /// How it was sent.
        public var source: Source
        /// The decoded size in bytes (0 for URLs).
        public var byteCount: Int
        /// The part's `Content-Type` (uploads) or the data URL's type.
        public var contentType: String?
        /// The part's file name (uploads).
        public var fileName: String?
        /// The URL (URL inputs).
        public var url: String?
        /// The parsed header, when the bytes were a recognisable image.
        public var header: ImageHeader?
    }

    /// `GET`, `POST`, …
    public var method: String
    /// The full path, e.g. `/api/v1/image/edit`.
    public var path: String
    /// The path below the API prefix, e.g. `/image/edit`.
    public var endpoint: String
    /// Query parameters.
    public var query: [String: String]
    /// All request headers, names lower-cased, repeated values joined with `, `.
    public var headers: [String: String]
    /// The `Content-Type` without parameters (`application/json`, `multipart/form-data`).
    public var contentType: String?
    /// The body size in bytes.
    public var bodyByteCount: Int
    /// The body as received.
    public var body: [UInt8] = []
    /// The field names present in the JSON body (sorted), or the distinct multipart part names (in order).
    public var fieldNames: [String]
    /// Scalar fields as text: strings as sent, booleans `true`/`false`, numbers spelt out.
    public var fields: [String: String]
    /// Multipart part names in order (repeated names repeated); empty for JSON.
    public var partNames: [String]
    /// The images, in order.
    public var images: [Image]
    /// The status the server answered with.
    public var status: Int
    /// The `code` of the error answer, if any.
    public var errorCode: String?
    /// The fault that answered the request, if one was scripted.
    public var fault: Fault?
    /// When the server started handling the request.
    public var receivedAt = Date()

    /// The `Authorization` header value, if any.
    public var authorization: String? { headers["authorization"] }
}
