import ArgumentParser

/// Where a single request's result goes and how the command reports: shared by the submit commands.
struct ResultOptionGroup: ParsableArguments {
    @Option(name: .shortAndLong, help: "Where to save the result (the extension follows the returned type).")
    var output: String

    @Flag(help: "Show the request that would be sent, what was done to each image and the price; send nothing.")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false
}
