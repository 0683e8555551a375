import CImageCodecs

/// What the pipeline's C callbacks reach through their context pointer. The source callback runs
/// on the pipeline's decoder thread and only touches `decoder` and `sourceError`; the sink runs
/// on the calling thread; the caller reads the errors after the pipeline has joined its thread.
private final class PipelineContext {
    let decoder: any RowDecoder
    let sink: (UnsafePointer<UInt8>, Int) throws(ImagePrepError) -> Void
    var sourceError: ImagePrepError?
    var sinkError: ImagePrepError?

    init(decoder: any RowDecoder, sink: @escaping (UnsafePointer<UInt8>, Int) throws(ImagePrepError) -> Void) {
        self.decoder = decoder
        self.sink = sink
    }
}

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

    /// Streams every row of `decoder` through the resampler into `sink`, in bands of `bandRows`
    /// output rows (`sink` gets a pointer and a byte count). With `threads` >= 2 the decoder runs
    /// on a second thread and the two share the horizontal pass (cimg_pipeline.c); `sink` is
    /// always called on the calling thread. With `colour` (as many channels out as in) each input
    /// row is converted just before its horizontal pass, by the thread that filters it. Use on a
    /// fresh resampler only.
    func run(from decoder: any RowDecoder, colour: ColorTransform? = nil, threads: Int, bandRows: Int, name: String,
             sink: (UnsafePointer<UInt8>, Int) throws(ImagePrepError) -> Void) throws(ImagePrepError) {
        let result: Result<cimg_status, ImagePrepError> = withoutActuallyEscaping(sink) { sink in
            let context = PipelineContext(decoder: decoder, sink: sink)
            let opaque = Unmanaged.passUnretained(context).toOpaque()
            let status = cimg_resize_pipeline_colour(handle, Int32(threads), UInt32(clamping: bandRows), colour?.handle, { ctx, dst, stride, maxRows, rowsRead in
                let context = Unmanaged<PipelineContext>.fromOpaque(ctx!).takeUnretainedValue()
                do throws(ImagePrepError) {
                    rowsRead!.pointee = UInt32(try context.decoder.readRows(into: dst!, stride: stride, maxRows: Int(maxRows)))
                    return 0
                } catch {
                    context.sourceError = error
                    return 1
                }
            }, opaque, { ctx, rows, stride, count in
                let context = Unmanaged<PipelineContext>.fromOpaque(ctx!).takeUnretainedValue()
                do throws(ImagePrepError) {
                    try context.sink(rows!, stride * Int(count))
                    return 0
                } catch {
                    context.sinkError = error
                    return 1
                }
            }, opaque)
            withExtendedLifetime(context) {}
            withExtendedLifetime(colour) {}
            if let error = context.sourceError ?? context.sinkError { return .failure(error) }
            return .success(status)
        }
        switch try result.get() {
        case CIMG_OK: return
        case CIMG_ERR_NOMEM: throw .outOfMemory(file: name)
        default: throw .corrupt(file: name, detail: "the decoder stopped before the last of its \(input.height) rows")
        }
    }

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
