import CImageCodecs

/// Converts 8-bit rows from an ICC profile to sRGB (Little CMS 2 underneath: relative
/// colorimetric with black-point compensation).
///
/// Gray stays gray (with sRGB's tone curve) when it comes as one channel; a CMYK profile takes
/// four-channel CMYK rows and gives RGB; RGBA keeps its alpha. Rows may be converted on several
/// threads at once.
final class ColorTransform {
    /// The shim's converter; the resampler's pipeline calls it from both of its threads.
    let handle: OpaquePointer
    /// Samples per input pixel.
    let inputChannels: Int
    /// Samples per output pixel.
    let outputChannels: Int
    /// Whether rows keep their channel count (everything but CMYK → RGB).
    var keepsChannels: Bool { inputChannels == outputChannels }

    /// A transform from `profile` for rows of `channels` samples; `invertedCMYK`: CMYK stored
    /// with 255 meaning no ink (Adobe files). Throws `.unusableColorProfile` when the profile does
    /// not fit such rows.
    init(profile: ColorProfile, channels: Int, invertedCMYK: Bool, file: String) throws(ImagePrepError) {
        guard let handle = cimg_colour_create() else { throw .outOfMemory(file: file) }
        var out: Int32 = 0
        var status = profile.bytes.withUnsafeBufferPointer { cimg_colour_open_profile(handle, $0.baseAddress, $0.count) }
        if status == CIMG_OK { status = cimg_colour_start(handle, Int32(channels), invertedCMYK ? 1 : 0, &out) }
        guard status == CIMG_OK else {
            let reason = String(cString: cimg_colour_message(handle))
            cimg_colour_destroy(handle)
            if status == CIMG_ERR_NOMEM { throw .outOfMemory(file: file) }
            throw .unusableColorProfile(file: file, reason: reason)
        }
        self.handle = handle
        self.inputChannels = channels
        self.outputChannels = Int(out)
    }

    deinit { cimg_colour_destroy(handle) }

    /// Converts `rows` rows of `width` pixels; `source` and `destination` must not overlap.
    func convert(_ source: UnsafePointer<UInt8>, stride sourceStride: Int, into destination: UnsafeMutablePointer<UInt8>,
                 stride destinationStride: Int, width: Int, rows: Int, file: String) throws(ImagePrepError) {
        let status = cimg_colour_convert_rows(handle, source, sourceStride, destination, destinationStride,
                                              UInt32(clamping: width), UInt32(clamping: rows))
        guard status == CIMG_OK else {
            throw .unusableColorProfile(file: file, reason: String(cString: cimg_colour_message(handle)))
        }
    }
}
