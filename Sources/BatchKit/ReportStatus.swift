/// How one item of a batch ended.
public enum ReportStatus: String, Sendable, Codable, Equatable {
    /// Processed; the output (if the command writes one) exists.
    case done
    /// Processing failed; the error says why. Retried by `--resume`.
    case failed
    /// Not an image this batch handles (counted, not a failure).
    case skipped
    /// Abandoned or not sent because the batch was interrupted; retried by `--resume`.
    case cancelled
}
