import ImagePrep
import VeniceClient

/// Why a submission was refused before anything was sent.
public enum SubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model is not in the catalogue.
    case unknownModel(id: String, endpoint: APIEndpoint, known: [String])
    /// The model exists but does not serve the endpoint (e.g. an edit-only model on multi-edit).
    case modelLacksEndpoint(id: String, endpoint: APIEndpoint, offered: [APIEndpoint])
    /// More images than the model takes.
    case tooManyImages(model: String, count: Int, limit: Int)
    /// A prompt longer than the model's limit (counted in UTF-16 code units, as the service counts).
    case promptTooLong(model: String, length: Int, limit: Int)
    /// The endpoint needs a prompt.
    case missingPrompt(endpoint: APIEndpoint)
    /// A field value the model does not list.
    case unsupportedValue(model: String, field: String, value: String, allowed: [String])
    /// Layers or a mask with a base that is a URL (they are lined up with the base's pixels).
    case layersNeedLocalBase(base: String)
    /// The endpoint takes no URL.
    case urlNotAccepted(endpoint: APIEndpoint, url: String)
    /// An image could not be prepared.
    case preparation(ImagePrepError)
    /// The request failed a local check of the API contract.
    case request(VeniceError)

    public var description: String {
        switch self {
        case let .unknownModel(id, endpoint, known):
            let list = known.prefix(30).joined(separator: ", ")
            return "model \(id) is not listed for \(endpoint.path) (known: \(list.isEmpty ? "none" : list))"
        case let .modelLacksEndpoint(id, endpoint, offered):
            let list = offered.map(\.path).sorted().joined(separator: ", ")
            return "model \(id) does not serve \(endpoint.path) (it serves \(list.isEmpty ? "no image endpoint" : list))"
        case let .tooManyImages(model, count, limit):
            return "model \(model) takes at most \(limit) image\(limit == 1 ? "" : "s") (base included); got \(count)"
        case let .promptTooLong(model, length, limit):
            return "the prompt is \(length) characters, over model \(model)'s limit of \(limit)"
        case let .missingPrompt(endpoint):
            return "\(endpoint.path) needs a prompt"
        case let .unsupportedValue(model, field, value, allowed):
            let list = allowed.isEmpty ? "it offers no choice of \(field)" : "it offers \(allowed.joined(separator: ", "))"
            return "model \(model) does not offer \(field) \"\(value)\" (\(list))"
        case let .layersNeedLocalBase(base):
            return "\(base): layers and masks are lined up with the base's pixels, so the base must be a local file, not a URL"
        case let .urlNotAccepted(endpoint, url):
            return "\(url): \(endpoint.path) takes image bytes, not a URL: download the image first"
        case let .preparation(error):
            return error.description
        case let .request(error):
            return error.description
        }
    }
}
