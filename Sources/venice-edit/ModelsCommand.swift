import ArgumentParser
import BatchKit
import VeniceClient

/// `venice-edit models`: the image-editing models and the upscaler, their limits and prices.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List Venice's image-editing models and the upscaler with their limits and prices.",
        discussion: "The list is cached for a day in the user's cache folder; --refresh-models fetches it again."
    )

    @OptionGroup var catalogue: CatalogueOptionGroup
    @OptionGroup var client: ClientOptionGroup

    @Flag(help: "One JSON object per model instead of a table.")
    var json = false

    func run() async throws {
        let (edit, upscale) = try await client.withClient { c in
            (await catalogue.load(type: "inpaint", client: c), await catalogue.load(type: "upscale", client: c))
        }
        if edit.isFallback && upscale.isFallback {
            StandardError.print("venice-edit: the model list could not be read")
            throw ExitCode(1)
        }
        for model in edit.models + upscale.models {
            if json {
                print(try JSONLine.encode(ModelSummary(model)))
            } else {
                print(ModelSummary(model).line)
            }
        }
    }
}
