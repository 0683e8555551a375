import ArgumentParser

/// `venice-edit batch`: run one of the commands over many images.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Pre-flight, prepare, edit or cut out hundreds to tens of thousands of images.",
        discussion: """
        Every item ends as one JSON line in the report (input, output, status, actions, error, \
        attempts, duration, model, cost). One failure never stops the rest; the exit code is 0 only \
        if every item succeeded (1 otherwise, 130 after Ctrl-C). Ctrl-C stops taking new items and \
        lets those in flight finish; a second Ctrl-C abandons them. Outputs are written atomically.
        """,
        subcommands: [BatchPreflightCommand.self, BatchPrepareCommand.self, BatchEditCommand.self,
                      BatchMultiEditCommand.self, BatchRemoveBackgroundCommand.self, BatchUpscaleCommand.self]
    )
}
