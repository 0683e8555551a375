import CImageCodecs

/// Streams 8-bit gray or RGB rows out of a JPEG held in memory (libjpeg-turbo underneath).
///
/// Use: `readHeader()`, optionally `iccProfile`, `start(scaleDenominator:maxPixels:)`, then
/// `readRows(into:stride:maxRows:)` until it returns 0. CMYK and YCCK files come out as RGB.
/// The bytes passed to `init` must stay valid for the decoder's whole life. Not thread-safe.
public final class JPEGDecoder: RowDecoder {
    /// The colour space the file declares (through its JFIF or Adobe markers).
    public enum ColorSpace: Sendable, Equatable {
        case unknown, gray, yCbCr, rgb, cmyk, ycck
    }

    /// What the frame header says.
    public struct Header: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// Components in the file: 1, 3 or 4.
        public var components: Int
        public var colorSpace: ColorSpace
        public var isProgressive: Bool
        public var isArithmeticCoded: Bool
        /// An Adobe APP14 marker is present (CMYK values are then stored inverted).
        public var hasAdobeMarker: Bool
        public var dataPrecision: Int
    }

    /// The file name used in errors.
    public let name: String
    /// The header, once `readHeader()` succeeded.
    public private(set) var header: Header?
    public private(set) var outputWidth = 0
    public private(set) var outputHeight = 0
    public private(set) var outputChannels = 0

    /// Hand out CMYK and YCCK files as their four CMYK samples, as stored (inverted when the
    /// header has an Adobe marker), for a colour-managed conversion; set before `start`. By
    /// default they come out as RGB through the naive formula.
    var keepsCMYK = false

    private let handle: OpaquePointer
    private let bytes: UnsafeRawBufferPointer

    /// Wraps `bytes` (kept alive by the caller) of the file called `name`.
    ///
    /// With `failOnTruncation` false, data ending early is a warning and the missing rows come
    /// out grey; by default it throws `.truncated`.
    public init(bytes: UnsafeRawBufferPointer, name: String, failOnTruncation: Bool = true) throws(ImagePrepError) {
        guard let handle = cimg_jpeg_decoder_create() else { throw .outOfMemory(file: name) }
        cimg_jpeg_decoder_set_fail_on_truncation(handle, failOnTruncation ? 1 : 0)
        self.handle = handle
        self.bytes = bytes
        self.name = name
    }

    /// Declares the bytes given to `init` a `MappedFile`'s: the decoder then gives back the pages
    /// it has streamed past (they stay readable, re-read from the file when touched).
    func releaseInputAsRead() {
        cimg_jpeg_decoder_release_input(handle, 1)
    }

    deinit {
        cimg_jpeg_decoder_destroy(handle)
    }

    public var warningCount: Int { Int(cimg_jpeg_decoder_warning_count(handle)) }

    public var firstWarning: String? {
        let text = String(cString: cimg_jpeg_decoder_first_warning(handle))
        return text.isEmpty ? nil : text
    }

    /// Reads the markers up to the first scan and returns what the frame header says.
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_jpeg_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let status = cimg_jpeg_decoder_read_header(handle, base, bytes.count, &info)
        try check(status, limit: nil)
        let header = Header(
            width: Int(info.width), height: Int(info.height), components: Int(info.components),
            colorSpace: Self.colorSpace(info.colorspace), isProgressive: info.progressive != 0,
            isArithmeticCoded: info.arithmetic != 0, hasAdobeMarker: info.adobe_marker != 0,
            dataPrecision: Int(info.data_precision))
        self.header = header
        return header
    }

    /// The embedded ICC profile (reassembled from its APP2 chunks), after `readHeader()`.
    public var iccProfile: [UInt8]? {
        var data: UnsafePointer<UInt8>?
        var size = 0
        guard cimg_jpeg_decoder_icc_profile(handle, &data, &size) != 0, let data, size > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Starts decoding at 1/`scaleDenominator` of the stored size (1, 2, 4 or 8; each output side is
    /// rounded up). Throws `.tooManyPixels` when the stored width × height exceeds `maxPixels`,
    /// before any large allocation.
    public func start(scaleDenominator: Int = 1, maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        guard [1, 2, 4, 8].contains(scaleDenominator) else {
            throw .invalidOption("scale denominator must be 1, 2, 4 or 8 (got \(scaleDenominator))")
        }
        cimg_jpeg_decoder_set_keep_cmyk(handle, keepsCMYK ? 1 : 0)
        var info = cimg_jpeg_info()
        let status = cimg_jpeg_decoder_start(handle, Int32(scaleDenominator), UInt64(clamping: maxPixels), &info)
        try check(status, limit: maxPixels)
        outputWidth = Int(info.output_width)
        outputHeight = Int(info.output_height)
        outputChannels = Int(info.output_channels)
    }

    public func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        guard stride >= 0, maxRows >= 0 else { throw .invalidOption("\(name): negative stride or row count") }
        var rows: UInt32 = 0
        let status = cimg_jpeg_decoder_read_rows(handle, destination, stride, UInt32(clamping: maxRows), &rows)
        try check(status, limit: nil)
        return Int(rows)
    }

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it".
    /// Nothing after a JPEG's image data matters here; present for `RowDecoder`.
    public func finish() throws(ImagePrepError) {}

    private func check(_ status: cimg_status, limit: Int?) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_jpeg_decoder_message(handle))
        let width = header?.width ?? 0, height = header?.height ?? 0
        throw ImagePrepError(status: status, file: name, message: message) {
            if let limit { .tooManyPixels(file: name, width: width, height: height, limit: limit) }
            else { .unsupportedImage(file: name, detail: message) }
        }
    }

    private static func colorSpace(_ value: cimg_jpeg_colorspace) -> ColorSpace {
        switch value {
        case CIMG_JCS_GRAY: .gray
        case CIMG_JCS_YCBCR: .yCbCr
        case CIMG_JCS_RGB: .rgb
        case CIMG_JCS_CMYK: .cmyk
        case CIMG_JCS_YCCK: .ycck
        default: .unknown
        }
    }
}
