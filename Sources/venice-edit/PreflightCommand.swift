import ArgumentParser
import ImagePrep

/// `venice-edit preflight`: header-only checks against an endpoint's limits.
struct PreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Say, from headers alone, whether Venice will accept each file and what prepare would do.",
        discussion: "Exits 0 when every file is ready or fixable, 1 when any is invalid."
    )

    @Argument(help: "JPEG or PNG files.")
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
