import ArgumentParser
import ImagePrep

extension ImagePrepError {
    /// The error as the command line tells it: the library's words, plus the flag that changes
    /// the outcome where there is one (the library knows no flag names).
    var commandLineDescription: String {
        switch self {
        case .tooManyPixels: description + " (raise it with --decode-limit)"
        case .fileTooLarge: description + " (raise it with --max-input-bytes)"
        case .maskSizeMismatch: description + "; pass --stretch to scale it anyway"
        case .layerMismatch: description + "; use --stretch to resize it anyway"
        case .outputIsInput: description + " (choose another output path, or --in-place)"
        case let .formatConflict(file, requested, named):
            "\(file): the output name asks for \(named.rawValue.uppercased()), which conflicts with --format \(requested.rawValue)"
        case let .invalidSetting(setting, value, rule):
            setting.flagName.map { "--\($0) \(rule) (got \(value))" } ?? description
        default: description
        }
    }
}

extension PrepareOptions.Setting {
    /// The command-line flag that sets it, without the dashes (`nil` when the tool sets it itself).
    var flagName: String? {
        switch self {
        case .quality: "quality"
        case .maxPixels: "max-pixels"
        case .minPixels: "min-pixels"
        case .maxBytes: "max-bytes"
        case .decodeLimit: "decode-limit"
        case .maxInputBytes: "max-input-bytes"
        case .maxLongestSide: nil
        }
    }
}

extension StandardError {
    /// `exitOnFailure` for the image library: its errors are told with flag names.
    static func exitOnFailure<T>(_ body: () throws(ImagePrepError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardError.print("venice-edit: \(error.commandLineDescription)")
            throw ExitCode(1)
        }
    }
}
