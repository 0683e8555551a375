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

    private let core: FrameDecoderCore
    private let bytes: UnsafeRawBufferPointer

    /// Wraps `bytes` (kept alive by the caller) of the file called `name`.
    public init(bytes: UnsafeRawBufferPointer, name: String) throws(ImagePrepError) {
        core = try FrameDecoderCore(cimg_heif_decoder_create(), name: name, functions: FrameDecoderCore.Functions(
            destroy: { cimg_heif_decoder_destroy($0) }, message: { cimg_heif_decoder_message($0) },
            warningCount: { cimg_heif_decoder_warning_count($0) }, firstWarning: { cimg_heif_decoder_first_warning($0) },
            iccProfile: { cimg_heif_decoder_icc_profile($0, $1, $2) },
            readRows: { cimg_heif_decoder_read_rows($0, $1, $2, $3, $4) }))
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

    public var warningCount: Int { core.warningCount }

    public var firstWarning: String? { core.firstWarning }

    /// Parses the boxes and reads the primary image's properties (no pixel data).
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_heif_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        try check(cimg_heif_decoder_read_header(core.handle, base, bytes.count, &info), limit: nil)
        let header = Header(width: Int(info.width), height: Int(info.height), hasAlpha: info.has_alpha != 0,
                            bitDepth: Int(info.bit_depth), imageCount: Int(info.image_count))
        self.header = header
        return header
    }

    /// The primary image's ICC profile (`prof` or `rICC`), after `readHeader()`; nil for nclx.
    public var iccProfile: [UInt8]? {
        core.iccProfile
    }

    /// Decodes the primary image. Throws `.tooManyPixels` when its stored width × height exceeds
    /// `maxPixels`, before decoding anything.
    public func start(maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        var info = cimg_heif_info()
        try check(cimg_heif_decoder_start(core.handle, UInt64(clamping: maxPixels), &info), limit: maxPixels)
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
