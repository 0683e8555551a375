import ArgumentParser
import BatchKit

/// The options every `batch` subcommand shares: inputs, output folder, pacing, report, resume, shard.
struct BatchOptionGroup: ParsableArguments {
    @Argument(help: "Files, folders (walked recursively; JPEG, PNG, WebP and HEIC/AVIF by content, other files skipped and counted), or - to read paths from standard input, one per line.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output folder; output names mirror the input tree under it.")
    var output: String

    @Option(help: "Items processed at once (default: every core for local work, 8 for API work).")
    var concurrency: Int?

    @Option(help: "Client-side request rate for API work, e.g. 20 or 20/min (Venice's default for image endpoints), or 1/s.")
    var rate: String = "20/min"

    @Option(help: "The report, one JSON line per item (default: OUT_DIR/batch-report.jsonl).")
    var report: String?

    @Flag(help: "Skip items the report says are done whose output still exists; failed items run again.")
    var resume = false

    @Option(help: "Process only shard I of N (1-based), a stable split for running a large job on several machines.")
    var shard: String?

    @Flag(help: "Do not ask before sending paid requests (required when standard input is not a terminal).")
    var yes = false

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        do {
            _ = try RequestRate(parsing: rate)
            if let shard { _ = try Shard(parsing: shard) }
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The report's path.
    func reportPath(in folder: OutputFolder) -> String {
        report ?? folder.path + "/batch-report.jsonl"
    }
}
