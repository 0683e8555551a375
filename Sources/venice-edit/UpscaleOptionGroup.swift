import ArgumentParser
import Submission
import VeniceClient

/// The upscale fields, shared by `upscale` and `batch upscale`.
struct UpscaleOptionGroup: ParsableArguments {
    @Option(help: "Scale factor: 2 or 4. The input is shrunk first if the result would pass 16,777,216 pixels.")
    var scale: Int = 2

    @Option(help: "How much detail the upscaler adds, 0 to 0.02 (the service's default is 0.01).")
    var creativity: Double?

    /// The submission options for an upscale with these fields and the upload options given.
    func submissionOptions(uploading upload: UploadOptionGroup) -> SubmissionOptions {
        var options = SubmissionOptions(endpoint: .upscale, scale: scale, creativity: creativity)
        upload.apply(to: &options)
        return options
    }

    func validate() throws {
        guard UpscaleRequest.scales.contains(scale) else { throw ValidationError("--scale must be 2 or 4 (got \(scale))") }
        if let creativity, !UpscaleRequest.creativityRange.contains(creativity) {
            throw ValidationError("--creativity must be between 0 and 0.02 (got \(creativity))")
        }
    }
}
