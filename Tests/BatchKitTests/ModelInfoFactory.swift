import VeniceClient

/// Builds `ModelInfo` values for cost tests.
enum ModelInfoFactory {
    static func model(id: String, usd: Double?, isDefault: Bool = false) -> ModelInfo {
        var model = ModelInfo(id: id)
        model.editPrice = usd.map { ModelPrice(usd: $0, diem: nil) }
        if isDefault { model.traits = ["default"] }
        return model
    }
}
