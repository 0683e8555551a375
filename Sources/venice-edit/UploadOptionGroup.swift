import ArgumentParser
import Submission

/// How images go up: transport, size and JPEG quality, shared by every command that sends images.
struct UploadOptionGroup: ParsableArguments {
    @Flag(help: "Send base64 JSON even for local files (multipart is used anyway above the ~35 MB JSON limit).")
    var jsonBody = false

    @Flag(help: "Send multipart/form-data (the default whenever a local file is sent).")
    var multipart = false

    @Flag(help: "Send up to the API's pixel limit instead of what the output tier can use.")
    var fullSize = false

    @Option(help: "JPEG quality of images that must be re-encoded (1-100).")
    var quality: Int = 92

    func validate() throws {
        guard !(jsonBody && multipart) else { throw ValidationError("--json-body and --multipart exclude each other") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be between 1 and 100 (got \(quality))") }
    }

    /// The transport these flags ask for.
    var transport: TransportChoice {
        if jsonBody { return .json }
        if multipart { return .multipart }
        return .bySize
    }

    /// Copies these choices into `options`.
    func apply(to options: inout SubmissionOptions) {
        options.transport = transport
        options.fullSize = fullSize
        options.jpegQuality = quality
    }
}
