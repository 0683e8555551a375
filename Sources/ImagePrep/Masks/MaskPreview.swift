/// A picture for checking a mask at a glance: the base with the area to edit tinted red and
/// outlined.
public enum MaskPreview {
    /// How strongly a fully marked pixel is tinted (0–255).
    static let tint: UInt32 = 115

    /// `base` (any channels; alpha is dropped) with `mask` laid over it: each pixel mixed towards
    /// pure red in proportion to its mask value (45% at 255), and the 1-pixel inner outline of the
    /// marked area (marked pixels with an unmarked 4-neighbour; the image's own border is not an edge) drawn opaque red. Without a base,
    /// a mid-grey background. The base must have the mask's size.
    public static func render(mask: Mask, base: PixelImage?) throws(ImagePrepError) -> PixelImage {
        let w = mask.width, h = mask.height
        if let base, base.width != w || base.height != h {
            throw .invalidOption("preview: the base is \(base.width)×\(base.height) but the mask is \(w)×\(h)")
        }
        var out = [UInt8](repeating: 128, count: w * h * 3)
        let source = base?.droppingAlpha()
        mask.values.withUnsafeBufferPointer { m in
        out.withUnsafeMutableBufferPointer { dst in
            if let source {
                source.pixels.withUnsafeBufferPointer { src in
                    let c = source.channels
                    for i in 0 ..< w * h {
                        for k in 0 ..< 3 { dst[3 * i + k] = src[c * i + (c == 1 ? 0 : k)] }
                    }
                }
            }
            for y in 0 ..< h {
                for x in 0 ..< w {
                    let i = y * w + x
                    let value = m[i]
                    guard value > 0 else { continue }
                    let edge = value >= 128
                        && ((x > 0 && m[i - 1] < 128) || (x + 1 < w && m[i + 1] < 128)
                            || (y > 0 && m[i - w] < 128) || (y + 1 < h && m[i + w] < 128))
                    if edge {
                        dst[3 * i] = 255; dst[3 * i + 1] = 0; dst[3 * i + 2] = 0
                        continue
                    }
                    let a = tint * UInt32(value) / 255
                    let r = UInt32(dst[3 * i]), g = UInt32(dst[3 * i + 1]), b = UInt32(dst[3 * i + 2])
                    dst[3 * i] = UInt8((r * (255 - a) + 255 * a + 127) / 255)
                    dst[3 * i + 1] = UInt8((g * (255 - a) + 127) / 255)
                    dst[3 * i + 2] = UInt8((b * (255 - a) + 127) / 255)
                }
            }
        }
        }
        return PixelImage(width: w, height: h, channels: 3, pixels: out)
    }

    /// The preview of `mask` over the base file at `baseFile`, rendered as `prepare` would
    /// deliver it for `geometry` (same decode, orientation and resize: `Preparer.render`).
    public static func render(mask: Mask, baseFile: String, geometry: MaskGeometry,
                              options: PrepareOptions) throws(ImagePrepError) -> PixelImage {
        let data = try Preparer.read(baseFile, limit: options.maxInputBytes)
        let base = try Preparer(options: options).render(data: data, name: baseFile, orientation: geometry.orientation,
                                                         target: geometry.target)
        return try render(mask: mask, base: base)
    }
}
