import ImagePrep

/// The mask options the page offers: threshold, invert, grow, shrink and feather; everything
/// else is `MaskOptions`' default, as for `venice-edit mask`.
struct StudioMaskOptions: Decodable, Sendable, Equatable {
    /// 0–255, or absent for Otsu.
    var threshold: Int?
    var invert: Bool?
    var grow: Int?
    var shrink: Int?
    var feather: Int?

    /// The library's options, validated.
    func maskOptions() throws(StudioError) -> MaskOptions {
        var options = MaskOptions()
        if let threshold {
            guard (0...255).contains(threshold) else { throw .badRequest("threshold must be 0-255 (got \(threshold))") }
            options.threshold = .fixed(UInt8(threshold))
        }
        options.invert = invert ?? false
        options.grow = grow ?? 0
        options.shrink = shrink ?? 0
        options.feather = feather ?? 0
        do { try options.validate() } catch { throw .preparation(error) }
        return options
    }
}
