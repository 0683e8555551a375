/// A decoder that hands out 8-bit rows, top to bottom, so a pipeline can stream from any format.
///
/// Call `readRows(into:stride:maxRows:)` until it returns 0. The output fields are valid once the
/// decoder has been started (each conforming type has its own `start`).
public protocol RowDecoder: AnyObject {
    /// Width of the rows handed out, in pixels.
    var outputWidth: Int { get }
    /// Number of rows the decoder will hand out in all.
    var outputHeight: Int { get }
    /// Interleaved 8-bit samples per pixel: 1 (gray), 3 (RGB) or 4 (RGBA, straight alpha).
    var outputChannels: Int { get }
    /// Recoverable problems the library worked around so far (e.g. corrupt data it skipped).
    var warningCount: Int { get }
    /// The text of the first such problem, or nil when there was none.
    var firstWarning: String? { get }

    /// Decodes up to `maxRows` further rows into `destination`, rows `stride` bytes apart, and
    /// returns how many it wrote: 0 once every row has been handed out.
    func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int

    /// The embedded ICC profile, once the header has been read; nil when there is none.
    var iccProfile: [UInt8]? { get }

    /// Reads what follows the image data, reporting damage there (PNG CRCs, a missing IEND).
    func finish() throws(ImagePrepError)
}
