import ImagePrep

/// What `prepare` reports about one file, as text or JSON.
struct PrepareSummary: Encodable {
    var input: String
    var output: String
    var format: String
    var width: Int
    var height: Int
    var bytes: Int
    var actions: [PrepareAction]
    var passthrough: Bool
    var quality: Int?
    var notes: [String]
    var warnings: [String]

    init(input: String, output: String, result: PreparedImage) {
        self.input = input
        self.output = output
        format = result.format.rawValue
        width = result.size.width
        height = result.size.height
        bytes = result.bytes.count
        actions = result.actions
        passthrough = result.isPassthrough
        quality = result.quality
        notes = result.notes
        warnings = result.warnings
    }

    var text: String {
        if passthrough {
            return "\(input) → \(output): ready as it is, copied unchanged (\(format.uppercased()) \(width)×\(height), \(bytes) bytes)"
        }
        var line = "\(input) → \(output): \(actions.map(\.rawValue).joined(separator: ", ")); \(format.uppercased()) \(width)×\(height), \(bytes) bytes"
        if let quality { line += ", quality \(quality)" }
        for note in notes { line += "; \(note)" }
        return line
    }
}
