import Foundation

/// Makes images acceptable to a Venice endpoint: orient, resize, convert to sRGB, re-encode only
/// when needed.
///
/// The one path every command goes through (`prepare`, the submit commands, masks, batch), so
/// they all agree on what the service will receive. The stages live in their own files:
/// decoding (`Preparer+Decode`, opening a decoder in `Preparer+Decoders`), colour
/// (`Preparer+Colour`), encoding (`Preparer+Encode`) and fitting the byte limit
/// (`Preparer+FitLimit`); this file holds the entry points and the order of the stages.
public struct Preparer: Sendable {
    public var options: PrepareOptions
    /// The bytes being prepared are a `MappedFile`'s: decoders may give back pages they have read.
    var inputIsMappedFile = false

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

    /// Probe, plan, then either check and pass the bytes through or decode → orient/resize →
    /// colour → encode → fit the limit.
    func prepare(_ raw: UnsafeRawBufferPointer, name: String) throws(ImagePrepError) -> PreparedImage {
        let info = try ImageProbe.probe(bytes: raw, name: name, fileSize: raw.count)
        var warnings: [String] = []
        let profile = colorProfile(raw, info: info, name: name, warnings: &warnings)
        let plan = try PreparePlan.make(for: info, profile: profile, options: options, name: name)
        if plan.isPassthrough {
            // Header-only checks cannot see damaged image data: decode once (a JPEG at 1/8,
            // which still reads every entropy-coded bit) before promising the file is fine.
            // Data that decoded only with warnings is written again from what was decoded.
            guard try verify(raw, info: info, name: name) else {
                return try reencode(raw, info: info, plan: plan.repairing(), profile: profile, name: name,
                                    warnings: &warnings)
            }
            return PreparedImage(bytes: Array(raw), format: info.format,
                                 size: ImageSize(width: info.width, height: info.height),
                                 actions: [], quality: nil, notes: [], warnings: warnings)
        }
        return try reencode(raw, info: info, plan: plan, profile: profile, name: name, warnings: &warnings)
    }

    /// Decodes, orients and resizes encoded bytes to `target` (upright size), converted to sRGB,
    /// the same way `prepare` does, without encoding. Masks and layers use this to line up with a
    /// base.
    public func render(data: Data, name: String, orientation: Int, target: ImageSize?) throws(ImagePrepError) -> PixelImage {
        let result: Result<PixelImage, ImagePrepError> = data.withUnsafeBytes { raw in
            do throws(ImagePrepError) {
                let info = try ImageProbe.probe(bytes: raw, name: name, fileSize: raw.count)
                var warnings: [String] = []
                let profile = colorProfile(raw, info: info, name: name, warnings: &warnings)
                let convertFrom = profile.flatMap { $0.needsConversion(for: info.colorModel) ? $0 : nil }
                return .success(try render(raw, info: info, orientation: orientation, target: target,
                                           convertFrom: convertFrom, name: name, warnings: &warnings))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Re-encodes following `plan`: opaque images bound for JPEG stream straight from decoder to
    /// encoder (memory stays a few rows, whatever the image size); the rest, and any JPEG over
    /// the byte limit, are decoded into memory once and fitted there.
    private func reencode(_ raw: UnsafeRawBufferPointer, info: ImageInfo, plan: PreparePlan, profile: ColorProfile?,
                          name: String, warnings: inout [String]) throws(ImagePrepError) -> PreparedImage {
        // converted pixels are sRGB and carry no profile; an unparsable profile counts as absent
        let icc = plan.convertFrom == nil ? profile?.bytes : nil
        let canStream = !info.hasTransparency && plan.formats == [.jpeg]
        var tooLarge: (quality: Int, bytes: Int)?
        if canStream, plan.orientation == 1 {
            var streamWarnings = warnings
            let streamed = try streamToJPEG(raw, info: info, plan: plan, icc: icc, name: name, quality: options.quality,
                                            warnings: &streamWarnings)
            if streamed.bytes.count < options.maxBytes { return streamed }
            tooLarge = (options.quality, streamed.bytes.count)
            // too large at this quality: decode again into memory, where lower qualities and
            // smaller sizes can be tried without decoding each time (the decode's warnings are
            // collected again there)
        }
        let stored = try renderStored(raw, info: info, orientation: plan.orientation, target: plan.target,
                                      convertFrom: plan.convertFrom, name: name, warnings: &warnings)
        if canStream, plan.orientation != 1 {
            let turned = try turnToJPEG(stored, icc: icc, plan: plan, name: name, quality: options.quality,
                                        warnings: warnings)
            if turned.bytes.count < options.maxBytes { return turned }
            tooLarge = (options.quality, turned.bytes.count)
        }
        return try encodeWithinLimit(stored.applyingOrientation(plan.orientation), icc: icc, plan: plan,
                                     name: name, warnings: warnings, tooLarge: tooLarge)
    }
}
