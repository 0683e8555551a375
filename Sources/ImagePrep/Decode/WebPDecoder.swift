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

    private let handle: OpaquePointer
    private let bytes: UnsafeRawBufferPointer

    /// Wraps `bytes` (kept alive by the caller) of the file called `name`.
    public init(bytes: UnsafeRawBufferPointer, name: String) throws(ImagePrepError) {
        guard let handle = cimg_webp_decoder_create() else { throw .outOfMemory(file: name) }
        self.handle = handle
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

    deinit {
        cimg_webp_decoder_destroy(handle)
    }

    public var warningCount: Int { Int(cimg_webp_decoder_warning_count(handle)) }

    public var firstWarning: String? {
        let text = String(cString: cimg_webp_decoder_first_warning(handle))
        return text.isEmpty ? nil : text
    }

    /// Reads the RIFF chunks and the bitstream header (no pixel data).
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_webp_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        try check(cimg_webp_decoder_read_header(handle, base, bytes.count, &info), limit: nil)
        let header = Header(width: Int(info.width), height: Int(info.height), hasAlpha: info.has_alpha != 0,
                            isAnimated: info.has_animation != 0, frameCount: Int(info.frame_count),
                            isLossless: info.lossless != 0)
        self.header = header
        return header
    }

    /// The ICCP chunk's profile, after `readHeader()`.
    public var iccProfile: [UInt8]? {
        var data: UnsafePointer<UInt8>?
        var size = 0
        guard cimg_webp_decoder_icc_profile(handle, &data, &size) != 0, let data, size > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Decodes the image (an animation: its first frame). Throws `.tooManyPixels` when the canvas
    /// exceeds `maxPixels`, before any allocation.
    public func start(maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        var info = cimg_webp_info()
        try check(cimg_webp_decoder_start(handle, UInt64(clamping: maxPixels), &info), limit: maxPixels)
        outputWidth = header?.width ?? 0
        outputHeight = header?.height ?? 0
        outputChannels = Int(info.output_channels)
    }

    public func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        guard stride >= 0, maxRows >= 0 else { throw .invalidOption("\(name): negative stride or row count") }
        var rows: UInt32 = 0
        try check(cimg_webp_decoder_read_rows(handle, destination, stride, UInt32(clamping: maxRows), &rows), limit: nil)
        return Int(rows)
    }

    /// Nothing follows the image data that matters here; present for `RowDecoder`.
    public func finish() throws(ImagePrepError) {}

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it".
    private func check(_ status: cimg_status, limit: Int?) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_webp_decoder_message(handle))
        let width = header?.width ?? 0, height = header?.height ?? 0
        throw ImagePrepError(status: status, file: name, message: message) {
            if let limit { .tooManyPixels(file: name, width: width, height: height, limit: limit) }
            else { .unsupportedImage(file: name, detail: message) }
        }
    }
}
