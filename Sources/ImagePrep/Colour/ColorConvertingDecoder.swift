/// A `RowDecoder` whose rows come out in sRGB: it reads a band from the decoder it wraps and
/// converts it through a `ColorTransform`.
///
/// Wrapping the decoder puts the conversion wherever the decoder runs, and it costs one band of
/// rows, never a full-size copy. When the image is resized the resampler's pipeline unwraps it and
/// converts each row itself, on whichever of its threads filters the row (`Preparer.stream`).
final class ColorConvertingDecoder: RowDecoder {
    /// The decoder wrapped, whose rows are not converted yet.
    let source: any RowDecoder
    let transform: ColorTransform
    private let name: String
    private var band: [UInt8] = []

    /// The most rows converted per call.
    static let maxBandRows = 64

    init(_ source: any RowDecoder, transform: ColorTransform, name: String) {
        self.source = source
        self.transform = transform
        self.name = name
    }

    var outputWidth: Int { source.outputWidth }
    var outputHeight: Int { source.outputHeight }
    var outputChannels: Int { transform.outputChannels }
    var warningCount: Int { source.warningCount }
    var firstWarning: String? { source.firstWarning }
    /// None: the rows are sRGB now, which needs no profile.
    var iccProfile: [UInt8]? { nil }

    func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, maxRows: Int) throws(ImagePrepError) -> Int {
        let width = source.outputWidth
        let inStride = width * source.outputChannels
        let wanted = min(maxRows, Self.maxBandRows)
        guard wanted > 0, inStride > 0 else { return 0 }
        if band.count < inStride * wanted { band = [UInt8](repeating: 0, count: inStride * wanted) }
        return try band.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<UInt8>) throws(ImagePrepError) -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            let rows = try source.readRows(into: base, stride: inStride, maxRows: wanted)
            if rows > 0 {
                try transform.convert(base, stride: inStride, into: destination, stride: stride, width: width,
                                      rows: rows, file: name)
            }
            return rows
        }
    }

    func finish() throws(ImagePrepError) {
        try source.finish()
    }
}
