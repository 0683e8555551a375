import CImageCodecs

/// Writes a baseline JPEG into memory, row by row (libjpeg-turbo underneath).
///
/// Use: `start(...)`, `writeRows(_:stride:count:)` until every row is in, then `finish()`; or
/// `JPEGEncoder.encode(_:quality:chroma:iccProfile:)` for a whole image. Not thread-safe.
public final class JPEGEncoder {
    /// How the colour (chroma) planes are sampled against brightness.
    public enum ChromaSubsampling: Sendable, Equatable {
        /// Chroma at half width and half height: the usual photo setting, smallest files.
        case yuv420
        /// Chroma at full resolution: sharper colour edges, larger files.
        case yuv444
    }

    /// The name used in errors (usually the output file).
    public let name: String
    private let handle: OpaquePointer

    /// An encoder whose errors name `name`.
    public init(name: String = "output") throws(ImagePrepError) {
        guard let handle = cimg_jpeg_encoder_create() else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.name = name
    }

    deinit {
        cimg_jpeg_encoder_destroy(handle)
    }

    /// Begins the file: `channels` 1 (gray) or 3 (RGB), `quality` 1...100, the ICC profile
    /// embedded when given.
    public func start(width: Int, height: Int, channels: Int, quality: Int,
                      chroma: ChromaSubsampling = .yuv420, iccProfile: [UInt8]? = nil) throws(ImagePrepError) {
        guard (1...65500).contains(width), (1...65500).contains(height) else {
            throw .invalidDimensions(file: name, width: width, height: height)
        }
        guard channels == 1 || channels == 3 else {
            throw .invalidOption("\(name): JPEG takes 1 (gray) or 3 (RGB) channels, not \(channels)")
        }
        guard (1...100).contains(quality) else { throw .invalidOption("JPEG quality must be 1 to 100 (got \(quality))") }
        let subsample: Int32 = chroma == .yuv420 ? 1 : 0
        let status: cimg_status
        if let iccProfile, !iccProfile.isEmpty {
            status = iccProfile.withUnsafeBufferPointer { icc in
                cimg_jpeg_encoder_start(handle, UInt32(width), UInt32(height), Int32(channels), Int32(quality),
                                        subsample, icc.baseAddress, icc.count)
            }
        } else {
            status = cimg_jpeg_encoder_start(handle, UInt32(width), UInt32(height), Int32(channels), Int32(quality),
                                             subsample, nil, 0)
        }
        try check(status)
    }

    /// Compresses `count` rows starting at `rows`, `stride` bytes apart.
    public func writeRows(_ rows: UnsafePointer<UInt8>, stride: Int, count: Int) throws(ImagePrepError) {
        guard stride >= 0, count >= 0, let count32 = UInt32(exactly: count) else {
            throw .invalidOption("\(name): invalid stride or row count")
        }
        try check(cimg_jpeg_encoder_write_rows(handle, rows, stride, count32))
    }

    /// Completes the file once every row is in and returns its bytes.
    public func finish() throws(ImagePrepError) -> [UInt8] {
        var data: UnsafePointer<UInt8>?
        var size = 0
        try check(cimg_jpeg_encoder_finish(handle, &data, &size))
        guard let data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Encodes a whole gray (1-channel) or RGB (3-channel) image.
    public static func encode(_ image: PixelImage, quality: Int = 90, chroma: ChromaSubsampling = .yuv420,
                              iccProfile: [UInt8]? = nil, name: String = "output") throws(ImagePrepError) -> [UInt8] {
        let encoder = try JPEGEncoder(name: name)
        try encoder.start(width: image.width, height: image.height, channels: image.channels, quality: quality,
                          chroma: chroma, iccProfile: iccProfile)
        try image.pixels.withUnsafeBufferPointer { (pixels) throws(ImagePrepError) in
            guard let rows = pixels.baseAddress else { return }
            try encoder.writeRows(rows, stride: image.stride, count: image.height)
        }
        return try encoder.finish()
    }

    private func check(_ status: cimg_status) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = String(cString: cimg_jpeg_encoder_message(handle))
        throw ImagePrepError(status: status, file: name, message: message) { .invalidOption("\(name): \(message)") }
    }
}
