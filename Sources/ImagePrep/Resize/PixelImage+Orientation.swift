import CImageCodecs

extension PixelImage {
    /// This image as a viewer shows it when its EXIF orientation is `orientation` (1–8):
    /// rotated and/or mirrored upright. Orientations 5–8 swap width and height.
    public func applyingOrientation(_ orientation: Int) -> PixelImage {
        guard (2...8).contains(orientation) else { return self }
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                _ = cimg_orient(s, UInt32(width), UInt32(height), Int32(channels), Int32(orientation), d)
            }
        }
        let swaps = orientation >= 5
        return PixelImage(width: swaps ? height : width, height: swaps ? width : height,
                          channels: channels, pixels: out)
    }

    /// Whether any pixel is less than fully opaque.
    public var hasTransparency: Bool {
        guard hasAlpha else { return false }
        let c = channels
        return pixels.withUnsafeBufferPointer { p in
            var i = c - 1
            while i < p.count {
                if p[i] != 255 { return true }
                i += c
            }
            return false
        }
    }

    /// The same pixels without the alpha channel (gray + alpha → gray, RGBA → RGB).
    public func droppingAlpha() -> PixelImage {
        guard hasAlpha else { return self }
        let c = channels, k = c - 1
        var out = [UInt8](repeating: 0, count: width * height * k)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var j = 0
                for i in Swift.stride(from: 0, to: src.count, by: c) {
                    for n in 0 ..< k { dst[j + n] = src[i + n] }
                    j += k
                }
            }
        }
        return PixelImage(width: width, height: height, channels: k, pixels: out)
    }
}
