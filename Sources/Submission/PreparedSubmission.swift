import VeniceClient

/// A request ready to send, and the account of what was done to get there.
public struct PreparedSubmission: Sendable, Equatable {
    /// The request and its transport.
    public var request: PreparedRequest
    /// The model whose capabilities were applied (`nil` when the endpoint takes none or the
    /// catalogue does not know the default).
    public var model: String?
    /// The images, in the order sent.
    public var images: [SubmittedImage]
    /// How large the images were sent, and why.
    public var sizing: OutputSizing
    /// The catalogue price of this request in US dollars, when listed.
    public var costUSD: Double?
    /// How the price was worked out (`2K tier $0.52 + 2 extra images × $0.0092`), when known.
    public var costBasis: String?
    /// Things the user should know (catalogue fallback, preparation warnings).
    public var warnings: [String]

    /// Creates a prepared submission.
    public init(request: PreparedRequest, model: String?, images: [SubmittedImage], sizing: OutputSizing,
                costUSD: Double?, costBasis: String?, warnings: [String]) {
        self.request = request
        self.model = model
        self.images = images
        self.sizing = sizing
        self.costUSD = costUSD
        self.costBasis = costBasis
        self.warnings = warnings
    }

    /// Image bytes sent, all images together (URLs count 0).
    public var bytesSent: Int { images.map(\.bytesSent).reduce(0, +) }
    /// Bytes of the input files read.
    public var inputBytes: Int { images.map(\.inputBytes).reduce(0, +) }
    /// Bytes not sent compared with the files as read.
    public var bytesSaved: Int { images.map(\.bytesSaved).reduce(0, +) }
}
