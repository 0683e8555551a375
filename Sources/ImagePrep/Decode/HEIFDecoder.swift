import CImageCodecs

/// Streams 8-bit RGB or RGBA rows out of a HEIF file held in memory (HEIC, AVIF or another
/// coding; libheif underneath, its security limits on).
///
/// Use: `readHeader()`, optionally `iccProfile`, `start(maxPixels:)`, then
/// `readRows(into:stride:maxRows:)` until it returns 0. The primary image is decoded whole by
/// `start` (grid tiles assembled, the alpha auxiliary image attached, 10 or 12 bits brought to 8);
/// thumbnails and depth images are ignored. Rows come out as stored: `irot`/`imir` are NOT applied
/// here, the pipeline applies the orientation the probe derived from them, exactly once (an EXIF
/// orientation inside the file is never applied). The bytes passed to `init` must stay valid for
/// the decoder's whole life. Not thread-safe.
public final class HEIFDecoder: RowDecoder {
    /// What the primary image's header says.
    public struct Header: Sendable, Equatable {
        /// Size as stored (`ispe`), before any transformation.
        public var width: Int
        public var height: Int
        /// An alpha auxiliary image is attached.
        public var hasAlpha: Bool
        /// Luma bits per sample as coded (8, 10, 12).
        public var bitDepth: Int
        /// Top-level images in the file; only the primary one is decoded.
        public var imageCount: Int
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
        guard let handle = cimg_heif_decoder_create() else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.bytes = bytes
        self.name = name
    }

    /// A decoder for `bytes` with its header read and, when `maxPixels` is given, started with
    /// that pixel limit.
    public static func open(_ bytes: UnsafeRawBufferPointer, name: String, maxPixels: Int?) throws(ImagePrepError) -> HEIFDecoder {
        let decoder = try HEIFDecoder(bytes: bytes, name: name)
        try decoder.readHeader()
        if let maxPixels { try decoder.start(maxPixels: maxPixels) }
        return decoder
    }

    deinit {
        cimg_heif_decoder_destroy(handle)
    }

    public var warningCount: Int { Int(cimg_heif_decoder_warning_count(handle)) }

    public var firstWarning: String? {
        let text = String(cString: cimg_heif_decoder_first_warning(handle))
        return text.isEmpty ? nil : text
    }

    /// Parses the boxes and reads the primary image's properties (no pixel data).
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_heif_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        try check(cimg_heif_decoder_read_header(handle, base, bytes.count, &info), limit: nil)
        let header = Header(width: Int(info.width), height: Int(info.height), hasAlpha: info.has_alpha != 0,
                            bitDepth: Int(info.bit_depth), imageCount: Int(info.image_count))
        self.header = header
        return header
    }

    /// The primary image's ICC profile (`prof` or `rICC`), after `readHeader()`; nil for nclx.
    public var iccProfile: [UInt8]? {
        var data: UnsafePointer<UInt8>?
        var size = 0
        guard cimg_heif_decoder_icc_profile(handle, &data, &size) != 0, let data, size > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Decodes the primary image. Throws `.tooManyPixels` when its stored width × height exceeds
    /// `maxPixels`, before decoding anything.
    public func start(maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        var info = cimg_heif_info()
        try check(cimg_heif_decoder_start(handle, UInt64(clamping: maxPixels), &info), limit: maxPixels)
        outputWidth = header?.width ?? 0
        outputHeight = header?.height ?? 0
        outputChannels = Int(info.output_channels)
    }

    public func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        guard stride >= 0, maxRows >= 0 else { throw .invalidOption("\(name): negative stride or row count") }
        var rows: UInt32 = 0
        try check(cimg_heif_decoder_read_rows(handle, destination, stride, UInt32(clamping: maxRows), &rows), limit: nil)
        return Int(rows)
    }

    /// Nothing follows the image data that matters here; present for `RowDecoder`.
    public func finish() throws(ImagePrepError) {}

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it".
    /// Without one, `CIMG_ERR_LIMIT` is libheif's own security limit.
    private func check(_ status: cimg_status, limit: Int?) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_heif_decoder_message(handle))
        let width = header?.width ?? 0, height = header?.height ?? 0
        throw ImagePrepError(status: status, file: name, message: message) {
            if let limit { .tooManyPixels(file: name, width: width, height: height, limit: limit) }
            else { .unsupportedImage(file: name, detail: message) }
        }
    }
}
