import Submission

/// Exactly what Send would send, as `--dry-run` prints it.
struct StudioDryRun: Sendable, Encodable {
    var lines: [String]
    var report: [String: DryRunValue]
    var warnings: [String]
}
