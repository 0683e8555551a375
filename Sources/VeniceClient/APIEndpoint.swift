/// An image endpoint of the API, with what the contract says about which models serve it.
public enum APIEndpoint: String, Sendable, CaseIterable, Codable {
    case edit = "/image/edit"
    case multiEdit = "/image/multi-edit"
    case backgroundRemove = "/image/background-remove"
    case upscale = "/image/upscale"

    /// The path below the API base URL.
    public var path: String { rawValue }

    /// The `GET /models?type=` value listing the models of this endpoint; `nil` when it takes no model.
    public var modelType: String? {
        switch self {
        case .edit, .multiEdit: "inpaint"
        case .upscale: "upscale"
        case .backgroundRemove: nil
        }
    }

    /// The model used when a request names none (the contract's default).
    public var defaultModelID: String? {
        switch self {
        case .edit, .multiEdit: "firered-image-edit"
        case .upscale: "upscaler"
        case .backgroundRemove: nil
        }
    }

    /// The `modelId` enum of `/image/edit` in the contract (OpenAPI 20260821).
    public static let editModelIDs: [String] = [
        "firered-image-edit", "qwen-edit-uncensored", "grok-imagine-edit", "grok-imagine-quality-edit",
        "grok-imagine-image-2-0-edit", "qwen-image-2-edit", "qwen-image-2-pro-edit", "wan-2-7-pro-edit",
        "flux-2-max-edit", "gpt-image-2-edit", "gpt-image-1-5-edit", "nano-banana-2-edit", "nano-banana-pro-edit",
        "nano-banana-2-lite-edit", "luma-uni-1-edit", "luma-uni-1-max-edit", "seedream-v5-lite-edit",
        "seedream-v5-pro-edit", "seedream-v4-edit", "qwen-image-3-edit", "qwen-image-3-pro-edit",
    ]

    /// The `modelId` enum of `/image/multi-edit` in the contract: the edit models without the
    /// edit-only Luma models.
    public static let multiEditModelIDs: Set<String> = Set(editModelIDs).subtracting(["luma-uni-1-edit", "luma-uni-1-max-edit"])
}
