import Foundation
import Submission
import VeniceClient

/// What a paid batch will cost, shown before asking for confirmation.
public struct CostEstimate: Sendable, Equatable, CustomStringConvertible {
    /// Requests to be sent (one per image; retries are not billed as extra images).
    public var requests: Int
    /// The model the estimate is for, when known.
    public var model: String?
    /// Price per request in US dollars, when the model's price is known.
    public var pricePerRequest: Double?

    /// Creates an estimate.
    public init(requests: Int, model: String?, pricePerRequest: Double?) {
        self.requests = requests
        self.model = model
        self.pricePerRequest = pricePerRequest
    }

    /// The estimate for `requests` requests with `model` (or the catalogue's default model) from `models`.
    ///
    /// - Parameters:
    ///   - imagesPerRequest: Images in each request (multi-edit layers count when the model
    ///     bills images beyond those included).
    ///   - resolution: The output tier (`pricing.resolutions[tier]` when listed).
    ///   - quality: The output quality (`pricing.quality[tier][quality]` when listed).
    public init(requests: Int, model: String?, models: [ModelInfo], imagesPerRequest: Int = 1,
                resolution: String? = nil, quality: String? = nil) {
        let chosen = model.flatMap { id in models.first { $0.id == id } } ?? (model == nil ? models.first { $0.traits.contains("default") } : nil)
        let price = chosen?.price(resolution: resolution, quality: quality, inputImages: imagesPerRequest)
        self.init(requests: requests, model: chosen?.id ?? model, pricePerRequest: price)
    }

    /// The total in US dollars, when the price is known.
    public var total: Double? { pricePerRequest.map { $0 * Double(requests) } }

    /// `12 requests with firered-image-edit at $0.04 each: about $0.48` (or `cost unknown`).
    public var description: String {
        var text = "\(requests) request\(requests == 1 ? "" : "s")"
        if let model { text += " with \(model)" }
        if let pricePerRequest, let total {
            text += " at \(Self.dollars(pricePerRequest)) each: estimated cost \(Self.dollars(total))"
        } else {
            text += ": estimated cost unknown (no listed price)"
        }
        return text
    }

    /// `$0.48`, `$0.0400` for sub-cent amounts kept readable.
    public static func dollars(_ value: Double) -> String { DryRunReport.dollars(value) }
}
