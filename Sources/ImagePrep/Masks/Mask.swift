/// A one-channel mask: 255 marks the area to edit, 0 the area to keep, grey (only after
/// feathering) a soft transition.
///
/// Rows run top to bottom, one byte per pixel, no padding. Build one from pixel data with
/// `MaskBuilder`, or directly from values.
public struct Mask: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// One value per pixel, row by row: 255 = edit, 0 = keep.
    public var values: [UInt8]

    /// Wraps existing values; throws when `values.count` is not `width * height`.
    public init(width: Int, height: Int, values: [UInt8]) throws(ImagePrepError) {
        guard width > 0, height > 0 else { throw .invalidDimensions(file: "mask", width: width, height: height) }
        guard values.count == width * height else {
            throw .invalidOption("mask: \(values.count) values for \(width)×\(height) pixels")
        }
        self.width = width
        self.height = height
        self.values = values
    }

    /// A mask with every pixel set to `fill` (0 = keep everything).
    public init(size: ImageSize, fill: UInt8 = 0) {
        precondition(size.width > 0 && size.height > 0, "a mask needs a positive size")
        width = size.width
        height = size.height
        values = [UInt8](repeating: fill, count: size.width * size.height)
    }

    /// Internal initialiser for buffers whose size the caller has already matched.
    init(unchecked width: Int, _ height: Int, _ values: [UInt8]) {
        precondition(values.count == width * height)
        self.width = width
        self.height = height
        self.values = values
    }

    /// The mask's size.
    public var size: ImageSize { ImageSize(width: width, height: height) }

    /// The value at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }

    /// Whether every value is 0 or 255.
    public var isBinary: Bool {
        values.withUnsafeBufferPointer { v in
            for value in v where value != 0 && value != 255 { return false }
            return true
        }
    }

    /// The fraction of the image marked for editing: the mean value over 255 (for a binary mask,
    /// the share of pixels that are 255).
    public var editFraction: Double {
        let total: Int = values.withUnsafeBufferPointer { v in
            var sum = 0
            for value in v { sum &+= Int(value) }
            return sum
        }
        return Double(total) / (255.0 * Double(values.count))
    }

    /// The mask as a one-channel gray image (white = edit).
    public var grayImage: PixelImage {
        PixelImage(width: width, height: height, channels: 1, pixels: values)
    }

    /// A mask from one channel of `image`: its gray channel, or its alpha channel when
    /// `useAlpha` (gray + alpha or RGBA), values taken as they are.
    public init(channelOf image: PixelImage, useAlpha: Bool = false) {
        let c = image.channels
        let index = useAlpha && image.hasAlpha ? c - 1 : 0
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var j = index
                for i in 0 ..< dst.count {
                    dst[i] = src[j]
                    j += c
                }
            }
        }
        self.init(unchecked: image.width, image.height, out)
    }

    /// White becomes black and black white (255 − value).
    public func inverted() -> Mask {
        var copy = self
        copy.values.withUnsafeMutableBufferPointer { v in
            for i in 0 ..< v.count { v[i] = 255 &- v[i] }
        }
        return copy
    }

    /// The union with `other` (the larger value of each pixel); both must be the same size.
    public func union(_ other: Mask) -> Mask {
        precondition(other.width == width && other.height == height, "union of masks of different sizes")
        var copy = self
        copy.values.withUnsafeMutableBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for i in 0 ..< a.count where b[i] > a[i] { a[i] = b[i] }
            }
        }
        return copy
    }

    /// This mask as an EXIF orientation (1–8) would show it upright; 5–8 swap width and height.
    public func applyingOrientation(_ orientation: Int) -> Mask {
        guard (2...8).contains(orientation) else { return self }
        let image = grayImage.applyingOrientation(orientation)
        return Mask(unchecked: image.width, image.height, image.pixels)
    }
}
