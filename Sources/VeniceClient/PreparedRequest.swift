/// A request of any image endpoint with the transport it goes out with: what the submission
/// pipeline hands to `VeniceClient.send(_:)`.
public struct PreparedRequest: Sendable, Equatable {
    /// The request itself.
    public enum Body: Sendable, Equatable {
        case edit(EditRequest)
        case multiEdit(MultiEditRequest)
        case backgroundRemove(BackgroundRemoveRequest)
        case upscale(UpscaleRequest)
    }

    /// The request.
    public var body: Body
    /// JSON, multipart, or automatic (multipart when the JSON would be too large).
    public var transport: Transport

    /// Creates a prepared request.
    public init(_ body: Body, transport: Transport) {
        self.body = body
        self.transport = transport
    }

    /// The endpoint the request goes to.
    public var endpoint: APIEndpoint {
        switch body {
        case .edit: .edit
        case .multiEdit: .multiEdit
        case .backgroundRemove: .backgroundRemove
        case .upscale: .upscale
        }
    }

    /// Checks the request against the documented limits without sending it.
    public func validate() throws(VeniceError) {
        switch body {
        case .edit(let request): try request.validate()
        case .multiEdit(let request): try request.validate()
        case .backgroundRemove(let request): try request.validate()
        case .upscale(let request): try request.validate()
        }
    }

    /// The transport the body would actually go out with (`.automatic` resolved), and its size in
    /// bytes, without sending anything.
    public func wireSize(jsonLimit: Int = Transport.jsonBodyLimit) throws(VeniceError) -> (transport: Transport, bytes: Int) {
        let body = try encodedBody(jsonLimit: jsonLimit)
        return (body.transport, body.buffer.readableBytes)
    }

    /// The encoded body, after validation.
    func encodedBody(jsonLimit: Int) throws(VeniceError) -> EncodedBody {
        switch body {
        case .edit(let request): try request.encodedBody(transport: transport, jsonLimit: jsonLimit)
        case .multiEdit(let request): try request.encodedBody(transport: transport, jsonLimit: jsonLimit)
        case .backgroundRemove(let request): try request.encodedBody(transport: transport, jsonLimit: jsonLimit)
        case .upscale(let request): try request.encodedBody(transport: transport, jsonLimit: jsonLimit)
        }
    }
}
