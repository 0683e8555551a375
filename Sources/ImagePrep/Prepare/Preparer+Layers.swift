import Foundation

extension Preparer {
    /// Prepares an edit layer or overlay so that it lines up pixel for pixel with a prepared base.
    ///
    /// The layer goes through the same orientation and resampling as `prepare` (its own EXIF
    /// orientation applied, then resized to `base`), and is written as PNG so that exact values
    /// and transparency survive. A layer whose upright aspect ratio differs from the base's by
    /// more than 1% is refused unless `stretch` is set.
    public func prepareLayer(file path: String, matching base: ImageSize, stretch: Bool = false) throws(ImagePrepError) -> PreparedImage {
        let data = try Self.read(path, limit: options.maxInputBytes)
        let info = try ImageProbe.probe(file: path)
        let upright = ImageSize(width: info.orientedWidth, height: info.orientedHeight)
        let ratio = Double(upright.width) / Double(upright.height)
        let baseRatio = Double(base.width) / Double(base.height)
        if !stretch, abs(ratio - baseRatio) / baseRatio > 0.01 {
            throw .layerMismatch(file: path, size: upright, base: base)
        }
        let image = try render(data: data, name: path, orientation: info.orientation.rawValue, target: base)
        var actions: [PrepareAction] = [.reencode]
        if info.orientation != .up { actions.append(.orient) }
        if upright.pixels > base.pixels { actions.append(.downscale) } else if upright.pixels < base.pixels { actions.append(.upscale) }
        let bytes = try PNGEncoder.encode(image, compressionLevel: 6, iccProfile: nil, name: path)
        guard bytes.count < options.maxBytes else {
            throw .cannotFitFileSize(file: path, bytes: bytes.count, limit: options.maxBytes)
        }
        return PreparedImage(bytes: bytes, format: .png, size: base, actions: Self.noting(actions),
                             quality: nil, notes: [], warnings: [])
    }
}
