import ArgumentParser
import ImagePrep

/// `venice-edit preflight`: header-only checks against an endpoint's limits.
struct PreflightCommand: AsyncParsableCommand {
    // `_superCommandName` matters only when this command is parsed on its own (EntryPoint's short
    // path): usage and errors then still say `venice-edit preflight`, and the parser skips its
    // check for a completion-script request (~40% of a run's instructions), which the short path
    // leaves to the full one anyway.
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        _superCommandName: VeniceEdit.commandName,
        abstract: "Say, from headers alone, whether Venice will accept each file and what prepare would do.",
        discussion: "Exits 0 when every file is ready or fixable, 1 when any is invalid."
    )

    @Argument(help: "JPEG, PNG, WebP or HEIC/AVIF files.")
    var files: [String]

    @OptionGroup var prepare: PrepareOptionGroup

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    func run() async throws {
        var anyInvalid = false
        for file in files {
            let report = Preflight.check(file: file, options: prepare.value)
            if report.status == .invalid { anyInvalid = true }
            print(json ? try JSONLine.encode(report) : report.summary)
        }
        if anyInvalid { throw ExitCode(1) }
    }
}
