import CImageCodecs
import Foundation

/// Makes images acceptable to a Venice endpoint: orient, resize, re-encode only when needed.
///
/// The one path every command goes through (`prepare`, the submit commands, masks, batch), so
/// they all agree on what the service will receive.
public struct Preparer: Sendable {
    public var options: PrepareOptions
    /// The bytes being prepared are a `MappedFile`'s: decoders may give back pages they have read.
    private var inputIsMappedFile = false

    public init(options: PrepareOptions = PrepareOptions()) {
        self.options = options
    }

    /// Rows per band when streaming from the decoder to the resampler and encoder.
    static let bandRows = 16

    // MARK: files

    /// Prepares the image at `input` and writes the result to `output` atomically (a temporary
    /// file renamed into place). Refuses to overwrite the input unless `inPlace` is set.
    public func prepare(file input: String, to output: String, inPlace: Bool = false) throws(ImagePrepError) -> PreparedImage {
        if !inPlace, AtomicFileWriter.sameFile(input, output) { throw .outputIsInput(file: output) }
        let prepared = try prepare(file: input)
        // an untouched file written over itself would be a no-op; skip the write
        if inPlace, prepared.isPassthrough, AtomicFileWriter.sameFile(input, output) { return prepared }
        try AtomicFileWriter.write(prepared.bytes, to: output, protecting: input, allowOverwritingInput: inPlace)
        return prepared
    }

    /// Prepares the image at `path` in memory.
    ///
    /// The file is memory-mapped; the decoder hands back the pages it has streamed past, so a
    /// large input does not count towards peak memory.
    public func prepare(file path: String) throws(ImagePrepError) -> PreparedImage {
        try options.validate()
        let file = try MappedFile(path: path, limit: options.maxInputBytes)
        var mapped = self
        mapped.inputIsMappedFile = true
        return try withExtendedLifetime(file) { () throws(ImagePrepError) -> PreparedImage in
            try mapped.prepare(file.bytes, name: path)
        }
    }

    /// Reads a whole file, memory-mapped, refusing files over `limit` bytes before reading.
    static func read(_ path: String, limit: Int) throws(ImagePrepError) -> Data {
        try MappedFile(path: path, limit: limit).data
    }

    // MARK: memory

