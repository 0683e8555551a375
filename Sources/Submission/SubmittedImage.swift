import ImagePrep

/// What was done to one image of a request: the account a dry run and a report show.
public struct SubmittedImage: Sendable, Equatable {
    /// The image's role in the request.
    public enum Role: String, Sendable, Equatable {
        case base, layer, mask
    }

    /// The argument as given (a path, a URL, or `mask`).
    public var source: String
    /// Its role.
    public var role: Role
    /// The URL sent, percent-encoded (URL inputs only).
    public var url: String?
    /// The preparation (files and masks only).
    public var prepared: PreparedImage?
    /// The size of the input file read, in bytes (0 for URLs and masks).
    public var inputBytes: Int

    /// Creates an account.
    public init(source: String, role: Role, url: String? = nil, prepared: PreparedImage? = nil, inputBytes: Int = 0) {
        self.source = source
        self.role = role
        self.url = url
        self.prepared = prepared
        self.inputBytes = inputBytes
    }

    /// The bytes sent for this image (0 for a URL).
    public var bytesSent: Int { prepared?.bytes.count ?? 0 }

    /// The bytes not sent compared with the file as read (0 when it grew or for URLs and masks).
    public var bytesSaved: Int { max(0, inputBytes - bytesSent) }

    /// One line saying what was sent.
    public var summary: String {
        guard let prepared else { return "\(source): sent as the URL \(url ?? source)" }
        var line: String
        if prepared.isPassthrough {
            line = "\(source): sent as it is (\(prepared.size), \(prepared.bytes.count) bytes)"
        } else {
            line = "\(source): \(prepared.actions.map(\.rawValue).joined(separator: ", ")) → "
                + "\(prepared.format.rawValue.uppercased()) \(prepared.size), \(prepared.bytes.count) bytes"
            if bytesSaved > 0 { line += " (\(bytesSaved) fewer than the \(inputBytes)-byte file)" }
        }
        for note in prepared.notes { line += "; \(note)" }
        return line
    }
}
