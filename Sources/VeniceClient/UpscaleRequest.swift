import Foundation

/// A request to `POST /image/upscale`: one image (bytes only: the endpoint takes no URL), a scale
/// of 2 or 4 and a creativity between 0 and 0.02.
public struct UpscaleRequest: Sendable, Equatable, Encodable {
    /// The accepted scales.
    public static let scales = [2, 4]
    /// The creativity range.
    public static let creativityRange = 0.0...0.02

    /// The image bytes.
    public var image: ImageInput
    /// `scale`: 2 or 4 (the server's default is 2).
    public var scale: Int?
    /// `creativity`: 0 to 0.02 (the server's default is 0.01).
    public var creativity: Double?

    /// Creates an upscale request.
    public init(image: ImageInput, scale: Int? = nil, creativity: Double? = nil) {
        self.image = image
        self.scale = scale
        self.creativity = creativity
    }

    /// Checks the request against the documented limits without sending it.
    public func validate() throws(VeniceError) {
        guard !image.isURL else {
            throw .invalidRequest(reason: "upscale takes image bytes, not a URL: download the image first")
        }
        try image.validate(name: "image")
        if let scale, !Self.scales.contains(scale) {
            throw .invalidRequest(reason: "scale must be 2 or 4 (got \(scale))")
        }
        if let creativity, !Self.creativityRange.contains(creativity) {
            throw .invalidRequest(reason: "creativity must be between 0 and 0.02 (got \(creativity))")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case image, scale, creativity
    }

    /// Encodes the JSON body; unset options are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(image.jsonString, forKey: .image)
        try container.encodeIfPresent(scale, forKey: .scale)
        try container.encodeIfPresent(creativity, forKey: .creativity)
    }

    /// The multipart form: the file part `image` and the text fields.
    func multipartBody() throws(VeniceError) -> EncodedBody {
        var form = MultipartFormBuilder()
        if case .bytes(let bytes, let contentType) = image {
            form.addFile("image", fileName: image.fileName(base: "image"), contentType: contentType, bytes: bytes)
        }
        form.addField("scale", scale.map(String.init))
        form.addField("creativity", creativity.map { String($0) })
        return try form.build()
    }

    /// The body for `transport`, after validation.
    func encodedBody(transport: Transport, jsonLimit: Int = Transport.jsonBodyLimit) throws(VeniceError) -> EncodedBody {
        try validate()
        return try BodyEncoder.choose(transport: transport, jsonLimit: jsonLimit, canUseMultipart: true,
                                      json: { () throws(VeniceError) in try BodyEncoder.json(self) },
                                      multipart: { () throws(VeniceError) in try multipartBody() })
    }
}
