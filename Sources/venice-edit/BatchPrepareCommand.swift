import ArgumentParser
import BatchKit
import Foundation

/// `venice-edit batch prepare`: prepare many images into an output folder, using every core.
struct BatchPrepareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Prepare many images into OUT_DIR (files already acceptable are copied byte for byte)."
    )

    @OptionGroup var batch: BatchOptionGroup
    @OptionGroup var prepare: PrepareOptionGroup

    func run() async throws {
        let plan = try BatchRunner.plan(batch, command: "prepare")
        let processor = PrepareProcessor(options: prepare.value, output: plan.output)
        try await BatchRunner.execute(plan, processor: processor,
                                      concurrency: batch.concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
