/// How a mask file marks the area to edit; services differ.
public enum MaskConvention: String, Sendable, CaseIterable, Codable {
    /// 8-bit (or 1-bit) gray: white (255) = edit, black (0) = keep. Venice's and Stability's convention.
    case white
    /// Gray with the values swapped: black (0) = edit, white (255) = keep.
    case black
    /// RGBA: transparent = edit, opaque = keep (OpenAI's convention); the colour is black.
    case alpha
}
