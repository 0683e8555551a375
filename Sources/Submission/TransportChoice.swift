import VeniceClient

/// How a submission's body is encoded.
public enum TransportChoice: String, Sendable, Equatable, CaseIterable {
    /// Multipart whenever a local file is sent (no base64 inflation); JSON when every image is a URL.
    case bySize
    /// JSON, as asked, unless the JSON body would be over the ~35 MB JSON limit (then multipart).
    case json
    /// Multipart, as asked.
    case multipart

    /// The client transport for a request that carries local files (`sendsFiles`) or only URLs.
    public func transport(sendsFiles: Bool) -> Transport {
        switch self {
        case .bySize: sendsFiles ? .multipart : .json
        case .json: .automatic
        case .multipart: .multipart
        }
    }
}
