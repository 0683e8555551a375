/// A mask made from a sketch: where its PNG is, and the sketch id Send refers to.
struct StudioMaskResult: Sendable, Encodable {
    /// The painted sketch kept for Send (nil for a loaded sketch file, which the page paints in).
    var sketch: Int?
    var mask: String
    var width: Int
    var height: Int
    /// The share of the image marked for editing, in percent to one decimal.
    var editPercent: Double
    /// The luminance threshold used (Otsu's choice or the one given), when a sketch was read.
    var threshold: Int?

    enum CodingKeys: String, CodingKey {
        case sketch, mask, width, height, threshold
        case editPercent = "edit_percent"
    }
}
