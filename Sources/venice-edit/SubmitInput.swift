import Foundation
import ImagePrep
import VeniceClient

/// One image argument of a submit command: a local file, prepared for the endpoint, or a URL
/// passed through as it is.
struct SubmitInput {
    /// The argument as given.
    var argument: String
    /// What is sent.
    var input: ImageInput
    /// The preparation, for local files.
    var prepared: PreparedImage?

    /// Whether an argument names a URL rather than a file.
    static func isURL(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Prepares a file (or passes a URL through) for `options.endpoint`.
    static func resolve(_ argument: String, options: PrepareOptions) throws(ImagePrepError) -> SubmitInput {
        if isURL(argument) {
            return SubmitInput(argument: argument, input: .url(argument), prepared: nil)
        }
        let prepared = try Preparer(options: options).prepare(file: argument)
        return SubmitInput(argument: argument, input: .bytes(prepared.bytes, contentType: prepared.mimeType),
                           prepared: prepared)
    }

    /// A layer lined up with a prepared base.
    static func layer(_ argument: String, base: ImageSize, stretch: Bool, options: PrepareOptions) throws(ImagePrepError) -> SubmitInput {
        let prepared = try Preparer(options: options).prepareLayer(file: argument, matching: base, stretch: stretch)
        return SubmitInput(argument: argument, input: .bytes(prepared.bytes, contentType: prepared.mimeType),
                           prepared: prepared)
    }

    /// One line saying what was done to the input before sending.
    var summary: String {
        guard let prepared else { return "\(argument): sent as a URL" }
        if prepared.isPassthrough {
            return "\(argument): sent as it is (\(prepared.size), \(prepared.bytes.count) bytes)"
        }
        var line = "\(argument): \(prepared.actions.map(\.rawValue).joined(separator: ", ")) → \(prepared.format.rawValue.uppercased()) \(prepared.size), \(prepared.bytes.count) bytes"
        for note in prepared.notes { line += "; \(note)" }
        return line
    }

    /// The facts a dry run shows about this input (no image data).
    var dryRunFields: [String: DryRunValue] {
        var fields: [String: DryRunValue] = ["source": .string(argument)]
        if let prepared {
            fields["width"] = .int(prepared.size.width)
            fields["height"] = .int(prepared.size.height)
            fields["bytes"] = .int(prepared.bytes.count)
            fields["content_type"] = .string(prepared.mimeType)
            fields["actions"] = .strings(prepared.actions.map(\.rawValue))
        } else {
            fields["url"] = .string(argument)
        }
        return fields
    }
}