    /// Prepares encoded image bytes; `name` is used in errors.
    public func prepare(data: Data, name: String) throws(ImagePrepError) -> PreparedImage {
        try options.validate()
        guard data.count <= options.maxInputBytes else {
            throw .fileTooLarge(file: name, bytes: data.count, limit: options.maxInputBytes)
        }
        let result: Result<PreparedImage, ImagePrepError> = data.withUnsafeBytes { raw in
            do throws(ImagePrepError) {
                return .success(try prepare(raw, name: name))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func prepare(_ raw: UnsafeRawBufferPointer, name: String) throws(ImagePrepError) -> PreparedImage {
        let info = try ImageProbe.probe(bytes: raw, name: name, fileSize: raw.count)
        let plan = try PreparePlan.make(for: info, options: options, name: name)
        var warnings: [String] = []
        if plan.isPassthrough {
            // Header-only checks cannot see damaged image data: decode once (a JPEG at 1/8,
            // which still reads every entropy-coded bit) before promising the file is fine.
            try verify(raw, info: info, name: name, warnings: &warnings)
            return PreparedImage(bytes: Array(raw), format: info.format,
                                 size: ImageSize(width: info.width, height: info.height),
                                 actions: [], quality: nil, notes: [], warnings: warnings)
        }
        return try reencode(raw, info: info, plan: plan, name: name, warnings: &warnings)
    }

    /// Decodes, orients and resizes encoded bytes to `target` (upright size), the same way
    /// `prepare` does, without encoding. Masks and layers use this to line up with a base.
    public func render(data: Data, name: String, orientation: Int, target: ImageSize?) throws(ImagePrepError) -> PixelImage {
        let result: Result<PixelImage, ImagePrepError> = data.withUnsafeBytes { raw in
            do throws(ImagePrepError) {
                let info = try ImageProbe.probe(bytes: raw, name: name, fileSize: raw.count)
                var warnings: [String] = []
                return .success(try render(raw, info: info, orientation: orientation, target: target,
                                           name: name, warnings: &warnings))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: pipeline

    private func verify(_ raw: UnsafeRawBufferPointer, info: ImageInfo, name: String,
                        warnings: inout [String]) throws(ImagePrepError) {
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
        collect(decoder, into: &warnings)
    }

    private func reencode(_ raw: UnsafeRawBufferPointer, info: ImageInfo, plan: PreparePlan, name: String,
                          warnings: inout [String]) throws(ImagePrepError) -> PreparedImage {
        // Opaque sources bound for JPEG stream straight from decoder to encoder: memory stays
        // a few rows, whatever the image size.
        let canStream = !info.hasTransparency && options.format != .png
        var tooLarge: (quality: Int, bytes: Int)?
        if canStream, plan.orientation == 1 {
            var streamWarnings = warnings
            let streamed = try streamToJPEG(raw, info: info, plan: plan, name: name, quality: options.quality,
                                            warnings: &streamWarnings)
            if streamed.bytes.count < options.maxBytes { return streamed }
            tooLarge = (options.quality, streamed.bytes.count)
            // too large at this quality: decode again into memory, where lower qualities and
            // smaller sizes can be tried without decoding each time (the decode's warnings are
            // collected again there)
        }
        let icc = iccProfile(raw, info: info, name: name)
        let stored = try renderStored(raw, info: info, orientation: plan.orientation, target: plan.target,
                                      name: name, warnings: &warnings)
        if canStream, plan.orientation != 1 {
            let turned = try turnToJPEG(stored, icc: icc, plan: plan, name: name, quality: options.quality,
                                        warnings: warnings)
            if turned.bytes.count < options.maxBytes { return turned }
            tooLarge = (options.quality, turned.bytes.count)
        }
        return try encodeWithinLimit(stored.applyingOrientation(plan.orientation), icc: icc, plan: plan,
                                     name: name, warnings: warnings, tooLarge: tooLarge)
    }

    func render(_ raw: UnsafeRawBufferPointer, info: ImageInfo, orientation: Int, target: ImageSize?,
                name: String, warnings: inout [String]) throws(ImagePrepError) -> PixelImage {
        try renderStored(raw, info: info, orientation: orientation, target: target, name: name, warnings: &warnings)
            .applyingOrientation(orientation)
    }

    /// Decodes and resizes to `target` (upright size; nil: the image's own) as `render` does, but
    /// leaves the pixels as stored: orientation not applied, width and height swapped for 5-8.
    private func renderStored(_ raw: UnsafeRawBufferPointer, info: ImageInfo, orientation: Int, target: ImageSize?,
                              name: String, warnings: inout [String]) throws(ImagePrepError) -> PixelImage {
        let swaps = orientation >= 5
        let upright = target ?? ImageSize(width: swaps ? info.height : info.width,
                                          height: swaps ? info.width : info.height)
        let stored = swaps ? ImageSize(width: upright.height, height: upright.width) : upright
        let scale = info.format == .jpeg ? PreparePlan.scaleDenominator(from: info, to: stored) : 1
        let decoder = try openDecoder(raw, info: info, scale: scale, name: name, releasingInput: inputIsMappedFile)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(stored.pixels * decoder.outputChannels)
        try stream(decoder, to: stored, name: name) { (rows: UnsafePointer<UInt8>, bytes: Int) throws(ImagePrepError) in
            pixels.append(contentsOf: UnsafeBufferPointer(start: rows, count: bytes))
        }
        try decoder.finish()
        collect(decoder, into: &warnings)
        return PixelImage(width: stored.width, height: stored.height, channels: decoder.outputChannels, pixels: pixels)
    }

    /// An opaque image decoded and resized in stored orientation, to JPEG: handed to the encoder
    /// a band of upright rows at a time, so that the upright image is never held whole next to
    /// the stored one (a 33 MP photo: one 100 MB buffer, not two).
    private func turnToJPEG(_ stored: PixelImage, icc: [UInt8]?, plan: PreparePlan, name: String,
                            quality: Int, warnings: [String]) throws(ImagePrepError) -> PreparedImage {
        let icc = Self.iccProfile(icc, fitting: stored.channels)
        let encoder = try JPEGEncoder(name: name)
        try encoder.start(width: plan.target.width, height: plan.target.height, channels: stored.channels,
                          quality: quality, iccProfile: icc)
        let stride = plan.target.width * stored.channels
        var band = [UInt8](repeating: 0, count: stride * Self.bandRows)
        try stored.pixels.withUnsafeBufferPointer { (src: UnsafeBufferPointer<UInt8>) throws(ImagePrepError) in
            try band.withUnsafeMutableBufferPointer { (dst: inout UnsafeMutableBufferPointer<UInt8>) throws(ImagePrepError) in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                var row = 0
                while row < plan.target.height {
                    let count = min(Self.bandRows, plan.target.height - row)
                    let status = cimg_orient_rows(s, UInt32(stored.width), UInt32(stored.height), Int32(stored.channels),
                                                  Int32(plan.orientation), UInt32(row), UInt32(count), d)
                    guard status == CIMG_OK else {
                        throw .corrupt(file: name, detail: "cannot turn rows \(row)..<\(row + count) upright")
                    }
                    try encoder.writeRows(d, stride: stride, count: count)
                    row += count
                }
            }
        }
        let bytes = try encoder.finish()
        return PreparedImage(bytes: bytes, format: .jpeg, size: plan.target, actions: plan.actions,
                             quality: quality, notes: [], warnings: warnings)
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
        try resampler.run(from: decoder, threads: threads, bandRows: Self.bandRows, name: name, sink: sink)
    }

    private func streamToJPEG(_ raw: UnsafeRawBufferPointer, info: ImageInfo, plan: PreparePlan, name: String,
                              quality: Int, warnings: inout [String]) throws(ImagePrepError) -> PreparedImage {
        let decoder = try openDecoder(raw, info: info, scale: plan.jpegScaleDenominator, name: name,
                                      releasingInput: inputIsMappedFile)
        let icc = Self.iccProfile(decoder.iccProfile, fitting: decoder.outputChannels)
        let encoder = try JPEGEncoder(name: name)
        try encoder.start(width: plan.target.width, height: plan.target.height, channels: decoder.outputChannels,
                          quality: quality, iccProfile: icc)
        let stride = plan.target.width * decoder.outputChannels
        try stream(decoder, to: plan.target, name: name) { (rows: UnsafePointer<UInt8>, bytes: Int) throws(ImagePrepError) in
            try encoder.writeRows(rows, stride: stride, count: bytes / stride)
        }
        try decoder.finish()
        collect(decoder, into: &warnings)
        let bytes = try encoder.finish()
        return PreparedImage(bytes: bytes, format: .jpeg, size: plan.target, actions: plan.actions,
                             quality: quality, notes: [], warnings: warnings)
    }

    private func iccProfile(_ raw: UnsafeRawBufferPointer, info: ImageInfo, name: String) -> [UInt8]? {
        guard info.hasICCProfile, let decoder = try? openDecoder(raw, info: info, scale: 1, name: name, start: false)
        else { return nil }
        return decoder.iccProfile
    }

    /// The ICC profile when its colour space matches the pixels that will carry it ('GRAY' for
    /// one channel, 'RGB ' for three or four); a CMYK profile on converted RGB, or a gray
    /// profile on gray widened to RGB, would misdescribe the pixels.
    static func iccProfile(_ profile: [UInt8]?, fitting channels: Int) -> [UInt8]? {
        guard let profile, profile.count >= 20 else { return nil }
        let space = String(decoding: profile[16 ..< 20], as: UTF8.self)
        switch channels {
        case 1, 2: return space == "GRAY" ? profile : nil
        default: return space == "RGB " ? profile : nil
        }
    }

    /// Encodes `image`, lowering JPEG quality, then size, until the file is under the byte limit.
    ///
    /// Each smaller size is aimed at the limit from the last file's size, so a 24 MP RGBA photo
    /// whose PNG is half as big again as the limit takes two encodings, not five; every size is
    /// resampled from `image` itself, never from an already reduced copy.
    /// `tooLarge`: a JPEG quality already found to give `bytes`, over the limit, at full size
    /// (the streamed attempt); it is not encoded again.
    private func encodeWithinLimit(_ image: PixelImage, icc: [UInt8]?, plan: PreparePlan, name: String,
                                   warnings: [String], tooLarge: (quality: Int, bytes: Int)? = nil) throws(ImagePrepError) -> PreparedImage {
        var original = image
        let transparent = original.hasTransparency
        let usePNG = options.format == .png || (options.format == .auto && transparent)
        if !usePNG, original.hasAlpha { original = original.droppingAlpha() }
        let profile = Self.iccProfile(icc, fitting: original.channels)
        var image = original
        var size = ImageSize(width: image.width, height: image.height)
        var actions = plan.actions
        var scaledNote: [String] = []
        var smallest = tooLarge?.bytes ?? Int.max, lastBytes = tooLarge?.bytes ?? 0
        let qualities = Self.qualityLadder(from: options.quality)
        for step in 0 ..< 8 {
            if step > 0 {
                // aim 5% under the limit, file size taken to go with the area (the 24 MP RGBA
                // photo's level-1 PNG: 1.83-1.85 bytes a pixel from 9 to 16 MP, 1.92 unresampled);
                // within 20-90% of the last area
                let area = min(0.9, max(0.2, 0.95 * Double(options.maxBytes) / Double(lastBytes)))
                let next = size.scaled(by: area.squareRoot())
                if let minPixels = options.effectiveMinPixels, next.pixels < minPixels { break }
                if next == size { break }
                size = next
                image = try Resampler.resize(original, to: size, name: name)
                scaledNote = ["scaled to \(size) to fit under \(options.maxBytes) bytes"]
                if !actions.contains(.downscale) { actions.append(.downscale) }
            }
            if usePNG {
                // the slower levels save a few percent: worth trying only at full size, when that
                // few percent may keep every pixel
                for level in step == 0 ? Self.pngLevels : [Self.pngLevels[0]] {
                    let bytes = try PNGEncoder.encode(image, compressionLevel: level, iccProfile: profile, name: name)
                    if bytes.count < options.maxBytes {
                        let levelNote = level != Self.pngLevels[0] ? ["PNG compression level \(level)"] : []
                        return PreparedImage(bytes: bytes, format: .png, size: size, actions: Self.noting(actions),
                                             quality: nil, notes: scaledNote + levelNote, warnings: warnings)
                    }
                    smallest = min(smallest, bytes.count)
                    if level == Self.pngLevels[0] { lastBytes = bytes.count }
                    if bytes.count > options.maxBytes + options.maxBytes / 16 { break }
                }
            } else {
                let tried = step == 0 ? qualities.filter { $0 != tooLarge?.quality } : [qualities.last ?? options.quality]
                for quality in tried {
                    let bytes = try JPEGEncoder.encode(image, quality: quality, iccProfile: profile, name: name)
                    if bytes.count < options.maxBytes {
                        let qualityNote = quality != options.quality
                            ? ["JPEG quality \(options.quality) → \(quality) to fit under \(options.maxBytes) bytes"] : []
                        return PreparedImage(bytes: bytes, format: .jpeg, size: size, actions: Self.noting(actions),
                                             quality: quality, notes: scaledNote + qualityNote, warnings: warnings)
                    }
                    smallest = min(smallest, bytes.count)
                    lastBytes = bytes.count
                }
            }
        }
        throw .cannotFitFileSize(file: name, bytes: smallest, limit: options.maxBytes)
    }

    /// zlib levels tried in turn for PNG output (libpng's adaptive filtering). Measured on the
    /// 24 MP RGBA photo (Benchmarks/RESULTS.md): level 1 encodes 6.4x faster than level 6 for a
    /// file 1.06x the size; level 6 is tried only when level 1 is at most 1/16 over the limit
    /// (level 9 would add about 1% for several times the time).
    static let pngLevels = [1, 6]

    /// Actions as reported: in a fixed order.
    static func noting(_ actions: [PrepareAction]) -> [PrepareAction] {
        PrepareAction.allCases.filter(actions.contains)
    }

    /// The JPEG qualities tried in turn, starting at the requested one.
    static func qualityLadder(from quality: Int) -> [Int] {
        [quality] + [85, 75, 65, 50].filter { $0 < quality }
    }

    private func collect(_ decoder: any RowDecoder, into warnings: inout [String]) {
        guard decoder.warningCount > 0 else { return }
        let first = decoder.firstWarning ?? "recoverable data error"
        warnings.append(decoder.warningCount == 1 ? first : "\(first) (and \(decoder.warningCount - 1) more warnings)")
    }

    /// Opens a decoder for `raw` (JPEG, PNG, HEIF or WebP) and, unless `start` is false, starts it. With
    /// `releasingInput` (only for a `MappedFile`'s bytes) it gives back the pages it has read.
    func openDecoder(_ raw: UnsafeRawBufferPointer, info: ImageInfo, scale: Int, name: String,
                     start: Bool = true, releasingInput: Bool = false) throws(ImagePrepError) -> any RowDecoder {
        switch info.format {
        case .jpeg:
            let decoder = try JPEGDecoder(bytes: raw, name: name, failOnTruncation: !options.allowTruncated)
            if releasingInput { decoder.releaseInputAsRead() }
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
