import NIOCore

/// A request body ready to send: bytes, content type and the transport that produced it.
struct EncodedBody: Sendable {
    var buffer: ByteBuffer
    var contentType: String
    var transport: Transport
}
