import CImageCodecs

/// Separable box filters over one-channel 8-bit planes, edges replicated (loops in `cimg_mask.c`).
enum BoxBlur {
    /// Each value replaced by the mean of the `(2r+1)²` square around it (rounded; the two
    /// passes each round, so results may be one level off the exact mean).
    static func blur(_ values: [UInt8], width w: Int, height h: Int, radius r: Int) throws(ImagePrepError) -> [UInt8] {
        guard r > 0 else { return values }
        return try run(values, w, h) { src, dst in cimg_mask_box_blur(src, dst, UInt32(w), UInt32(h), UInt32(r)) }
    }

    /// A 3×3 majority vote over a binary plane (value ≥ 128 = marked): a pixel is marked when at
    /// least 5 of the 9 pixels around it (itself included) are. Removes isolated pixels, fills
    /// pinholes and smooths one-pixel jaggies; edges move by at most one pixel.
    static func majority(_ values: [UInt8], width w: Int, height h: Int) throws(ImagePrepError) -> [UInt8] {
        try run(values, w, h) { src, dst in cimg_mask_majority(src, dst, UInt32(w), UInt32(h)) }
    }

    /// Calls a `cimg_mask_` plane function from `values` into a new plane of the same size.
    static func run(_ values: [UInt8], _ w: Int, _ h: Int,
                    _ body: (UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>) -> cimg_status) throws(ImagePrepError) -> [UInt8] {
        precondition(values.count == w * h && w > 0 && h > 0 && w <= Int(UInt32.max) && h <= Int(UInt32.max))
        var out = [UInt8](repeating: 0, count: w * h)
        var status = CIMG_ERR_ARGUMENT
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if let s = src.baseAddress, let d = dst.baseAddress { status = body(s, d) }
            }
        }
        switch status {
        case CIMG_OK: return out
        case CIMG_ERR_NOMEM: throw .outOfMemory(file: "mask")
        default: throw .invalidOption("mask: invalid \(w)×\(h) plane")
        }
    }
}
