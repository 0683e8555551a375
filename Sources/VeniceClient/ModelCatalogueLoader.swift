import Foundation

/// Gets a model catalogue the cheapest way that is still right: the on-disk cache while it is
/// younger than its time to live, else `GET /models` (stored for next time), else the contract's
/// static rules with a warning. It never fails: a broken cache or an unreachable server costs a
/// warning, not the user's work.
public struct ModelCatalogueLoader: Sendable {
    /// Fetches the raw `GET /models?type=` answer.
    public typealias Fetch = @Sendable (_ type: String) async throws(VeniceError) -> [UInt8]

    /// The cache; `nil` to fetch every time.
    public var cache: ModelCatalogueCache?
    /// The base URL the cache entries belong to.
    public var baseURL: String
    /// The clock deciding freshness (inject a fixed one in tests).
    public var now: @Sendable () -> Date
    /// The fetch.
    public var fetch: Fetch

    /// Creates a loader.
    public init(cache: ModelCatalogueCache?, baseURL: String, now: @escaping @Sendable () -> Date = { Date() },
                fetch: @escaping Fetch) {
        self.cache = cache
        self.baseURL = baseURL
        self.now = now
        self.fetch = fetch
    }

    /// A loader whose fetch is `client`'s `GET /models`.
    public init(client: VeniceClient, cache: ModelCatalogueCache?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(cache: cache, baseURL: client.configuration.baseURL, now: now) { type throws(VeniceError) in
            try await client.modelListBody(type: type)
        }
    }

    /// The catalogue of `type`.
    ///
    /// - Parameter refresh: Fetch even when the cache is fresh.
    public func load(type: String, refresh: Bool = false) async -> ModelCatalogue {
        var warnings: [String] = []
        var stale: ModelCatalogue?
        if let cache {
            switch cache.read(baseURL: baseURL, type: type, now: now()) {
            case .entry(let catalogue, let fresh):
                if fresh, !refresh { return catalogue }
                stale = catalogue
            case .corrupt(let reason):
                warnings.append("ignored the model cache (\(reason))")
            case .missing:
                break
            }
        }
        let fetchedAt = now()
        do throws(VeniceError) {
            let body = try await fetch(type)
            guard var catalogue = ModelCatalogue(body: body, type: type, source: .server, fetchedAt: fetchedAt) else {
                throw .invalidResponse(reason: "the model list is not the documented JSON ({\"data\": [...]})")
            }
            if let cache {
                do {
                    try cache.write(body: body, baseURL: baseURL, type: type, fetchedAt: fetchedAt)
                } catch {
                    warnings.append(error.description)
                }
            }
            catalogue.warnings = warnings
            return catalogue
        } catch {
            if var stale {
                stale.warnings = warnings + ["could not refresh the model list (\(error.description)); using the cached one"]
                return stale
            }
            var fallback = ModelCatalogue.fallback(
                type: type,
                warning: "could not read the model list (\(error.description)); checking against the API's static rules instead"
            )
            fallback.warnings = warnings + fallback.warnings
            return fallback
        }
    }
}
