/// Separable box filters over one-channel 8-bit planes, edges replicated.
enum BoxBlur {
    /// Each value replaced by the mean of the `(2r+1)²` square around it (rounded; the two
    /// passes each round, so results may be one level off the exact mean).
    static func blur(_ values: [UInt8], width w: Int, height h: Int, radius r: Int) -> [UInt8] {
        guard r > 0 else { return values }
        let n = 2 * r + 1
        var horizontal = [UInt8](repeating: 0, count: w * h)
        var out = [UInt8](repeating: 0, count: w * h)
        var columns = [UInt32](repeating: 0, count: w)
        values.withUnsafeBufferPointer { src in
        horizontal.withUnsafeMutableBufferPointer { hz in
        out.withUnsafeMutableBufferPointer { dst in
        columns.withUnsafeMutableBufferPointer { col in
            let half = UInt32(n / 2)
            for y in 0 ..< h {
                let row = y * w
                var sum: UInt32 = 0
                for dx in -r ... r { sum += UInt32(src[row + min(max(dx, 0), w - 1)]) }
                for x in 0 ..< w {
                    hz[row + x] = UInt8((sum + half) / UInt32(n))
                    let add = min(x + r + 1, w - 1), drop = max(x - r, 0)
                    sum = sum + UInt32(src[row + add]) - UInt32(src[row + drop])
                }
            }
            for dy in -r ... r {
                let row = min(max(dy, 0), h - 1) * w
                for x in 0 ..< w { col[x] += UInt32(hz[row + x]) }
            }
            for y in 0 ..< h {
                let row = y * w
                for x in 0 ..< w { dst[row + x] = UInt8((col[x] + half) / UInt32(n)) }
                let add = min(y + r + 1, h - 1) * w, drop = max(y - r, 0) * w
                for x in 0 ..< w { col[x] = col[x] + UInt32(hz[add + x]) - UInt32(hz[drop + x]) }
            }
        }
        }
        }
        }
        return out
    }

    /// A 3×3 majority vote over a binary plane (value ≥ 128 = marked): a pixel is marked when at
    /// least 5 of the 9 pixels around it (itself included) are. Removes isolated pixels, fills
    /// pinholes and smooths one-pixel jaggies; edges move by at most one pixel.
    static func majority(_ values: [UInt8], width w: Int, height h: Int) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: w * h)
        var out = [UInt8](repeating: 0, count: w * h)
        values.withUnsafeBufferPointer { src in
        counts.withUnsafeMutableBufferPointer { cnt in
        out.withUnsafeMutableBufferPointer { dst in
            // horizontal counts of marked pixels among x-1, x, x+1
            for y in 0 ..< h {
                let row = y * w
                for x in 0 ..< w {
                    let a = src[row + max(x - 1, 0)] >> 7, b = src[row + x] >> 7, c = src[row + min(x + 1, w - 1)] >> 7
                    cnt[row + x] = a + b + c
                }
            }
            for y in 0 ..< h {
                let row = y * w, above = max(y - 1, 0) * w, below = min(y + 1, h - 1) * w
                for x in 0 ..< w {
                    dst[row + x] = cnt[above + x] + cnt[row + x] + cnt[below + x] >= 5 ? 255 : 0
                }
            }
        }
        }
        }
        return out
    }
}
