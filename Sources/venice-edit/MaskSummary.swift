import ImagePrep

/// What `mask` reports, as text or JSON.
struct MaskSummary: Encodable {
    var output: String
    var preview: String?
    var base: String?
    var width: Int
    var height: Int
    var convention: MaskConvention
    /// The fraction of the image marked for editing (0–1).
    var editFraction: Double
    var binary: Bool
    var bitDepth: Int
    /// "png" or "jpeg".
    var format: String
    var bytes: Int
    var threshold: Int?

    init(output: String, preview: String?, base: String?, mask: Mask, convention: MaskConvention,
         encoded: MaskEncoder.Encoded, threshold: UInt8?) {
        self.output = output
        self.preview = preview
        self.base = base
        width = mask.width
        height = mask.height
        self.convention = convention
        editFraction = (mask.editFraction * 1_000_000).rounded() / 1_000_000
        binary = mask.isBinary
        bitDepth = encoded.bitDepth
        format = encoded.format.rawValue
        bytes = encoded.bytes.count
        self.threshold = threshold.map(Int.init)
    }

    var text: String {
        let meaning = switch convention {
        case .white: "white = edit"
        case .black: "black = edit"
        case .alpha: "transparent = edit"
        }
        let percent = (editFraction * 1000).rounded() / 10
        var line = "\(output): mask \(width)×\(height), \(meaning), \(percent)% marked for editing; "
            + "\(bitDepth)-bit \(format.uppercased()), \(bytes) bytes"
        if let threshold { line += "; sketch threshold \(threshold)" }
        if let preview { line += "; preview \(preview)" }
        return line
    }
}
