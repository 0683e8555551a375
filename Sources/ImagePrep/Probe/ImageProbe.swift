/// Reads an image's header — format, dimensions, colour model, orientation and the rest of
/// `ImageInfo` — without decoding pixels.
///
/// A file is memory-mapped and only the pages holding its header are touched, so a 100-megapixel
/// JPEG probes in well under a millisecond of work. The format is decided by the leading bytes,
/// never by the file name. Dimensions are reported as declared, however large; the decode limit
/// is applied elsewhere.
///
/// JPEG and PNG headers are read here; WebP by `WebPHeaderReader`, HEIF (HEIC, AVIF, other
/// codings) by `HEIFHeaderReader`, whose orientation is the one HEIF's irot/imir amount to.
///
/// Errors: no known signature → `.unknownFormat`; a recognised format that is not decoded →
/// `.unsupportedFormat(format:)` with the format's name (`gif`, `tiff`, `bmp`); an empty file, or
/// data that ends before the JPEG frame header, before the PNG image data, inside the WebP
/// header or inside HEIF's `meta` box → `.truncated`; broken structure → `.corrupt` with the specific problem; a zero (or, for
/// PNG, over 2³¹−1) width or height → `.invalidDimensions`; a JPEG with 2 or more than 4 components
/// → `.unsupportedImage`; a file that cannot be opened or mapped → `.unreadable`.
public enum ImageProbe {
    /// Probes the image file at `path`; errors name the file by `path`.
    ///
    /// The file is mapped read-only for the duration of the call. As with any mapping, a file
    /// truncated by another process during those microseconds would fault (SIGBUS) on access.
    public static func probe(file path: String) throws(ImagePrepError) -> ImageInfo {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(ImagePrepError) -> ImageInfo in
            try probe(bytes: file.bytes, name: path, fileSize: file.bytes.count)
        }
    }

    /// Probes an image held in memory; `name` is used in errors, `fileSize` (default: the number
    /// of bytes) is reported in `ImageInfo.fileSize`.
    public static func probe(
        bytes: UnsafeRawBufferPointer, name: String, fileSize: Int? = nil
    ) throws(ImagePrepError) -> ImageInfo {
        let size = fileSize ?? bytes.count
        guard let format = ImageFormat.sniff(bytes) else {
            if bytes.isEmpty {
                throw .truncated(file: name, detail: "the file is empty")
            }
            if ImageFormat.isSignaturePrefix(bytes) {
                throw .truncated(file: name, detail: "the data ends at byte \(bytes.count), inside the format signature")
            }
            throw .unknownFormat(file: name)
        }
        switch format {
        case .jpeg: return try JPEGHeaderReader.read(bytes, name: name, fileSize: size)
        case .png: return try PNGHeaderReader.read(bytes, name: name, fileSize: size)
        case .webp: return try WebPHeaderReader.read(bytes, name: name, fileSize: size)
        case .heic, .avif, .heif: return try HEIFHeaderReader.read(bytes, name: name, fileSize: size)
        case .gif, .tiff, .bmp:
            throw .unsupportedFormat(file: name, format: format.rawValue)
        }
    }

    /// Probes an image held in memory; see `probe(bytes:name:fileSize:)`.
    public static func probe(bytes: [UInt8], name: String, fileSize: Int? = nil) throws(ImagePrepError) -> ImageInfo {
        let result: Result<ImageInfo, ImagePrepError> = bytes.withUnsafeBytes { buffer in
            do throws(ImagePrepError) {
                return .success(try probe(bytes: buffer, name: name, fileSize: fileSize))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
