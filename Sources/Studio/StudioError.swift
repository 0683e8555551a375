import ImagePrep
import Submission
import VeniceClient

/// Why a studio request was refused; each case carries what the page shows.
public enum StudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No image, sketch, result or job with this id in this run.
    case unknown(kind: String, id: Int)
    /// The request body was not what the route takes.
    case badRequest(String)
    /// The upload is larger than the limit for files.
    case tooLarge(what: String, bytes: Int, limit: Int)
    /// Preparing an image or building a mask failed.
    case preparation(ImagePrepError)
    /// The request was refused before sending (model limits, prompt, images).
    case submission(SubmissionError)
    /// Venice (or the way to it) failed.
    case venice(VeniceError)
    /// The server could not start listening.
    case couldNotStart(port: Int, reason: String)

    public var description: String {
        switch self {
        case let .unknown(kind, id): "no \(kind) \(id) in this studio session"
        case let .badRequest(detail): "bad request: \(detail)"
        case let .tooLarge(what, bytes, limit): "\(what) is \(bytes) bytes; the limit is \(limit)"
        case let .preparation(error): error.description
        case let .submission(error): error.description
        case let .venice(error): error.description
        case let .couldNotStart(port, reason): "could not listen on 127.0.0.1:\(port): \(reason)"
        }
    }

    /// The HTTP status the page gets for this error.
    var status: Int {
        switch self {
        case .unknown: 404
        case .badRequest: 400
        case .tooLarge: 413
        case .preparation, .submission: 422
        case .venice: 502
        case .couldNotStart: 500
        }
    }
}
