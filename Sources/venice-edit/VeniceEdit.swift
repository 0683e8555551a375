import ArgumentParser

/// The `venice-edit` command: prepare images for Venice's image-editing API and send them.
/// (`EntryPoint` starts it.)
struct VeniceEdit: AsyncParsableCommand {
    static let version = "0.1.0"
    static let commandName = "venice-edit"

    static let configuration = CommandConfiguration(
        commandName: commandName,
        abstract: "Get images ready for Venice's image-editing API, and send them.",
        version: version,
        subcommands: [PreflightCommand.self, PrepareCommand.self, MaskCommand.self, EditCommand.self,
                      MultiEditCommand.self, RemoveBackgroundCommand.self, UpscaleCommand.self, ModelsCommand.self, BatchCommand.self,
                      StudioCommand.self]
    )
}
