/// A width and a height in pixels.
public struct ImageSize: Sendable, Equatable, Codable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// width × height.
    public var pixels: Int { width * height }

    public var description: String { "\(width)×\(height)" }

    /// The largest size with this aspect ratio whose pixel count is at most `maxPixels`
    /// (each side rounded down, at least 1).
    public func fitting(maxPixels: Int) -> ImageSize {
        guard pixels > maxPixels else { return self }
        let scale = (Double(maxPixels) / Double(pixels)).squareRoot()
        var w = max(1, Int((Double(width) * scale).rounded(.down)))
        var h = max(1, Int((Double(height) * scale).rounded(.down)))
        // floating-point rounding can leave the product one row or column over
        while w * h > maxPixels {
            if w >= h, w > 1 { w -= 1 } else if h > 1 { h -= 1 } else { break }
        }
        return ImageSize(width: min(w, width), height: min(h, height))
    }

    /// The largest size with this aspect ratio whose longer side is at most `maxLongestSide`
    /// (the other side rounded down, at least 1).
    public func fitting(maxLongestSide: Int) -> ImageSize {
        let longest = max(width, height)
        guard longest > maxLongestSide, maxLongestSide > 0 else { return self }
        if width >= height {
            return ImageSize(width: maxLongestSide, height: max(1, height * maxLongestSide / width))
        }
        return ImageSize(width: max(1, width * maxLongestSide / height), height: maxLongestSide)
    }

    /// The smallest size with this aspect ratio whose pixel count is at least `minPixels`
    /// (each side rounded up).
    public func reaching(minPixels: Int) -> ImageSize {
        guard pixels < minPixels else { return self }
        let scale = (Double(minPixels) / Double(pixels)).squareRoot()
        var w = max(width, Int((Double(width) * scale).rounded(.up)))
        var h = max(height, Int((Double(height) * scale).rounded(.up)))
        while w * h < minPixels {
            if w <= h { w += 1 } else { h += 1 }
        }
        return ImageSize(width: w, height: h)
    }

    /// This size scaled by `factor` (each side rounded, at least 1).
    public func scaled(by factor: Double) -> ImageSize {
        ImageSize(width: max(1, Int((Double(width) * factor).rounded())),
                  height: max(1, Int((Double(height) * factor).rounded())))
    }
}
