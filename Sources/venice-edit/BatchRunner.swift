import ArgumentParser
import BatchKit
import Foundation
import ImagePrep
import Submission
import VeniceClient

/// The steps every `batch` subcommand shares: plan (discover, shard, resume), confirm paid work,
/// run under the scheduler with Ctrl-C handling, summarise, and exit with the right code.
enum BatchRunner {
    /// What a run will do.
    struct Plan {
        var command: String
        var output: OutputFolder
        var reportPath: String
        /// The items to process in this run.
        var items: [BatchItem]
        /// Skipped files not yet reported as such.
        var skippedToReport: [SkippedInput]
        /// The counts to start from.
        var tally: BatchTally
        /// Whether paths were read from standard input.
        var readsStandardInput: Bool
    }

    /// Finds the inputs, keeps this shard's, and drops those a resumed report says are done.
    static func plan(_ options: BatchOptionGroup, command: String) throws -> Plan {
        try StandardError.exitOnFailure { () throws(BatchError) in try makePlan(options, command: command) }
    }

    private static func makePlan(_ options: BatchOptionGroup, command: String) throws(BatchError) -> Plan {
        let output = try OutputFolder(options.output)
        let reportPath = options.reportPath(in: output)
        let found = try InputDiscovery(excluding: [output.path]).discover(options.inputs) {
            var lines: [String] = []
            while let line = readLine() { lines.append(line) }
            return lines
        }
        var shard = Shard.all
        if let text = options.shard { shard = try Shard(parsing: text) }
        var items = shard.select(found.items)
        let skipped = found.skipped.filter { shard.count == 1 || Shard.bucket(of: $0.input, count: shard.count) == shard.index - 1 }
        var skippedToReport = skipped
        var resumed = 0
        if options.resume {
            let index = try ResumeIndex.load(from: reportPath)
            let split = index.partition(items)
            items = split.remaining
            resumed = split.finished.count
            skippedToReport = skipped.filter { index.lines[$0.input]?.status != .skipped }
        }
        return Plan(command: command, output: output, reportPath: reportPath, items: items, skippedToReport: skippedToReport,
                    tally: BatchTally(total: items.count, skipped: skipped.count, resumed: resumed),
                    readsStandardInput: options.inputs.contains("-"))
    }

    /// Runs `plan` with `processor`, then prints the summary and exits 0 only if every item succeeded
    /// (1 when any failed, 130 when interrupted).
    ///
    /// - Parameter secret: Text never to write into the report (the API key).
    static func execute(_ plan: Plan, processor: some ItemProcessor, concurrency: Int, secret: String? = nil) async throws {
        let report: ReportWriter
        do throws(BatchError) {
            report = try ReportWriter(path: plan.reportPath, redacting: secret)
            for skipped in plan.skippedToReport {
                try await report.append(ReportLine(input: skipped.input, status: .skipped, error: "\(skipped.input): \(skipped.reason)"))
            }
        } catch {
            StandardError.print("venice-edit: \(error.description)")
            throw ExitCode(1)
        }
        let progress = ProgressReporter(isTerminal: isatty(STDERR_FILENO) == 1) { StandardError.write($0) }
        let stop = StopSignal()
        let scheduler = BatchScheduler(concurrency: concurrency)
        let items = plan.items
        let start = plan.tally
        let task = Task {
            try await scheduler.run(items, tally: start, processor: processor, report: report, progress: progress, stop: stop)
        }
        let handler = InterruptHandler(stop: stop, notice: { StandardError.print("venice-edit: \($0)") }, abandon: { task.cancel() })
        let result = await task.result
        handler.cancel()
        let tally: BatchTally
        switch result {
        case .success(let value):
            tally = value
        case .failure(let error):
            StandardError.print("venice-edit: \(error)")
            throw ExitCode(1)
        }
        print("batch \(plan.command): \(tally.summary); report: \(plan.reportPath)")
        if let reason = stop.abortReason {
            StandardError.print("venice-edit: stopped taking new items: \(reason)")
            StandardError.print("venice-edit: fix that and run again with --resume to finish the rest")
            throw ExitCode(1)
        }
        if tally.interrupted {
            StandardError.print("venice-edit: interrupted; run again with --resume to finish the rest")
            throw ExitCode(130)
        }
        if !tally.allSucceeded { throw ExitCode(1) }
    }

    /// Runs a paid batch: refuses to go on non-interactively without `--yes`, builds a client whose
    /// retries go through a shared rate limiter, loads the model catalogue (cached for a day) and
    /// checks the options against the model before anything is prepared, shows the number of
    /// requests and the estimated cost (tier, quality and input-image prices from the catalogue),
    /// asks `Proceed? [y/N]` on a terminal, then sends every item through the `Submission` step.
    static func submit(_ plan: Plan, batch: BatchOptionGroup, client: ClientOptionGroup, catalogue: CatalogueOptionGroup,
                       options: SubmissionOptions, layers: [String] = [], mask: MaskSource? = nil,
                       defaultConcurrency: Int = 8) async throws {
        let count = plan.items.count
        let endpoint = options.endpoint.path
        let interactive = isatty(STDIN_FILENO) == 1 && !plan.readsStandardInput
        if count > 0, !batch.yes, !interactive {
            StandardError.print("venice-edit: batch \(plan.command) would send \(count) paid request\(count == 1 ? "" : "s") to \(endpoint); "
                + "pass --yes to confirm (standard input is not a terminal, so there is no one to ask). Nothing was sent.")
            throw ExitCode(1)
        }
        let configuration = try StandardError.exitOnFailure { () throws(VeniceError) in try client.configuration() }
        let rate = try StandardError.exitOnFailure { () throws(BatchError) in try RequestRate(parsing: batch.rate) }
        let limiter = RateLimiter(rate: rate)
        let imagesPerRequest = 1 + layers.count + (mask == nil ? 0 : 1)
        try await VeniceClient.withClient(configuration: configuration, retryPolicy: client.retryPolicy,
                                          clock: RateLimitedClock(limiter: limiter), logger: client.logger) { c in
            let models = await options.modelType.asyncMap { await catalogue.load(type: $0, client: c) }
            let submission = Submission(catalogue: models)
            let model = try StandardError.exitOnFailure { () throws(SubmissionError) in
                try submission.check(options, imageCount: imagesPerRequest)
            }
            let price = submission.price(options, imageCount: imagesPerRequest, model: model)
            let estimate = CostEstimate(requests: count, model: model?.id ?? options.model, pricePerRequest: price?.usd)
            if count > 0 {
                var line = "batch \(plan.command): \(estimate.description), to \(endpoint) at up to \(rate)"
                if let basis = price?.basis { line += " (\(basis))" }
                StandardError.print(line)
            }
            if count > 0, !batch.yes {
                StandardError.write("Proceed? [y/N] ")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else {
                    StandardError.print("venice-edit: not confirmed; nothing was sent")
                    throw ExitCode(1)
                }
            }
            let processor = APIItemProcessor(submission: submission, options: options, layers: layers, mask: mask,
                                             client: c, limiter: limiter, output: plan.output)
            try await execute(plan, processor: processor, concurrency: batch.concurrency ?? defaultConcurrency,
                              secret: c.configuration.apiKey)
        }
    }
}
