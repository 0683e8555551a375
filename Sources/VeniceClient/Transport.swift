/// How a request body is encoded.
public enum Transport: String, Sendable, Equatable, CaseIterable {
    /// `application/json` with images as base64 strings (the default).
    case json
    /// `multipart/form-data` with images as file parts (no base64 inflation).
    case multipart
    /// JSON, unless the JSON body would exceed `Transport.jsonBodyLimit` (or the client's
    /// `automaticJSONLimit`); then multipart when the request can be sent that way (multi-edit with
    /// URL inputs cannot).
    case automatic

    /// The largest JSON body `.automatic` still sends as JSON. Venice accepts JSON bodies of
    /// "about 35 MB"; staying at 32,000,000 bytes leaves room for that figure being approximate
    /// or counted in MiB, and matches pre-flight's rule that an image over 24,000,000 bytes (32 MB
    /// once base64-encoded) goes out as multipart.
    public static let jsonBodyLimit = 32_000_000
}
