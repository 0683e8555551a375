import ArgumentParser
import Foundation
import VeniceClient

/// The model catalogue: cached on disk for a day, refreshed on demand.
struct CatalogueOptionGroup: ParsableArguments {
    @Flag(help: "Fetch the model list again instead of using the copy cached for a day.")
    var refreshModels = false

    /// The cache in the user's cache folder (`$XDG_CACHE_HOME/venice-edit` or `~/.cache/venice-edit`).
    var cache: ModelCatalogueCache? {
        ModelCatalogueCache.defaultDirectory(environment: ProcessInfo.processInfo.environment).map { ModelCatalogueCache(directory: $0) }
    }

    /// The catalogue of `type`, fetched with `client` when the cache has no fresh copy; warnings go
    /// to standard error.
    func load(type: String, client: VeniceClient) async -> ModelCatalogue {
        report(await ModelCatalogueLoader(client: client, cache: cache).load(type: type, refresh: refreshModels))
    }

    /// The catalogue of `type` without a client (no API key): the cache, else the static rules.
    func loadOffline(type: String, error: VeniceError) async -> ModelCatalogue {
        let environment = ProcessInfo.processInfo.environment
        let base = (try? VeniceConfiguration.validatedBaseURL(environment["VENICE_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? VeniceConfiguration.defaultBaseURL)) ?? VeniceConfiguration.defaultBaseURL
        let loader = ModelCatalogueLoader(cache: cache, baseURL: base) { _ throws(VeniceError) in throw error }
        return report(await loader.load(type: type, refresh: false))
    }

    private func report(_ catalogue: ModelCatalogue) -> ModelCatalogue {
        for warning in catalogue.warnings { StandardError.print("venice-edit: warning: \(warning)") }
        return catalogue
    }
}
