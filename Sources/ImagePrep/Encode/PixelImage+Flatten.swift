extension PixelImage {
    /// The image composited over white, without its alpha channel (gray + alpha → gray, RGBA →
    /// RGB): what a transparent image looks like as JPEG.
    public func flattenedOnWhite() -> PixelImage {
        guard hasAlpha else { return self }
        let c = channels, k = c - 1
        var out = [UInt8](repeating: 0, count: width * height * k)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var j = 0
                for i in Swift.stride(from: 0, to: src.count, by: c) {
                    let a = UInt32(src[i + k])
                    for n in 0 ..< k {
                        // colour × alpha + white × (1 − alpha), rounded
                        dst[j + n] = UInt8((UInt32(src[i + n]) * a + 255 * (255 - a) + 127) / 255)
                    }
                    j += k
                }
            }
        }
        return PixelImage(width: width, height: height, channels: k, pixels: out)
    }
}
