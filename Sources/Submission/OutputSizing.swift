import VeniceClient

/// How large the images of a request are sent: no more pixels than the requested output can use.
///
/// The output tiers give about 1, 4 and 16 megapixels (`1K`, `2K`, `4K`), so an input whose
/// longest side is twice the output's carries all the detail the result can show: at most 2048
/// pixels on the longest side for `1K` (the default tier), 4096 for `2K`, the API's pixel limit
/// for `4K` and any other tier. A single-image edit with a model whose output follows the input
/// (`singleImageAspectRatio: false`) and background removal keep the full limit, as does `fullSize`.
/// Layers and masks follow their base.
public struct OutputSizing: Sendable, Equatable {
    /// The longest side sent, or `nil` for the API's own pixel limit.
    public var maxLongestSide: Int?
    /// Why: `1K output`, `full size asked for`, ….
    public var reason: String

    /// Creates a sizing.
    public init(maxLongestSide: Int?, reason: String) {
        self.maxLongestSide = maxLongestSide
        self.reason = reason
    }

    /// The longest side each tier can use; tiers not listed get the API's limit.
    public static let longestSideByTier: [String: Int] = ["1K": 2048, "2K": 4096]

    /// The sizing for a request to `endpoint` with `imageCount` images, output `tier` (`nil`: the
    /// model's default, else `1K`), and `model`'s capabilities.
    public static func decide(endpoint: APIEndpoint, tier: String?, imageCount: Int, model: ModelInfo?,
                              fullSize: Bool) -> OutputSizing {
        if fullSize { return OutputSizing(maxLongestSide: nil, reason: "full size asked for") }
        switch endpoint {
        case .backgroundRemove:
            return OutputSizing(maxLongestSide: nil, reason: "the cut-out keeps the input's size")
        case .upscale:
            return OutputSizing(maxLongestSide: nil, reason: "the upscaled result must fit the upscaler's limit")
        case .edit, .multiEdit:
            break
        }
        if imageCount == 1, model?.singleImageAspectRatio == false {
            return OutputSizing(maxLongestSide: nil, reason: "model \(model?.id ?? "?") keeps the input's size on a single-image edit")
        }
        let chosen = tier ?? model?.effectiveDefaultResolution ?? "1K"
        guard let side = longestSideByTier[chosen.uppercased()] else {
            return OutputSizing(maxLongestSide: nil, reason: "\(chosen) output uses the API's limit")
        }
        return OutputSizing(maxLongestSide: side, reason: "\(chosen) output: longest side at most \(side)")
    }
}
