import Foundation

extension Preparer {
    /// An extra image (a multi-edit layer) decoded, oriented by its own EXIF tag and resized to
    /// the base's prepared size through the same path `prepare` takes (`render`), so every image
    /// of a request has the base's final dimensions.
    ///
    /// A layer whose upright aspect ratio differs from the base's by more than 1% is refused
    /// with `.invalidOption`, unless `stretch`. Binary masks go through `MaskBuilder` and
    /// `MaskGeometry.fit` instead, which keep them binary.
    public func renderLayer(data: Data, name: String, matching geometry: MaskGeometry,
                            stretch: Bool = false) throws(ImagePrepError) -> PixelImage {
        let probed: Result<ImageInfo, ImagePrepError> = data.withUnsafeBytes { raw in
            Result { () throws(ImagePrepError) in try ImageProbe.probe(bytes: raw, name: name, fileSize: raw.count) }
        }
        let info = try probed.get()
        let upright = ImageSize(width: info.orientedWidth, height: info.orientedHeight)
        if !stretch, !MaskGeometry.sameAspect(upright, geometry.target) {
            throw .invalidOption("\(name): the layer is \(upright) upright but \(geometry.base ?? "the base") is \(geometry.upright), "
                + "a different aspect ratio; crop it to match, or pass --stretch to scale it anyway")
        }
        return try render(data: data, name: name, orientation: info.orientation.rawValue, target: geometry.target)
    }
}
