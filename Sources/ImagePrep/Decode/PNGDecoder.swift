import CImageCodecs

/// Streams 8-bit gray, RGB or RGBA rows out of a PNG held in memory (libpng underneath).
///
/// Use: `readHeader()`, optionally `iccProfile`, `start(maxPixels:)`, `readRows(into:stride:maxRows:)`
/// until it returns 0, then `finish()` to check the chunks after the image data. Palettes and tRNS
/// are expanded (gray with tRNS becomes RGBA), 16 bits are scaled to 8 with rounding, gray + alpha
/// is widened to RGBA, bit depths below 8 are widened to 8 (so 1-bit gives 0 and 255). An APNG
/// decodes as its default image. The bytes passed to `init` must stay valid for the decoder's
/// whole life. Not thread-safe.
public final class PNGDecoder: RowDecoder {
    /// The colour types of the PNG specification.
    public enum ColorType: Int, Sendable, Equatable {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
    }

    /// What the IHDR chunk (and the chunks before IDAT) say.
    public struct Header: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// 1, 2, 4, 8 or 16.
        public var bitDepth: Int
        public var colorType: ColorType
        public var isInterlaced: Bool
        /// A tRNS chunk came before the image data.
        public var hasTransparencyChunk: Bool
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
        guard let handle = cimg_png_decoder_create() else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.bytes = bytes
        self.name = name
    }

    /// Declares the bytes given to `init` a `MappedFile`'s: the decoder then gives back the pages
    /// it has streamed past (they stay readable, re-read from the file when touched).
    func releaseInputAsRead() {
        cimg_png_decoder_release_input(handle, 1)
    }

    deinit {
        cimg_png_decoder_destroy(handle)
    }

    public var warningCount: Int { Int(cimg_png_decoder_warning_count(handle)) }

    public var firstWarning: String? {
        let text = String(cString: cimg_png_decoder_first_warning(handle))
        return text.isEmpty ? nil : text
    }

    /// Reads the signature and every chunk before the first IDAT.
    @discardableResult
    public func readHeader() throws(ImagePrepError) -> Header {
        var info = cimg_png_info()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let status = cimg_png_decoder_read_header(handle, base, bytes.count, &info)
        try check(status, limit: nil)
        guard let colorType = ColorType(rawValue: Int(info.color_type)) else {
            throw .corrupt(file: name, detail: "PNG colour type \(info.color_type) is not defined")
        }
        let header = Header(
            width: Int(info.width), height: Int(info.height), bitDepth: Int(info.bit_depth),
            colorType: colorType, isInterlaced: info.interlaced != 0, hasTransparencyChunk: info.has_trns != 0)
        self.header = header
        return header
    }

    /// The iCCP profile, decompressed, after `readHeader()`.
    public var iccProfile: [UInt8]? {
        var data: UnsafePointer<UInt8>?
        var size = 0
        guard cimg_png_decoder_icc_profile(handle, &data, &size) != 0, let data, size > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Sets up the conversion to 8-bit gray, RGB or RGBA. Throws `.tooManyPixels` when
    /// width × height exceeds `maxPixels`, before any large allocation.
    public func start(maxPixels: Int = 268_435_456) throws(ImagePrepError) {
        if header == nil { try readHeader() }
        var info = cimg_png_info()
        let status = cimg_png_decoder_start(handle, UInt64(clamping: maxPixels), &info)
        try check(status, limit: maxPixels)
        outputWidth = header?.width ?? 0
        outputHeight = header?.height ?? 0
        outputChannels = Int(info.output_channels)
    }

    /// Decodes further rows. An interlaced image is decoded whole on the first call (into a buffer
    /// the decoder owns) and handed out from there.
    public func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        guard stride >= 0, maxRows >= 0 else { throw .invalidOption("\(name): negative stride or row count") }
        var rows: UInt32 = 0
        let status = cimg_png_decoder_read_rows(handle, destination, stride, UInt32(clamping: maxRows), &rows)
        try check(status, limit: nil)
        return Int(rows)
    }

    /// Reads the chunks after the image data, once every row was read: a bad CRC in a critical
    /// chunk or a missing IEND throws; a bad CRC in an ancillary chunk is a warning.
    public func finish() throws(ImagePrepError) {
        try check(cimg_png_decoder_finish(handle), limit: nil)
    }

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it".
    private func check(_ status: cimg_status, limit: Int?) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_png_decoder_message(handle))
        let width = header?.width ?? 0, height = header?.height ?? 0
        throw ImagePrepError(status: status, file: name, message: message) {
            if let limit { .tooManyPixels(file: name, width: width, height: height, limit: limit) }
            else { .unsupportedImage(file: name, detail: message) } // a chunk over libpng's caps
        }
    }
}
