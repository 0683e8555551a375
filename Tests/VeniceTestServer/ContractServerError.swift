/// Why a `ContractServer` could not be used.
public enum ContractServerError: Error, CustomStringConvertible {
    /// The server did not start listening (e.g. it could not bind 127.0.0.1).
    case failedToStart

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .failedToStart: return "the contract server could not start listening on 127.0.0.1"
        }
    }
}
