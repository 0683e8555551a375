import CImageCodecs

/// Growing and shrinking a binary mask by an exact Euclidean disc.
///
/// Both run in time proportional to the number of pixels whatever the radius: a column pass
/// finds each pixel's vertical distance `g` to the nearest marked pixel; a marked pixel `g` rows
/// away in column `q` reaches exactly the columns `q ± ⌊√(r² − g²)⌋` of a row, so each row is a
/// union of intervals, found in two sweeps. `grow 20` costs the same as `grow 2`. The loops are in `cimg_mask.c` (`cimg_mask_dilate`).
public enum MaskMorphology {
    /// Dilation: every pixel within Euclidean distance `radius` of a marked pixel (value ≥ 128)
    /// becomes 255, every other pixel 0. Radius 0 only binarizes.
    public static func dilate(_ mask: Mask, radius: Int) throws(ImagePrepError) -> Mask {
        Mask(unchecked: mask.width, mask.height, try transform(mask, radius: radius, invert: false))
    }

    /// Erosion: a pixel stays 255 only when every pixel within Euclidean distance `radius` is
    /// marked. The outside of the image counts as marked, so a mask touching the border does not
    /// pull away from it.
    public static func erode(_ mask: Mask, radius: Int) throws(ImagePrepError) -> Mask {
        Mask(unchecked: mask.width, mask.height, try transform(mask, radius: radius, invert: true))
    }

    /// Dilates the marked pixels, or with `invert` the unmarked ones and complements the result
    /// (the erosion).
    private static func transform(_ mask: Mask, radius: Int, invert: Bool) throws(ImagePrepError) -> [UInt8] {
        let r = UInt32(clamping: max(0, radius))
        return try BoxBlur.run(mask.values, mask.width, mask.height) { src, dst in
            cimg_mask_dilate(src, dst, UInt32(mask.width), UInt32(mask.height), r, invert ? 1 : 0)
        }
    }
}
