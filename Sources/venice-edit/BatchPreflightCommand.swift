import ArgumentParser
import BatchKit
import Foundation

/// `venice-edit batch preflight`: header checks for many files; the report is the result.
struct BatchPreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check many images from their headers alone (ready and fixable are done, invalid fails)."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var prepare: PrepareOptionGroup

    func run() async throws {
        let plan = try BatchRunner.plan(batch, command: "preflight")
        let processor = PreflightProcessor(options: prepare.value)
        try await BatchRunner.execute(plan, processor: processor,
                                      concurrency: batch.concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
