import ArgumentParser

/// Starts `venice-edit`, taking a short cut for plain `preflight` invocations.
///
/// `preflight` is meant to be called once per file by scripts, where start-up is most of its time.
/// Parsing through the root command walks every subcommand's options (reflection and dynamic
/// conformance checks: about 90% of the instructions of a whole `preflight` run), so a command
/// line that starts with `preflight` is first parsed as that subcommand alone. Anything that does
/// not parse that way (help, a mistake) goes through the root command as usual, so usage text and
/// error messages are the same either way.
@main
enum EntryPoint {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == PreflightCommand.configuration.commandName,
           !arguments.contains(where: Self.asksForHelp),
           let command = try? PreflightCommand.parse(Array(arguments.dropFirst())) {
            do {
                try await command.run()
                VeniceEdit.exit()
            } catch {
                VeniceEdit.exit(withError: error)
            }
        }
        await VeniceEdit.main()
    }

    /// Help, version and completion requests take the full path, whose output names the command
    /// as `venice-edit preflight`.
    private static func asksForHelp(_ argument: String) -> Bool {
        argument == "-h" || argument == "--help" || argument == "help" || argument == "--version"
            || argument.hasPrefix("--generate-completion") || argument.hasPrefix("--experimental")
    }
}
