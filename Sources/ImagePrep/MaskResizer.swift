/// Resizing a binary mask so that it stays binary and keeps thin strokes.
///
/// Each output pixel takes the exact fraction of its area that marked input pixels cover (an
/// area average in integer arithmetic, so it works for any scale, up or down). It is marked when
/// that coverage is at least 50%. A pixel covered less than that is also marked when it is part
/// of a stroke too thin to reach 50% anywhere: none of its four neighbours is covered 50% or more,
/// and it is a ridge (covered no less than both its left and right neighbours, or both its upper
/// and lower ones). That keeps a 1-pixel line shrunk 4× (25% of a column) which the threshold
/// alone would erase, while the partly covered pixels along a region's edge, which always have a
/// well covered neighbour inside, stay off.
public enum MaskResizer {
    /// `mask` (values ≥ 128 count as marked) resized to `size`, with values 0 and 255 only.
    public static func resize(_ mask: Mask, to size: ImageSize) -> Mask {
        let w = mask.width, h = mask.height, ow = size.width, oh = size.height
        precondition(ow > 0 && oh > 0, "resize to an empty size")
        if ow == w && oh == h {
            var copy = mask
            copy.values.withUnsafeMutableBufferPointer { v in
                for i in 0 ..< v.count { v[i] = v[i] >= 128 ? 255 : 0 }
            }
            return copy
        }
        // Coordinates in units of 1/ow of an input pixel horizontally: input column i spans
        // [i·ow, (i+1)·ow), output column X spans [X·w, (X+1)·w); their overlap is an integer.
        let xSpans = spans(input: w, output: ow)
        let ySpans = spans(input: h, output: oh)
        let full = Int64(w) * Int64(h)   // the coverage of a fully marked output pixel
        var coverage = [UInt16](repeating: 0, count: ow * oh)
        var rowH = [Int64](repeating: 0, count: ow)
        var acc = [Int64](repeating: 0, count: ow)
        var cachedRow = -1
        mask.values.withUnsafeBufferPointer { src in
        coverage.withUnsafeMutableBufferPointer { cov in
        rowH.withUnsafeMutableBufferPointer { rowH in
        acc.withUnsafeMutableBufferPointer { acc in
            for oy in 0 ..< oh {
                for x in 0 ..< ow { acc[x] = 0 }
                let ySpan = ySpans[oy]
                for (j, weightY) in ySpan {
                    if j != cachedRow {
                        let row = j * w
                        for ox in 0 ..< ow {
                            var sum: Int64 = 0
                            for (i, weightX) in xSpans[ox] where src[row + i] >= 128 { sum += weightX }
                            rowH[ox] = sum
                        }
                        cachedRow = j
                    }
                    for x in 0 ..< ow { acc[x] += rowH[x] * weightY }
                }
                let row = oy * ow
                for x in 0 ..< ow {
                    // round to 1/65535 but never let a partial cover reach "full" or "none"
                    var c = (acc[x] * 65535 + full / 2) / full
                    if acc[x] > 0 { c = max(c, 1) }
                    if acc[x] < full { c = min(c, 65534) }
                    cov[row + x] = UInt16(c)
                }
            }
        }
        }
        }
        }
        var out = [UInt8](repeating: 0, count: ow * oh)
        coverage.withUnsafeBufferPointer { cov in
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0 ..< oh {
                let row = y * ow
                for x in 0 ..< ow {
                    let c = cov[row + x]
                    if c >= 32768 { dst[row + x] = 255; continue }
                    if c == 0 { continue }
                    let left = x > 0 ? cov[row + x - 1] : 0, right = x + 1 < ow ? cov[row + x + 1] : 0
                    let above = y > 0 ? cov[row - ow + x] : 0, below = y + 1 < oh ? cov[row + ow + x] : 0
                    guard max(max(left, right), max(above, below)) < 32768 else { continue }
                    if (c >= left && c >= right) || (c >= above && c >= below) { dst[row + x] = 255 }
                }
            }
        }
        }
        return Mask(unchecked: ow, oh, out)
    }

    /// For each output index, the input indices it overlaps and the overlap, in units of
    /// 1/`output` of an input pixel.
    static func spans(input: Int, output: Int) -> [[(Int, Int64)]] {
        (0 ..< output).map { o in
            let start = o * input, end = (o + 1) * input   // output pixel o, in 1/output units
            var list: [(Int, Int64)] = []
            var i = start / output
            while i * output < end, i < input {
                let overlap = min(end, (i + 1) * output) - max(start, i * output)
                if overlap > 0 { list.append((i, Int64(overlap))) }
                i += 1
            }
            return list
        }
    }
}
