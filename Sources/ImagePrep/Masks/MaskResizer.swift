import CImageCodecs

/// Resizing a binary mask so that it stays binary and keeps thin strokes.
///
/// Each output pixel takes the exact fraction of its area that marked input pixels cover (an
/// area average in integer arithmetic, so it works for any scale, up or down). It is marked when
/// that coverage is at least 50%. A pixel covered less than that is also marked when it is part
/// of a stroke too thin to reach 50% anywhere: none of its four neighbours is covered 50% or more,
/// and it is a ridge (covered no less than both its left and right neighbours, or both its upper
/// and lower ones). That keeps a 1-pixel line shrunk 4× (25% of a column) which the threshold
/// alone would erase, while the partly covered pixels along a region's edge, which always have a
/// well covered neighbour inside, stay off. The loops are in `cimg_mask.c` (`cimg_mask_resize`).
public enum MaskResizer {
    /// `mask` (values ≥ 128 count as marked) resized to `size`, with values 0 and 255 only.
    public static func resize(_ mask: Mask, to size: ImageSize) throws(ImagePrepError) -> Mask {
        let w = mask.width, h = mask.height, ow = size.width, oh = size.height
        precondition(ow > 0 && oh > 0, "resize to an empty size")
        if ow == w && oh == h {
            var copy = mask
            copy.values.withUnsafeMutableBufferPointer { v in
                for i in 0 ..< v.count { v[i] = v[i] >= 128 ? 255 : 0 }
            }
            return copy
        }
        precondition(ow <= Int(UInt32.max) && oh <= Int(UInt32.max))
        var status = CIMG_ERR_ARGUMENT
        // cimg_mask_resize writes every output pixel when it succeeds, so skip zeroing
        let out = [UInt8](unsafeUninitializedCapacity: ow * oh) { dst, initialized in
            mask.values.withUnsafeBufferPointer { src in
                if let s = src.baseAddress, let d = dst.baseAddress {
                    status = cimg_mask_resize(s, UInt32(w), UInt32(h), d, UInt32(ow), UInt32(oh))
                }
            }
            if status != CIMG_OK, let d = dst.baseAddress { d.initialize(repeating: 0, count: ow * oh) }
            initialized = ow * oh
        }
        switch status {
        case CIMG_OK: break
        case CIMG_ERR_LIMIT: throw .invalidOption("mask: \(w)×\(h) is too large to resize (2³¹ pixels or more)")
        default: throw .outOfMemory(file: "mask")
        }
        return Mask(unchecked: ow, oh, out)
    }
}
