import CImageCodecs

/// The part the whole-frame decoders (`HEIFDecoder`, `WebPDecoder`) share: a C decoder object of
/// the shim that decodes the image whole in `start`, then hands out its rows, warnings, message and
/// ICC profile through functions of the same shape for each codec.
///
/// Owns the C object: destroys it when released. Not thread-safe.
final class FrameDecoderCore {
    /// The shim's functions for one codec (each takes the decoder object first).
    struct Functions {
        let destroy: (OpaquePointer) -> Void
        let message: (OpaquePointer) -> UnsafePointer<CChar>?
        let warningCount: (OpaquePointer) -> Int32
        let firstWarning: (OpaquePointer) -> UnsafePointer<CChar>?
        let iccProfile: (OpaquePointer, UnsafeMutablePointer<UnsafePointer<UInt8>?>, UnsafeMutablePointer<Int>) -> Int32
        let readRows: (OpaquePointer, UnsafeMutablePointer<UInt8>, Int, UInt32, UnsafeMutablePointer<UInt32>) -> cimg_status
    }

    let handle: OpaquePointer
    let name: String
    private let functions: Functions

    /// Takes ownership of `handle` (nil: the shim could not allocate it) for the file `name`.
    init(_ handle: OpaquePointer?, name: String, functions: Functions) throws(ImagePrepError) {
        guard let handle else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.name = name
        self.functions = functions
    }

    deinit {
        functions.destroy(handle)
    }

    var warningCount: Int { Int(functions.warningCount(handle)) }

    var firstWarning: String? {
        guard let text = functions.firstWarning(handle).map({ String(cString: $0) }), !text.isEmpty else { return nil }
        return text
    }

    /// The embedded ICC profile, once the header has been read.
    var iccProfile: [UInt8]? {
        var data: UnsafePointer<UInt8>?
        var size = 0
        guard functions.iccProfile(handle, &data, &size) != 0, let data, size > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int,
                  size: () -> (width: Int, height: Int)) throws(ImagePrepError) -> Int {
        guard stride >= 0, maxRows >= 0 else { throw .invalidOption("\(name): negative stride or row count") }
        var rows: UInt32 = 0
        try check(functions.readRows(handle, destination, stride, UInt32(clamping: maxRows), &rows), limit: nil, size: size)
        return Int(rows)
    }

    /// Throws the error for `status`; `limit` is the pixel limit when `status` may mean "over it"
    /// (`size` gives the dimensions to name). Without one, `CIMG_ERR_LIMIT` is the codec library's
    /// own security limit.
    func check(_ status: cimg_status, limit: Int?, size: () -> (width: Int, height: Int)) throws(ImagePrepError) {
        guard status != CIMG_OK else { return }
        let message = functions.message(handle).map { String(cString: $0) } ?? ""
        let name = self.name
        throw ImagePrepError(status: status, file: name, message: message) {
            if let limit {
                let (width, height) = size()
                return .tooManyPixels(file: name, width: width, height: height, limit: limit)
            }
            return .unsupportedImage(file: name, detail: message)
        }
    }
}
