/// One line of the batch report (JSON lines): what happened to one input.
///
/// Every key is always present (`null` when unknown), so the report is easy to load into tools.
public struct ReportLine: Sendable, Equatable, Codable {
    /// The input path.
    public var input: String
    /// The output written, if any.
    public var output: String?
    /// How the item ended.
    public var status: ReportStatus
    /// What preparation did (`orient`, `downscale`, …); empty when the input went as it was.
    public var actions: [String]
    /// Why the item failed or was skipped.
    public var error: String?
    /// HTTP attempts made (0 for local work or when nothing was sent).
    public var attempts: Int
    /// Seconds spent on the item, to the millisecond.
    public var duration: Double
    /// The model that did the work, as the service named it.
    public var model: String?
    /// The estimated cost in US dollars, when the model's price is known.
    public var cost: Double?

    /// Creates a line.
    public init(input: String, output: String? = nil, status: ReportStatus, actions: [String] = [], error: String? = nil,
                attempts: Int = 0, duration: Double = 0, model: String? = nil, cost: Double? = nil) {
        self.input = input
        self.output = output
        self.status = status
        self.actions = actions
        self.error = error
        self.attempts = attempts
        self.duration = (duration * 1000).rounded() / 1000
        self.model = model
        self.cost = cost
    }

    private enum CodingKeys: String, CodingKey {
        case input, output, status, actions, error, attempts, duration, model, cost
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(String.self, forKey: .input)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        status = try c.decode(ReportStatus.self, forKey: .status)
        actions = try c.decodeIfPresent([String].self, forKey: .actions) ?? []
        error = try c.decodeIfPresent(String.self, forKey: .error)
        attempts = try c.decodeIfPresent(Int.self, forKey: .attempts) ?? 0
        duration = try c.decodeIfPresent(Double.self, forKey: .duration) ?? 0
        model = try c.decodeIfPresent(String.self, forKey: .model)
        cost = try c.decodeIfPresent(Double.self, forKey: .cost)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(output, forKey: .output)
        try c.encode(status, forKey: .status)
        try c.encode(actions, forKey: .actions)
        try c.encode(error, forKey: .error)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(duration, forKey: .duration)
        try c.encode(model, forKey: .model)
        try c.encode(cost, forKey: .cost)
    }
}
