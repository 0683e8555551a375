import CImageCodecs

/// Writes a PNG into memory, row by row (libpng underneath).
///
/// Use: `start(...)`, `writeRows(_:stride:count:)` until every row is in, then `finish()`; or
/// `PNGEncoder.encode(_:bitDepth:compressionLevel:filter:iccProfile:)` for a whole image.
/// Not thread-safe.
public final class PNGEncoder {
    /// The row filter libpng applies before compression.
    public enum Filter: Sendable, Equatable {
        case none, sub, up, average, paeth
        /// libpng's per-row choice among all five (best compression, slowest).
        case adaptive

        var cValue: cimg_png_filter {
            switch self {
            case .none: CIMG_PNG_FILTER_NONE
            case .sub: CIMG_PNG_FILTER_SUB
            case .up: CIMG_PNG_FILTER_UP
            case .average: CIMG_PNG_FILTER_AVG
            case .paeth: CIMG_PNG_FILTER_PAETH
            case .adaptive: CIMG_PNG_FILTER_ADAPTIVE
            }
        }
    }

    /// The name used in errors (usually the output file).
    public let name: String
    private let handle: OpaquePointer

    /// An encoder whose errors name `name`.
    public init(name: String = "output") throws(ImagePrepError) {
        guard let handle = cimg_png_encoder_create() else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.name = name
    }

    deinit {
        cimg_png_encoder_destroy(handle)
    }

    /// Begins the file. `channels`: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA, from 8-bit rows.
    /// `bitDepth` 8, or 1 for gray (a sample of 128 or more becomes white). `compressionLevel`
    /// is zlib's 0...9. The ICC profile is embedded (as iCCP) when given.
    public func start(width: Int, height: Int, channels: Int, bitDepth: Int = 8, compressionLevel: Int = 6,
                      filter: Filter = .adaptive, iccProfile: [UInt8]? = nil) throws(ImagePrepError) {
        guard width > 0, height > 0, let w = UInt32(exactly: width), let h = UInt32(exactly: height) else {
            throw .invalidDimensions(file: name, width: width, height: height)
        }
        guard (1...4).contains(channels) else { throw .invalidOption("\(name): PNG takes 1 to 4 channels, not \(channels)") }
        guard bitDepth == 8 || (bitDepth == 1 && channels == 1) else {
            throw .invalidOption("\(name): PNG bit depth must be 8, or 1 for gray (got \(bitDepth))")
        }
        guard (0...9).contains(compressionLevel) else {
            throw .invalidOption("PNG compression level must be 0 to 9 (got \(compressionLevel))")
        }
        let status: cimg_status
        if let iccProfile, !iccProfile.isEmpty {
            status = iccProfile.withUnsafeBufferPointer { icc in
                cimg_png_encoder_start(handle, w, h, Int32(channels), Int32(bitDepth), Int32(compressionLevel),
                                       filter.cValue, icc.baseAddress, icc.count)
            }
        } else {
            status = cimg_png_encoder_start(handle, w, h, Int32(channels), Int32(bitDepth), Int32(compressionLevel),
                                            filter.cValue, nil, 0)
        }
        try check(status)
    }

    /// Compresses `count` rows starting at `rows`, `stride` bytes apart.
    public func writeRows(_ rows: UnsafePointer<UInt8>, stride: Int, count: Int) throws(ImagePrepError) {
        guard stride >= 0, count >= 0, let count32 = UInt32(exactly: count) else {
            throw .invalidOption("\(name): invalid stride or row count")
        }
        try check(cimg_png_encoder_write_rows(handle, rows, stride, count32))
    }

    /// Completes the file once every row is in and returns its bytes.
    public func finish() throws(ImagePrepError) -> [UInt8] {
        var data: UnsafePointer<UInt8>?
        var size = 0
        try check(cimg_png_encoder_finish(handle, &data, &size))
        guard let data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Encodes a whole image with any of 1 to 4 channels.
    public static func encode(_ image: PixelImage, bitDepth: Int = 8, compressionLevel: Int = 6,
                              filter: Filter = .adaptive, iccProfile: [UInt8]? = nil,
                              name: String = "output") throws(ImagePrepError) -> [UInt8] {
        let encoder = try PNGEncoder(name: name)
        try encoder.start(width: image.width, height: image.height, channels: image.channels, bitDepth: bitDepth,
                          compressionLevel: compressionLevel, filter: filter, iccProfile: iccProfile)
        try image.pixels.withUnsafeBufferPointer { (pixels) throws(ImagePrepError) in
            guard let rows = pixels.baseAddress else { return }
            try encoder.writeRows(rows, stride: image.stride, count: image.height)
        }
        return try encoder.finish()
    }

    private func check(_ status: cimg_status) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_png_encoder_message(handle))
        throw ImagePrepError(status: status, file: name, message: message) { .invalidOption("\(name): \(message)") }
    }
}
