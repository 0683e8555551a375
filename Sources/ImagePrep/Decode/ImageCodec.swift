import Foundation

/// Whole-image decoding of JPEG, PNG, WebP and HEIF data, chosen by the file's signature.
public enum ImageCodec {
    /// The container formats this layer decodes.
    public enum Format: Sendable, Equatable {
        case jpeg, png, webp, heif
    }

    /// The format whose signature `bytes` start with (JPEG: FF D8 FF; PNG: 89 50 4E 47 0D 0A 1A 0A;
    /// WebP: RIFF….WEBP; HEIF: an ISO-BMFF `ftyp` with a HEIF or AVIF brand), or nil for anything else.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> Format? {
        switch ImageFormat.sniff(bytes) {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        case .heic, .avif, .heif: .heif
        case .gif, .tiff, .bmp, nil: nil
        }
    }

    /// Decodes a whole image into 8-bit samples, as stored (no orientation applied): JPEG gives
    /// gray (1) or RGB (3) channels, PNG gray (1), RGB (3) or RGBA (4), WebP and HEIF RGB (3) or
    /// RGBA (4) (an animation's first frame; a HEIF's primary image, irot/imir not applied).
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - name: the file name that errors carry.
    ///   - scaleDenominator: 1, 2, 4 or 8; JPEG decodes at that fraction of its size (each side
    ///     rounded up), which is much faster. The other formats always decode at full size.
    ///   - maxPixels: the largest stored width × height accepted; over it throws `.tooManyPixels`
    ///     before anything large is allocated.
    public static func decode(_ bytes: UnsafeRawBufferPointer, name: String, scaleDenominator: Int = 1,
                              maxPixels: Int = 268_435_456) throws(ImagePrepError) -> PixelImage {
        switch sniff(bytes) {
        case .jpeg:
            let decoder = try JPEGDecoder(bytes: bytes, name: name)
            try decoder.start(scaleDenominator: scaleDenominator, maxPixels: maxPixels)
            return try readAll(from: decoder, name: name)
        case .png:
            guard [1, 2, 4, 8].contains(scaleDenominator) else {
                throw .invalidOption("scale denominator must be 1, 2, 4 or 8 (got \(scaleDenominator))")
            }
            let decoder = try PNGDecoder(bytes: bytes, name: name)
            try decoder.start(maxPixels: maxPixels)
            let image = try readAll(from: decoder, name: name)
            try decoder.finish()
            return image
        case .webp:
            let decoder = try WebPDecoder(bytes: bytes, name: name)
            try decoder.start(maxPixels: maxPixels)
            return try readAll(from: decoder, name: name)
        case .heif:
            let decoder = try HEIFDecoder(bytes: bytes, name: name)
            try decoder.start(maxPixels: maxPixels)
            return try readAll(from: decoder, name: name)
        case nil:
            throw .unknownFormat(file: name)
        }
    }

    /// Decodes a whole JPEG or PNG held in an array; see `decode(_:name:scaleDenominator:maxPixels:)`.
    public static func decode(_ bytes: [UInt8], name: String, scaleDenominator: Int = 1,
                              maxPixels: Int = 268_435_456) throws(ImagePrepError) -> PixelImage {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ImagePrepError) in
            try decode(UnsafeRawBufferPointer(buffer), name: name, scaleDenominator: scaleDenominator, maxPixels: maxPixels)
        }
    }

    /// Decodes a whole JPEG or PNG held in `Data`; see `decode(_:name:scaleDenominator:maxPixels:)`.
    public static func decode(_ bytes: Data, name: String, scaleDenominator: Int = 1,
                              maxPixels: Int = 268_435_456) throws(ImagePrepError) -> PixelImage {
        var result: Result<PixelImage, ImagePrepError> = .failure(.unknownFormat(file: name))
        bytes.withUnsafeBytes { raw in
            result = Result { () throws(ImagePrepError) in
                try decode(raw, name: name, scaleDenominator: scaleDenominator, maxPixels: maxPixels)
            }
        }
        return try result.get()
    }

    /// Reads every row of a started decoder into a new image.
    static func readAll(from decoder: some RowDecoder, name: String) throws(ImagePrepError) -> PixelImage {
        let width = decoder.outputWidth, height = decoder.outputHeight, channels = decoder.outputChannels
        guard width > 0, height > 0 else { throw .invalidDimensions(file: name, width: width, height: height) }
        let stride = width * channels
        let (count, overflow) = stride.multipliedReportingOverflow(by: height)
        guard !overflow else { throw .outOfMemory(file: name) }
        var failure: ImagePrepError?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var row = 0
            do throws(ImagePrepError) {
                while row < height {
                    let got = try decoder.readRows(into: base + row * stride, stride: stride, maxRows: height - row)
                    guard got > 0 else {
                        throw .truncated(file: name, detail: "the decoder stopped after \(row) of \(height) rows")
                    }
                    row += got
                }
                initialized = count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
    }
}
