import CImageCodecs

/// Box filters over one-channel 8-bit planes, edges replicated (loops in `cimg_mask.c`).
enum BoxBlur {
    /// Each value replaced by the mean of the `(2r+1)²` square around it (rounded; the two
    /// passes each round, so results may be one level off the exact mean).
    static func blur(_ values: [UInt8], width w: Int, height h: Int, radius r: Int) throws(ImagePrepError) -> [UInt8] {
        guard r > 0 else { return values }
        return try run(values, w, h) { src, dst in cimg_mask_box_blur(src, dst, UInt32(w), UInt32(h), UInt32(r)) }
    }

    /// Calls a `cimg_mask_` plane function from `values` into a new plane of the same size.
    static func run(_ values: [UInt8], _ w: Int, _ h: Int,
                    _ body: (UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>) -> cimg_status) throws(ImagePrepError) -> [UInt8] {
        precondition(values.count == w * h && w > 0 && h > 0 && w <= Int(UInt32.max) && h <= Int(UInt32.max))
        var status = CIMG_ERR_ARGUMENT
        // every cimg_mask_ plane function writes all of dst when it succeeds, so skip zeroing it
        let out = [UInt8](unsafeUninitializedCapacity: w * h) { dst, initialized in
            values.withUnsafeBufferPointer { src in
                if let s = src.baseAddress, let d = dst.baseAddress { status = body(s, d) }
            }
            if status != CIMG_OK, let d = dst.baseAddress { d.initialize(repeating: 0, count: w * h) }
            initialized = w * h
        }
        switch status {
        case CIMG_OK: return out
        case CIMG_ERR_NOMEM: throw .outOfMemory(file: "mask")
        default: throw .invalidOption("mask: invalid \(w)×\(h) plane")
        }
    }
}
