import Foundation

/// The models of one type (`inpaint` or `upscale`) with their capabilities and prices, and where
/// the list came from.
public struct ModelCatalogue: Sendable, Equatable {
    /// Where a catalogue came from.
    public enum Source: String, Sendable, Equatable {
        /// Fetched from `GET /models` just now.
        case server
        /// Read from the on-disk cache, younger than its time to live.
        case cache
        /// The contract's static rules: `/models` could not be reached or read.
        case fallback
    }

    /// The model type listed (`inpaint`, `upscale`).
    public var type: String
    /// The models, in the server's order.
    public var models: [ModelInfo]
    /// Where the list came from.
    public var source: Source
    /// When the list was fetched from the server (`nil` for the fallback).
    public var fetchedAt: Date?
    /// Things the user should know (a corrupt cache ignored, a fallback used).
    public var warnings: [String]

    /// Creates a catalogue.
    public init(type: String, models: [ModelInfo], source: Source, fetchedAt: Date? = nil, warnings: [String] = []) {
        self.type = type
        self.models = models
        self.source = source
        self.fetchedAt = fetchedAt
        self.warnings = warnings
    }

    /// Reads a `GET /models` body; `nil` when it is not the documented JSON.
    public init?(body: [UInt8], type: String, source: Source, fetchedAt: Date?) {
        guard let json = JSONValue.parse(body), let models = ModelInfo.list(from: json) else { return nil }
        self.init(type: type, models: models, source: source, fetchedAt: fetchedAt)
    }

    /// Whether the list is the contract's static rules rather than the server's.
    public var isFallback: Bool { source == .fallback }

    /// The model with `id`, if listed.
    public func model(_ id: String) -> ModelInfo? {
        models.first { $0.id == id }
    }

    /// The model a request without a model id gets: the one with the `default` trait, else the
    /// contract's default for `endpoint`.
    public func defaultModel(for endpoint: APIEndpoint) -> ModelInfo? {
        models.first { $0.traits.contains("default") && $0.endpoints.contains(endpoint) }
            ?? endpoint.defaultModelID.flatMap(model)
    }

    /// The contract's static rules for `type`, used when `/models` cannot be read: the edit models
    /// of the contract's `modelId` enums (no listed limits, so the request schema's apply: 3 images,
    /// 32,768 prompt characters, the documented aspect ratios) or the upscaler.
    public static func fallback(type: String, warning: String) -> ModelCatalogue {
        let models: [ModelInfo]
        switch type {
        case "upscale":
            var upscaler = ModelInfo(id: "upscaler")
            upscaler.type = "upscale"
            models = [upscaler]
        default:
            models = APIEndpoint.editModelIDs.map { id in
                var model = ModelInfo(id: id)
                model.type = "inpaint"
                if id == APIEndpoint.edit.defaultModelID { model.traits = ["default"] }
                return model
            }
        }
        return ModelCatalogue(type: type, models: models, source: .fallback, warnings: [warning])
    }
}
