import ArgumentParser
import ImagePrep

/// The options that steer preparation, shared by every command that prepares images.
struct PrepareOptionGroup: ParsableArguments {
    @Option(help: "The endpoint the image is for: edit, multi-edit, background-remove or upscale.")
    var endpoint: Endpoint = .edit

    @Option(help: "For --endpoint upscale: the scale (2 or 4) whose result must fit 16,777,216 pixels.")
    var scale: Int?

    @Option(help: "Fit within this many pixels (default: the endpoint's maximum, 33177600).")
    var maxPixels: Int?

    @Option(help: "Enlarge to at least this many pixels (default: the endpoint's minimum, 65536).")
    var minPixels: Int?

    @Option(help: "Refuse to decode images whose header declares more pixels than this.")
    var decodeLimit: Int = PrepareOptions.defaultDecodeLimit

    @Option(help: "Refuse input files larger than this many bytes (default 1 GiB).")
    var maxInputBytes: Int = PrepareOptions.defaultMaxInputBytes

    @Option(help: "Output encoding: auto (the output name's extension when it names one, else the source's: PNG stays PNG while it fits, JPEG stays JPEG), jpeg or png.")
    var format: OutputFormat = .auto

    @Option(help: "JPEG quality of re-encoded output (1-100).")
    var quality: Int = 92

    @Flag(help: "Accept a JPEG whose data ends early (the missing part comes out grey).")
    var allowTruncated = false

    /// The library options these flags describe.
    var value: PrepareOptions {
        PrepareOptions(endpoint: endpoint,
                       maxPixels: maxPixels ?? scale.map { Endpoint.maxUpscaleInputPixels(scale: $0) },
                       minPixels: minPixels,
                       decodeLimit: decodeLimit, maxInputBytes: maxInputBytes, format: format, quality: quality,
                       allowTruncated: allowTruncated)
    }

    func validate() throws {
        if let scale {
            guard endpoint == .upscale else { throw ValidationError("--scale goes with --endpoint upscale") }
            guard scale == 2 || scale == 4 else { throw ValidationError("--scale must be 2 or 4 (got \(scale))") }
        }
        do {
            try value.validate()
        } catch {
            throw ValidationError(error.commandLineDescription)
        }
    }
}

extension Endpoint: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
