import CImageCodecs

extension ImagePrepError {
    /// The error for a failed `cimg_` call on `file`, carrying the library's `message`.
    ///
    /// `overLimit` builds the error for `CIMG_ERR_LIMIT` (it knows the image's size and the limit).
    /// `CIMG_ERR_ARGUMENT` and `CIMG_ERR_STATE` mean this library called the shim wrongly; they come
    /// out as `.invalidOption` with the shim's message.
    init(status: cimg_status, file: String, message: String, overLimit: () -> ImagePrepError) {
        switch status {
        case CIMG_ERR_TRUNCATED: self = .truncated(file: file, detail: message)
        case CIMG_ERR_UNSUPPORTED: self = .unsupportedImage(file: file, detail: message)
        case CIMG_ERR_LIMIT: self = overLimit()
        case CIMG_ERR_NOMEM: self = .outOfMemory(file: file)
        case CIMG_ERR_ARGUMENT, CIMG_ERR_STATE: self = .invalidOption("\(file): \(message)")
        default: self = .corrupt(file: file, detail: message)
        }
    }
}
