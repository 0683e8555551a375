extension Preparer {
    /// Encodes `image` in the plan's formats, in turn, until one is under the byte limit.
    ///
    /// Every format but the last is tried at full size only (a PNG that does not fit becomes a
    /// JPEG, which keeps every pixel); the last one is made smaller until it fits: lower JPEG
    /// qualities, then smaller sizes. A transparent image stays PNG under `.auto`; written as JPEG
    /// (asked for by name or format) it is flattened onto white, with a warning.
    /// `tooLarge`: a JPEG quality already found to give `bytes`, over the limit, at full size
    /// (the streamed attempt); it is not encoded again.
    func encodeWithinLimit(_ image: PixelImage, icc: [UInt8]?, plan: PreparePlan, name: String,
                           warnings: [String], tooLarge: (quality: Int, bytes: Int)? = nil) throws(ImagePrepError) -> PreparedImage {
        let transparent = image.hasTransparency
        var formats = plan.formats
        if formats.count > 1, transparent { formats.removeAll { $0 == .jpeg } }
        var warnings = warnings, notes: [String] = [], smallest = Int.max
        for (index, format) in formats.enumerated() {
            var source = image
            if format == .jpeg, source.hasAlpha {
                if transparent { warnings.append("transparency flattened onto white for JPEG output") }
                source = transparent ? source.flattenedOnWhite() : source.droppingAlpha()
            }
            let last = index == formats.count - 1
            var bytes = Int.max
            if var prepared = try fit(source, as: format, icc: icc, plan: plan, name: name, shrinking: last,
                                      tooLarge: format == .jpeg ? tooLarge : nil, smallest: &bytes) {
                prepared.notes = notes + prepared.notes
                prepared.warnings = warnings
                return prepared
            }
            smallest = min(smallest, bytes)
            if !last {
                notes.append("\(format.rawValue.uppercased()) would be \(bytes) bytes, over the limit of "
                             + "\(options.maxBytes): written as \(formats[index + 1].rawValue.uppercased())")
            }
        }
        throw .cannotFitFileSize(file: name, bytes: smallest, limit: options.maxBytes)
    }

    /// Encodes `original` as `format`, lowering JPEG quality and, when `shrinking`, size until the
    /// file is under the byte limit; nil when it never was (`smallest`: the smallest attempt).
    ///
    /// Each smaller size is aimed at the limit from the last file's size, so a 24 MP RGBA photo
    /// whose PNG is half as big again as the limit takes two encodings, not five; every size is
    /// resampled from `original` itself, never from an already reduced copy.
    private func fit(_ original: PixelImage, as format: ImageFormat, icc: [UInt8]?, plan: PreparePlan, name: String,
                     shrinking: Bool, tooLarge: (quality: Int, bytes: Int)?,
                     smallest: inout Int) throws(ImagePrepError) -> PreparedImage? {
        let profile = Self.iccProfile(icc, fitting: original.channels)
        var image = original
        var size = ImageSize(width: image.width, height: image.height)
        var actions = plan.actions
        var scaledNote: [String] = []
        smallest = min(smallest, tooLarge?.bytes ?? Int.max)
        var lastBytes = tooLarge?.bytes ?? 0
        let qualities = Self.qualityLadder(from: options.quality)
        for step in 0 ..< (shrinking ? 8 : 1) {
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
            if format == .png {
                // the slower levels save a few percent: worth trying only at full size, when that
                // few percent may keep every pixel
                for level in step == 0 ? Self.pngLevels : [Self.pngLevels[0]] {
                    let bytes = try PNGEncoder.encode(image, compressionLevel: level, iccProfile: profile, name: name)
                    if bytes.count < options.maxBytes {
                        let levelNote = level != Self.pngLevels[0] ? ["PNG compression level \(level)"] : []
                        return PreparedImage(bytes: bytes, format: .png, size: size, actions: Self.noting(actions),
                                             quality: nil, notes: scaledNote + levelNote, warnings: [])
                    }
                    smallest = min(smallest, bytes.count)
                    if level == Self.pngLevels[0] { lastBytes = bytes.count }
                    if bytes.count > options.maxBytes + options.maxBytes / 16 { break }
                }
            } else {
                let tried = step == 0 ? qualities.filter { $0 != tooLarge?.quality } : [qualities.last ?? options.quality]
                for quality in tried {
                    let bytes = try JPEGEncoder.encode(image, quality: quality, chroma: plan.jpegChroma,
                                                       iccProfile: profile, name: name)
                    if bytes.count < options.maxBytes {
                        let qualityNote = quality != options.quality
                            ? ["JPEG quality \(options.quality) → \(quality) to fit under \(options.maxBytes) bytes"] : []
                        return PreparedImage(bytes: bytes, format: .jpeg, size: size, actions: Self.noting(actions),
                                             quality: quality, notes: scaledNote + qualityNote, warnings: [])
                    }
                    smallest = min(smallest, bytes.count)
                    lastBytes = bytes.count
                }
            }
        }
        return nil
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
}
