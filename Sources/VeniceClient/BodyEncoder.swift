import Foundation
import NIOCore
import NIOFoundationCompat

/// Encodes request bodies as JSON and picks JSON or multipart for a transport.
enum BodyEncoder {
    /// Encodes `value` as compact JSON (slashes unescaped, so base64 stays base64).
    static func json(_ value: some Encodable) throws(VeniceError) -> EncodedBody {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]   // sorted: the same request is the same bytes
        do {
            let data = try encoder.encode(value)
            return EncodedBody(buffer: ByteBuffer(data: data), contentType: "application/json", transport: .json)
        } catch {
            throw .invalidRequest(reason: "could not encode the JSON body: \(error)")
        }
    }

    /// Builds the body for `transport`.
    ///
    /// `.automatic` builds JSON first and switches to multipart when the JSON is over
    /// `jsonLimit` bytes and `canUseMultipart` is true.
    static func choose(
        transport: Transport,
        jsonLimit: Int,
        canUseMultipart: Bool,
        json: () throws(VeniceError) -> EncodedBody,
        multipart: () throws(VeniceError) -> EncodedBody
    ) throws(VeniceError) -> EncodedBody {
        switch transport {
        case .json:
            return try json()
        case .multipart:
            return try multipart()
        case .automatic:
            let body = try json()
            if body.buffer.readableBytes > jsonLimit, canUseMultipart {
                return try multipart()
            }
            return body
        }
    }
}
