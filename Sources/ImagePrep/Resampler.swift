import CImageCodecs

/// Streaming Lanczos-3 resampling of 8-bit rows, over the C shim's `cimg_resizer`.
///
/// Push input rows top to bottom; after each push, pop every output row that became ready.
/// Images with alpha are resampled premultiplied, so transparent pixels leave no dark fringes.
final class Resampler {
    private let handle: OpaquePointer
    let input: ImageSize
    let output: ImageSize
    let channels: Int

    /// Creates a resampler, or throws `.outOfMemory` when the C side cannot allocate.
    init(from input: ImageSize, to output: ImageSize, channels: Int, name: String) throws(ImagePrepError) {
        guard input.width > 0, input.height > 0, output.width > 0, output.height > 0,
              let handle = cimg_resizer_create(UInt32(input.width), UInt32(input.height),
                                               UInt32(output.width), UInt32(output.height),
                                               Int32(channels), channels == 2 || channels == 4 ? 1 : 0)
        else { throw .outOfMemory(file: name) }
        self.handle = handle
        self.input = input
        self.output = output
        self.channels = channels
    }

    deinit { cimg_resizer_destroy(handle) }

    /// Feeds one input row; false when the resampler cannot take it yet (pop first) or is full.
    func push(_ row: UnsafePointer<UInt8>) -> Bool {
        cimg_resizer_push_row(handle, row) == 1
    }

    /// Writes the next ready output row to `row`; false when none is ready.
    func pop(into row: UnsafeMutablePointer<UInt8>) -> Bool {
        cimg_resizer_pop_row(handle, row) == 1
    }

    /// Output rows delivered so far.
    var rowsDone: Int { Int(cimg_resizer_rows_done(handle)) }

    /// Resizes a whole image in memory.
    static func resize(_ image: PixelImage, to size: ImageSize, name: String = "image") throws(ImagePrepError) -> PixelImage {
        if size == ImageSize(width: image.width, height: image.height) { return image }
        let resampler = try Resampler(from: ImageSize(width: image.width, height: image.height),
                                      to: size, channels: image.channels, name: name)
        var out = [UInt8](repeating: 0, count: size.pixels * image.channels)
        let inStride = image.stride, outStride = size.width * image.channels
        var produced = 0
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for y in 0 ..< image.height {
                    _ = resampler.push(s + y * inStride)
                    while produced < size.height, resampler.pop(into: d + produced * outStride) { produced += 1 }
                }
            }
        }
        return PixelImage(width: size.width, height: size.height, channels: image.channels, pixels: out)
    }
}
