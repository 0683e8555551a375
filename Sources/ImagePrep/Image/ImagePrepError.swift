/// Everything that can go wrong while probing, decoding, preparing or writing an image.
///
/// Every case names the file (or the name given to an in-memory image) and says what is wrong in
/// words a user can act on.
public enum ImagePrepError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read (missing, a directory, no permission, I/O error).
    case unreadable(file: String, reason: String)
    /// The file is an image format the tool recognises but does not handle (gif, tiff, bmp).
    case unsupportedFormat(file: String, format: String)
    /// The file's first bytes match no image format.
    case unknownFormat(file: String)
    /// The data breaks the format's rules; `detail` is the decoder's own message.
    case corrupt(file: String, detail: String)
    /// The data ends before the image does.
    case truncated(file: String, detail: String)
    /// A well-formed image of a kind that is not decoded (e.g. 12-bit JPEG).
    case unsupportedImage(file: String, detail: String)
    /// The embedded ICC profile cannot be used: lcms2 rejects it, or it does not fit the pixels.
    /// Reported as a warning; the image is treated as having no profile.
    case unusableColorProfile(file: String, reason: String)
    /// The output name's extension names one format and another was asked for.
    case formatConflict(file: String, requested: OutputFormat, named: OutputFormat)
    /// The header's dimensions are zero or otherwise impossible.
    case invalidDimensions(file: String, width: Int, height: Int)
    /// The header's pixel count is over the decode limit; refused before allocating.
    case tooManyPixels(file: String, width: Int, height: Int, limit: Int)
    /// A mask source (sketch or cut-out) whose size does not match the base's stored pixels and
    /// whose aspect ratio differs by more than 1%.
    case maskSizeMismatch(file: String, size: ImageSize, base: String, baseSize: ImageSize)
    /// The file is larger than the input size limit.
    case fileTooLarge(file: String, bytes: Int, limit: Int)
    /// No quality or size reduction brought the output under the byte limit.
    case cannotFitFileSize(file: String, bytes: Int, limit: Int)
    /// An option or argument is out of range.
    case invalidOption(String)
    /// A numeric setting of `PrepareOptions` is out of range; `rule` says what it must be.
    case invalidSetting(PrepareOptions.Setting, value: Int, rule: String)
    /// The output path is the input path.
    case outputIsInput(file: String)
    /// Writing the output failed (disk full, permission, missing folder).
    case writeFailed(file: String, reason: String)
    /// Out of memory while working on the file.
    case outOfMemory(file: String)
    /// A layer or mask does not have the base image's aspect ratio.
    case layerMismatch(file: String, size: ImageSize, base: ImageSize)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read: \(reason)"
        case let .unsupportedFormat(file, format): "\(file): unsupported format: \(format) (JPEG, PNG, WebP, HEIC, AVIF and HEIF are supported)"
        case let .unknownFormat(file): "\(file): not an image (no JPEG, PNG, WebP or HEIF signature)"
        case let .corrupt(file, detail): "\(file): corrupt image data (\(detail))"
        case let .truncated(file, detail): "\(file): truncated image data (\(detail))"
        case let .unsupportedImage(file, detail): "\(file): unsupported image: \(detail)"
        case let .unusableColorProfile(file, reason): "\(file): ICC profile ignored: \(reason)"
        case let .formatConflict(file, requested, named):
            "\(file): the name asks for \(named.rawValue.uppercased()) but \(requested.rawValue.uppercased()) was requested"
        case let .invalidDimensions(file, w, h): "\(file): invalid dimensions \(w)×\(h)"
        case let .tooManyPixels(file, w, h, limit):
            "\(file): \(w)×\(h) is \(w * h) pixels, over the decode limit of \(limit)"
        case let .maskSizeMismatch(file, size, base, baseSize):
            "\(file): the mask source is \(size) but \(base) is \(baseSize) as stored (before EXIF rotation), "
                + "a different aspect ratio; draw it over the base's stored pixels, or allow stretching"
        case let .fileTooLarge(file, bytes, limit): "\(file): \(bytes) bytes is over the input limit of \(limit) bytes"
        case let .cannotFitFileSize(file, bytes, limit):
            "\(file): could not get the output under \(limit) bytes (smallest attempt: \(bytes) bytes)"
        case let .invalidOption(message): message
        case let .invalidSetting(setting, value, rule): "the \(setting.name) \(rule) (got \(value))"
        case let .outputIsInput(file): "\(file): the output would overwrite the input"
        case let .writeFailed(file, reason): "\(file): cannot write: \(reason)"
        case let .outOfMemory(file): "\(file): out of memory"
        case let .layerMismatch(file, size, base):
            "\(file): \(size) does not have the base image's aspect ratio (\(base))"
        }
    }
}
