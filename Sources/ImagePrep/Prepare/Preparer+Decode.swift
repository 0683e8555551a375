import Foundation

extension Preparer {
    /// Decodes every row of a file that looked ready (a JPEG at 1/8, which still reads every
    /// entropy-coded bit); true when the decoder reported no warning at all.
    func verify(_ raw: UnsafeRawBufferPointer, info: ImageInfo, name: String) throws(ImagePrepError) -> Bool {
        let decoder = try openDecoder(raw, info: info, scale: info.format == .jpeg ? 8 : 1, name: name)
        let stride = decoder.outputWidth * decoder.outputChannels
        var band = [UInt8](repeating: 0, count: stride * Self.bandRows)
        try band.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<UInt8>) throws(ImagePrepError) in
            guard let base = buffer.baseAddress else { return }
            var rows = 0
            while rows < decoder.outputHeight {
                let n = try decoder.readRows(into: base, stride: stride, maxRows: Self.bandRows)
                if n == 0 { break }
                rows += n
            }
        }
        try decoder.finish()
        return decoder.warningCount == 0
    }

    /// Decodes, converts to sRGB (from `convertFrom`), resizes to `target` and orients.
    func render(_ raw: UnsafeRawBufferPointer, info: ImageInfo, orientation: Int, target: ImageSize?,
                convertFrom: ColorProfile?, name: String, warnings: inout [String]) throws(ImagePrepError) -> PixelImage {
        try renderStored(raw, info: info, orientation: orientation, target: target, convertFrom: convertFrom,
                         name: name, warnings: &warnings)
            .applyingOrientation(orientation)
    }

    /// Decodes and resizes to `target` (upright size; nil: the image's own) as `render` does, but
    /// leaves the pixels as stored: orientation not applied, width and height swapped for 5-8.
    func renderStored(_ raw: UnsafeRawBufferPointer, info: ImageInfo, orientation: Int, target: ImageSize?,
                      convertFrom: ColorProfile?, name: String, warnings: inout [String]) throws(ImagePrepError) -> PixelImage {
        let swaps = orientation >= 5
        let upright = target ?? ImageSize(width: swaps ? info.height : info.width,
                                          height: swaps ? info.width : info.height)
        let stored = swaps ? ImageSize(width: upright.height, height: upright.width) : upright
        let scale = info.format == .jpeg ? PreparePlan.scaleDenominator(from: info, to: stored) : 1
        let decoder = try openDecoder(raw, info: info, scale: scale, convertFrom: convertFrom, name: name,
                                      warnings: &warnings)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(stored.pixels * decoder.outputChannels)
        try stream(decoder, to: stored, name: name) { (rows: UnsafePointer<UInt8>, bytes: Int) throws(ImagePrepError) in
            pixels.append(contentsOf: UnsafeBufferPointer(start: rows, count: bytes))
        }
        try decoder.finish()
        collect(decoder, into: &warnings)
        return PixelImage(width: stored.width, height: stored.height, channels: decoder.outputChannels, pixels: pixels)
    }

    /// Streams every row of `decoder`, resized to `size` when it differs, to `sink` in bands.
    func stream(_ decoder: any RowDecoder, to size: ImageSize, name: String,
                sink: (UnsafePointer<UInt8>, Int) throws(ImagePrepError) -> Void) throws(ImagePrepError) {
        let w = decoder.outputWidth, h = decoder.outputHeight, c = decoder.outputChannels
        if size == ImageSize(width: w, height: h) {
            let inStride = w * c
            var inBand = [UInt8](repeating: 0, count: inStride * Self.bandRows)
            var rows = 0
            try inBand.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<UInt8>) throws(ImagePrepError) in
                guard let base = buffer.baseAddress else { return }
                while rows < h {
                    let n = try decoder.readRows(into: base, stride: inStride, maxRows: min(Self.bandRows, h - rows))
                    guard n > 0 else { break }
                    try sink(base, n * inStride)
                    rows += n
                }
            }
            guard rows == h else { throw .corrupt(file: name, detail: "the decoder stopped after \(rows) of \(h) rows") }
            return
        }
        let resampler = try Resampler(from: ImageSize(width: w, height: h), to: size, channels: c, name: name)
        // decode on a second thread from about a megapixel up; below that, starting it costs more
        let threads = w * h >= 1 << 20 ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1
        // a colour conversion that keeps the channels moves into the pipeline, where both threads
        // share it, instead of lengthening the decode thread's work
        if let converting = decoder as? ColorConvertingDecoder, converting.transform.keepsChannels {
            try resampler.run(from: converting.source, colour: converting.transform, threads: threads,
                              bandRows: Self.bandRows, name: name, sink: sink)
            return
        }
        try resampler.run(from: decoder, threads: threads, bandRows: Self.bandRows, name: name, sink: sink)
    }

    /// Adds the decoder's warnings (the first one, and how many more) to `warnings`.
    func collect(_ decoder: any RowDecoder, into warnings: inout [String]) {
        guard decoder.warningCount > 0 else { return }
        let first = decoder.firstWarning ?? "recoverable data error"
        warnings.append(decoder.warningCount == 1 ? first : "\(first) (and \(decoder.warningCount - 1) more warnings)")
    }
}
