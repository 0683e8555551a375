import Foundation

/// A request to `POST /image/background-remove`: exactly one image, as bytes or as a URL.
///
/// Bytes are sent as `image` (base64 in JSON, a file part in multipart); a URL is sent as `image_url`.
/// The answer is a PNG with a transparent background.
public struct BackgroundRemoveRequest: Sendable, Equatable, Encodable {
    /// The image bytes (`image`); exactly one of `image` and `imageURL` must be set.
    public var image: ImageInput?
    /// The image URL (`image_url`), http or https.
    public var imageURL: String?

    /// Creates a request from one input: bytes go in `image`, a URL in `image_url`.
    public init(_ input: ImageInput) {
        switch input {
        case .bytes: self.init(image: input, imageURL: nil)
        case .url(let url): self.init(image: nil, imageURL: url)
        }
    }

    /// Creates a request with the fields set explicitly (validation demands exactly one).
    public init(image: ImageInput?, imageURL: String?) {
        self.image = image
        self.imageURL = imageURL
    }

    /// Checks that exactly one of `image` / `image_url` is set and well-formed.
    public func validate() throws(VeniceError) {
        switch (image, imageURL) {
        case (nil, nil):
            throw .invalidRequest(reason: "background removal needs an image or an image URL")
        case (.some, .some):
            throw .invalidRequest(reason: "background removal takes exactly one of an image or an image URL, not both")
        case (.some(let input), nil):
            guard !input.isURL else {
                throw .invalidRequest(reason: "background removal takes a URL as image_url, not as image")
            }
            try input.validate(name: "image")
        case (nil, .some(let url)):
            try ImageInput.url(url).validate(name: "image_url")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case image
        case imageURL = "image_url"
    }

    /// Encodes the JSON body with whichever of `image` / `image_url` is set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(image?.jsonString, forKey: .image)
        try container.encodeIfPresent(imageURL, forKey: .imageURL)
    }

    /// The multipart form: the file part `image`, or the text field `image_url`.
    func multipartBody() throws(VeniceError) -> EncodedBody {
        var form = MultipartFormBuilder()
        switch image {
        case .bytes(let bytes, let contentType)?:
            form.addFile("image", fileName: ImageInput.bytes(bytes, contentType: contentType).fileName(base: "image"),
                         contentType: contentType, bytes: bytes)
        case .url(let url)?:
            form.addField("image_url", url)
        case nil:
            break
        }
        form.addField("image_url", imageURL)
        return try form.build()
    }

    /// The body for `transport`, after validation; `.automatic` switches to multipart above `jsonLimit` bytes.
    func encodedBody(transport: Transport, jsonLimit: Int = Transport.jsonBodyLimit) throws(VeniceError) -> EncodedBody {
        try validate()
        return try BodyEncoder.choose(transport: transport, jsonLimit: jsonLimit, canUseMultipart: true,
                                      json: { () throws(VeniceError) in try BodyEncoder.json(self) },
                                      multipart: { () throws(VeniceError) in try multipartBody() })
    }
}
