/// The EXIF Orientation tag (0x0112): how the stored pixels must be transformed to display upright.
///
/// Raw values are the tag's values 1…8. Case names follow the usual convention (the same as
/// `CGImagePropertyOrientation`): they name where the top of the upright picture sits in the stored
/// pixels. `description` says what a viewer does to the stored pixels to show them upright.
public enum Orientation: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// 1: stored upright; nothing to do.
    case up = 1
    /// 2: stored mirrored left–right; flip horizontally to display.
    case upMirrored = 2
    /// 3: stored upside down; rotate 180° to display.
    case down = 3
    /// 4: stored mirrored top–bottom; flip vertically to display.
    case downMirrored = 4
    /// 5: stored transposed; mirror horizontally then rotate 90° anticlockwise (a transpose) to display.
    case leftMirrored = 5
    /// 6: stored rotated 90° anticlockwise; rotate 90° clockwise to display.
    case right = 6
    /// 7: stored transversed; mirror horizontally then rotate 90° clockwise (a transverse) to display.
    case rightMirrored = 7
    /// 8: stored rotated 90° clockwise; rotate 90° anticlockwise (270° clockwise) to display.
    case left = 8

    /// Whether displaying upright swaps width and height (orientations 5–8).
    public var swapsDimensions: Bool {
        switch self {
        case .up, .upMirrored, .down, .downMirrored: false
        case .leftMirrored, .right, .rightMirrored, .left: true
        }
    }

    /// Whether displaying upright involves a mirror image (orientations 2, 4, 5, 7).
    public var isMirrored: Bool {
        switch self {
        case .upMirrored, .downMirrored, .leftMirrored, .rightMirrored: true
        case .up, .down, .right, .left: false
        }
    }

    /// What a viewer does to the stored pixels to show them upright, in the EXIF specification's words.
    public var description: String {
        switch self {
        case .up: "upright (no change)"
        case .upMirrored: "mirror horizontally"
        case .down: "rotate 180°"
        case .downMirrored: "mirror vertically"
        case .leftMirrored: "mirror horizontally and rotate 270° clockwise (transpose)"
        case .right: "rotate 90° clockwise"
        case .rightMirrored: "mirror horizontally and rotate 90° clockwise (transverse)"
        case .left: "rotate 270° clockwise"
        }
    }
}
