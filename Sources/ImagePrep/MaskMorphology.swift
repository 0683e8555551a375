/// Growing and shrinking a binary mask by an exact Euclidean disc.
///
/// Both run in time proportional to the number of pixels whatever the radius: a column pass
/// finds each pixel's vertical distance to the nearest marked pixel, then a row pass takes the
/// lower envelope of parabolas (Felzenszwalb & Huttenlocher's distance transform), so
/// `grow 20` costs the same as `grow 2`.
public enum MaskMorphology {
    /// Dilation: every pixel within Euclidean distance `radius` of a marked pixel (value ≥ 128)
    /// becomes 255, every other pixel 0. Radius 0 only binarizes.
    public static func dilate(_ mask: Mask, radius: Int) -> Mask {
        Mask(unchecked: mask.width, mask.height, transform(mask, radius: radius, invert: false))
    }

    /// Erosion: a pixel stays 255 only when every pixel within Euclidean distance `radius` is
    /// marked. The outside of the image counts as marked, so a mask touching the border does not
    /// pull away from it.
    public static func erode(_ mask: Mask, radius: Int) -> Mask {
        Mask(unchecked: mask.width, mask.height, transform(mask, radius: radius, invert: true))
    }

    /// Dilates the marked pixels, or with `invert` the unmarked ones (giving the complement of
    /// the erosion); the result is inverted back so both come out as 255 = marked.
    private static func transform(_ mask: Mask, radius: Int, invert: Bool) -> [UInt8] {
        let w = mask.width, h = mask.height
        // no disc reaches further than the image's diagonal; keeps the squares inside Int and the cap in UInt16
        let r = max(0, min(radius, w + h, 60_000))
        let cap = UInt16(r + 1)
        let r2 = r * r
        let on: UInt8 = invert ? 0 : 255, off: UInt8 = invert ? 255 : 0
        var out = [UInt8](repeating: 0, count: w * h)
        var down = [UInt16](repeating: 0, count: w * h)
        var up = [UInt16](repeating: cap, count: w)
        var f = [Int](repeating: 0, count: w)
        var v = [Int](repeating: 0, count: w)
        var z = [Double](repeating: 0, count: w + 1)
        mask.values.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
        down.withUnsafeMutableBufferPointer { down in
        up.withUnsafeMutableBufferPointer { up in
        f.withUnsafeMutableBufferPointer { f in
        v.withUnsafeMutableBufferPointer { v in
        z.withUnsafeMutableBufferPointer { z in
            // vertical distance to the nearest marked pixel above (capped at r + 1)
            for x in 0 ..< w {
                let marked = (src[x] >= 128) != invert
                down[x] = marked ? 0 : cap
            }
            for y in 1 ..< max(h, 1) {
                let row = y * w, prev = row - w
                for x in 0 ..< w {
                    let marked = (src[row + x] >= 128) != invert
                    let above = down[prev + x]
                    down[row + x] = marked ? 0 : (above < cap ? above + 1 : cap)
                }
            }
            // bottom-up: combine with the distance below, then one row of the 2-D transform
            for y in Swift.stride(from: h - 1, through: 0, by: -1) {
                let row = y * w
                var k = -1
                for x in 0 ..< w {
                    let marked = (src[row + x] >= 128) != invert
                    let below = up[x]
                    let fromBelow: UInt16 = marked ? 0 : (below < cap ? below + 1 : cap)
                    up[x] = fromBelow
                    let g = min(fromBelow, down[row + x])
                    guard g < cap else { continue }
                    // add the parabola (x - q)² + g² to the lower envelope
                    let fq = Int(g) * Int(g)
                    f[x] = fq
                    var s = -Double.infinity
                    while k >= 0 {
                        let q = v[k]
                        s = Double((fq + x * x) - (f[q] + q * q)) / Double(2 * (x - q))
                        if s <= z[k] { k -= 1 } else { break }
                    }
                    k += 1
                    v[k] = x
                    z[k] = k == 0 ? -Double.infinity : s
                    z[k + 1] = Double.infinity
                }
                if k < 0 {
                    for x in 0 ..< w { dst[row + x] = off }
                    continue
                }
                var j = 0
                for x in 0 ..< w {
                    let dx = Double(x)
                    while z[j + 1] < dx { j += 1 }
                    let q = v[j], d = x - q
                    dst[row + x] = d * d + f[q] <= r2 ? on : off
                }
            }
        }
        }
        }
        }
        }
        }
        }
        return out
    }
}
