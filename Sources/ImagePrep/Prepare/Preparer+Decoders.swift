extension Preparer {
    /// Opens a decoder for `raw` (JPEG, PNG, HEIF or WebP) and, unless `start` is false, starts it. With
    /// `releasingInput` (only for a `MappedFile`'s bytes) it gives back the pages it has read.
    /// `keepingCMYK`: a CMYK or YCCK JPEG hands out its CMYK samples, for the colour stage to
    /// convert through the file's profile.
    func openDecoder(_ raw: UnsafeRawBufferPointer, info: ImageInfo, scale: Int, name: String,
                     start: Bool = true, releasingInput: Bool = false,
                     keepingCMYK: Bool = false) throws(ImagePrepError) -> any RowDecoder {
        switch info.format {
        case .jpeg:
            let decoder = try JPEGDecoder(bytes: raw, name: name, failOnTruncation: !options.allowTruncated)
            if releasingInput { decoder.releaseInputAsRead() }
            if keepingCMYK { decoder.keepsCMYK = true }
            _ = try decoder.readHeader()
            if start { try decoder.start(scaleDenominator: scale, maxPixels: options.decodeLimit) }
            return decoder
        case .png:
            let decoder = try PNGDecoder(bytes: raw, name: name)
            if releasingInput { decoder.releaseInputAsRead() }
            _ = try decoder.readHeader()
            if start { try decoder.start(maxPixels: options.decodeLimit) }
            return decoder
        case .heic, .avif, .heif: return try HEIFDecoder.open(raw, name: name, maxPixels: start ? options.decodeLimit : nil)
        case .webp: return try WebPDecoder.open(raw, name: name, maxPixels: start ? options.decodeLimit : nil)
        default:
            throw .unsupportedFormat(file: name, format: info.format.rawValue)
        }
    }
}
