// Mask-pipeline suites: binarize, grow, resize and 1-bit PNG encode, each step on its own, then
// shrink, feather and the whole path as `venice-edit mask` runs it, on a generated 8000×4200
// soft-brush sketch (Benchmarks/MASKS.md).
// Each suite builds its input in a setup hook, which runs once per suite before the warm-up and
// is not measured; package-benchmark runs every suite in a process of its own, so only the mask
// suites pay for the sketch.
import Benchmark
import ImagePrep

/// The sketch's size: 33.6 MP, just over the edit endpoint's 33,177,600-pixel maximum, so the
/// resize step has work to do.
let maskSketchSize = ImageSize(width: 8000, height: 4200)

/// The size the mask is resized to: the sketch's size fitted to the edit endpoint's maximum
/// (7949×4173), which is the prepared base's size for a base as large as the sketch.
let maskTargetSize = maskSketchSize.fitting(maxPixels: Endpoint.edit.maxPixels ?? 33_177_600)

/// The grow radius of the grow suite, in pixels.
let maskGrowRadius = 20

/// A soft-brush sketch as a user might draw one.
///
/// Forty anti-aliased discs (radius 100–599, a 4-pixel soft edge) at 230 on a background of 25,
/// then ±6 of noise, like a large JPEG sketch after decoding. The generator is seeded, so every
/// run measures the same pixels.
func makeMaskSketch() -> PixelImage {
    let width = maskSketchSize.width, height = maskSketchSize.height
    var pixels = [UInt8](repeating: 25, count: width * height)
    var state: UInt64 = 42
    func random() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    pixels.withUnsafeMutableBufferPointer { p in
        for _ in 0 ..< 40 {
            let cx = Double(random() % UInt64(width)), cy = Double(random() % UInt64(height))
            let r = Double(100 + random() % 500)
            let x0 = max(0, Int(cx - r - 4)), x1 = min(width, Int(cx + r + 4))
            let y0 = max(0, Int(cy - r - 4)), y1 = min(height, Int(cy + r + 4))
            for y in y0 ..< y1 {
                for x in x0 ..< x1 {
                    let d = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                    let a = min(1, max(0, (r - d) / 4 + 0.5))
                    let v = UInt8(25 + a * 205)
                    if v > p[y * width + x] { p[y * width + x] = v }
                }
            }
        }
        for i in 0 ..< p.count { p[i] = UInt8(clamping: Int(p[i]) + Int(random() % 13) - 6) }
    }
    return PixelImage(width: width, height: height, channels: 1, pixels: pixels)
}

/// The sketch binarized with the default options (despeckle, Otsu), as the grow suite's input.
func makeBinaryMask() throws -> Mask {
    try MaskBuilder(options: MaskOptions(grow: maskGrowRadius)).binarize(sketch: makeMaskSketch()).mask
}

/// The binary mask grown by `maskGrowRadius`, as the resize suite's input.
func makeGrownMask() throws -> Mask {
    try MaskMorphology.dilate(makeBinaryMask(), radius: maskGrowRadius)
}

/// Registers the mask suites with `configuration`.
func registerMaskBenchmarks(configuration: Benchmark.Configuration) {
    Benchmark("mask binarize 33.6 MP sketch, Otsu", configuration: configuration) { _, sketch in
        blackHole(try MaskBuilder(options: MaskOptions(grow: maskGrowRadius)).binarize(sketch: sketch))
    } setup: {
        makeMaskSketch()
    }

    Benchmark("mask grow 20 px, 33.6 MP", configuration: configuration) { _, binary in
        blackHole(try MaskMorphology.dilate(binary, radius: maskGrowRadius))
    } setup: {
        try makeBinaryMask()
    }

    Benchmark("mask resize 33.6→33.2 MP", configuration: configuration) { _, grown in
        blackHole(try MaskResizer.resize(grown, to: maskTargetSize))
    } setup: {
        try makeGrownMask()
    }

    Benchmark("mask encode 33.2 MP 1-bit PNG", configuration: configuration) { _, resized in
        blackHole(try MaskEncoder.encode(resized, bitDepth: .one))
    } setup: {
        try MaskResizer.resize(makeGrownMask(), to: maskTargetSize)
    }

    Benchmark("mask shrink 20 px, 33.2 MP", configuration: configuration) { _, resized in
        blackHole(try MaskMorphology.erode(resized, radius: maskGrowRadius))
    } setup: {
        try MaskResizer.resize(makeGrownMask(), to: maskTargetSize)
    }

    Benchmark("mask feather 8 px, 33.2 MP", configuration: configuration) { _, resized in
        blackHole(try MaskBuilder(options: MaskOptions(feather: 8)).shape(resized))
    } setup: {
        try MaskResizer.resize(makeGrownMask(), to: maskTargetSize)
    }

    // what `venice-edit mask SKETCH --grow 20` does once the sketch is decoded: binarize, fit
    // onto the endpoint's grid, grow, encode
    Benchmark("mask whole path 33.6 MP sketch → 1-bit PNG", configuration: configuration) { _, sketch in
        let mask = try MaskBuilder(options: MaskOptions(grow: maskGrowRadius))
            .build(on: MaskGeometry(size: maskTargetSize), sketch: sketch).mask
        blackHole(try MaskEncoder.encode(mask))
    } setup: {
        makeMaskSketch()
    }
}
