import CImageCodecs

/// Streams 8-bit RGB or RGBA rows out of a WebP file held in memory (VP8, VP8L or VP8X; libwebp
/// and libwebpdemux underneath).
///
/// Use: `readHeader()`, optionally `iccProfile`, `start(maxPixels:)`, then
/// `readRows(into:stride:maxRows:)` until it returns 0. The image is decoded whole by `start`; an
/// animation gives its first frame composed on the canvas, with a warning. Rows come out as
/// stored: the pipeline applies the EXIF orientation, as for JPEG. The bytes passed to `init` must
/// stay valid for the decoder's whole life. Not thread-safe.
public final class WebPDecoder: RowDecoder {
    /// What the RIFF chunks and the bitstream header say.
    public struct Header: Sendable, Equatable {
        /// The canvas size (VP8X) or the bitstream's.
        public var width: Int
        public var height: Int
        public var hasAlpha: Bool
        public var isAnimated: Bool
        /// 1 for a still image.
        public var frameCount: Int
        /// VP8L coding (a still image).
        public var isLossless: Bool
    }

    /// The file name used in errors.
    public let name: String
    /// The header, once `readHeader()` succeeded.
    public private(set) var header: Header?
    public private(set) var outputWidth = 0
    public private(set) var outputHeight = 0
    public private(set) var outputChannels = 0

    private let core: FrameDecoderCore
    private let bytes: UnsafeRawBufferPointer

    /// Wraps `bytes` (kept alive by the caller) of the file called `name`.
    public init(bytes: UnsafeRawBufferPointer, name: String) throws(ImagePrepError) {
        core = try FrameDecoderCore(cimg_webp_decoder_create(), name: name, functions: FrameDecoderCore.Functions(
            destroy: { cimg_webp_decoder_destroy($0) }, message: { cimg_webp_decoder_message($0) },
            warningCount: { cimg_webp_decoder_warning_count($0) }, firstWarning: { cimg_webp_decoder_first_warning($0) },
            iccProfile: { cimg_webp_decoder_icc_profile($0, $1, $2) },
            readRows: { cimg_webp_decoder_read_rows($0, $1, $2, $3, $4) }))
        self.bytes = bytes
        self.name = name
    }

    /// A decoder for `bytes` with its header read and, when `maxPixels` is given, started with
    /// that pixel limit.
    public static func open(_ bytes: UnsafeRawBufferPointer, name: String, maxPixels: Int?) throws(ImagePrepError) -> WebPDecoder {
        let decoder = try WebPDecoder(bytes: bytes, name: name)
        try decoder.readHeader()
        if let maxPixels { try decoder.start(maxPixels: maxPixels) }
        return decoder
    }

    public var warningCount: Int { core.warningCount }

    public var firstWarning: String? { core.firstWarning }

    /// Reads the RIFF chunks and the bitstream header (no pixel data).
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_webp_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        try check(cimg_webp_decoder_read_header(core.handle, base, bytes.count, &info), limit: nil)
        let header = Header(width: Int(info.width), height: Int(info.height), hasAlpha: info.has_alpha != 0,
                            isAnimated: info.has_animation != 0, frameCount: Int(info.frame_count),
                            isLossless: info.lossless != 0)
        self.header = header
        return header
    }

    /// The ICCP chunk's profile, after `readHeader()`.
    public var iccProfile: [UInt8]? {
        core.iccProfile
    }

    /// Decodes the image (an animation: its first frame). Throws `.tooManyPixels` when the canvas
    /// exceeds `maxPixels`, before any allocation.
    public func start(maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        var info = cimg_webp_info()
        try check(cimg_webp_decoder_start(core.handle, UInt64(clamping: maxPixels), &info), limit: maxPixels)
        outputWidth = header?.width ?? 0
        outputHeight = header?.height ?? 0
        outputChannels = Int(info.output_channels)
    }

    public func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        try core.readRows(into: destination, stride: stride, maxRows: maxRows, size: storedSize)
    }

    /// Nothing follows the image data that matters here; present for `RowDecoder`.
    public func finish() throws(ImagePrepError) {}

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it".
    private func check(_ status: cimg_status, limit: Int?) throws(ImagePrepError) {
        try core.check(status, limit: limit, size: storedSize)
    }

    private func storedSize() -> (width: Int, height: Int) { (header?.width ?? 0, header?.height ?? 0) }
}
