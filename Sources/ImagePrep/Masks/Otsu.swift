/// Otsu's method: the threshold that best separates a histogram into two classes.
public enum Otsu {
    /// The threshold `t` (0–254) that maximises the between-class variance of the classes
    /// `0...t` and `t+1...255`.
    ///
    /// When several thresholds tie (a histogram whose two modes have empty bins between them), the
    /// middle of the tied run is taken, so a clean black-and-white image splits at mid-grey. An
    /// empty or one-valued histogram gives 127.
    ///
    /// - Parameter histogram: 256 counts, one per 8-bit value (missing entries count as 0).
    public static func threshold(histogram: [Int]) -> UInt8 {
        var counts = [Double](repeating: 0, count: 256)
        for (value, count) in histogram.prefix(256).enumerated() { counts[value] = Double(max(0, count)) }
        let total = counts.reduce(0, +)
        guard total > 0 else { return 127 }
        var weightedTotal = 0.0
        for value in 0 ..< 256 { weightedTotal += Double(value) * counts[value] }

        var weightBelow = 0.0, sumBelow = 0.0
        var best = -1.0, firstBest = 127, lastBest = 127
        for t in 0 ..< 255 {
            weightBelow += counts[t]
            sumBelow += Double(t) * counts[t]
            let weightAbove = total - weightBelow
            guard weightBelow > 0, weightAbove > 0 else { continue }
            let meanBelow = sumBelow / weightBelow
            let meanAbove = (weightedTotal - sumBelow) / weightAbove
            let difference = meanBelow - meanAbove
            let variance = weightBelow * weightAbove * difference * difference
            // relative tolerance: ties between thresholds across empty bins are exact in theory,
            // but rounding makes them differ in the last bits
            if variance > best * (1 + 1e-12) {
                best = variance
                firstBest = t
                lastBest = t
            } else if variance >= best * (1 - 1e-12) {
                lastBest = t
            }
        }
        guard best > 0 else { return 127 }
        return UInt8((firstBest + lastBest) / 2)
    }

    /// The histogram of `values` (256 counts).
    public static func histogram(_ values: [UInt8]) -> [Int] {
        var counts = [Int](repeating: 0, count: 256)
        values.withUnsafeBufferPointer { v in
            counts.withUnsafeMutableBufferPointer { c in
                for value in v { c[Int(value)] &+= 1 }
            }
        }
        return counts
    }
}
