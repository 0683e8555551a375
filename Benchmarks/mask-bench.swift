// Times the mask pipeline on a generated 33-megapixel sketch (release build; see MASKS.md).
// Run with Benchmarks/mask-bench.sh, which wraps this file in a throwaway package under /tmp.
import Foundation
import ImagePrep

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU time of this thread: what the work costs, whatever else the machine is running.
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

@discardableResult
func time<T>(_ label: String, runs: Int = 3, _ body: () throws -> T) rethrows -> T {
    var best = Double.infinity, bestCPU = Double.infinity
    var result: T?
    for _ in 0 ..< runs {
        let start = now(), cpuStart = cpuNow()
        result = try body()
        best = min(best, now() - start)
        bestCPU = min(bestCPU, cpuNow() - cpuStart)
    }
    print(String(format: "%-44@ %8.1f ms wall, %8.1f ms CPU (best of %d)", label as NSString, best * 1000,
                 bestCPU * 1000, runs))
    return result!
}

// A soft-brush sketch, 8000×4200 (33.6 MP, just over the edit endpoint's 33,177,600-pixel
// maximum so the resize step has work to do): blurred discs and strokes at 230 on 25, with
// deterministic noise, like a large JPEG sketch after decoding.
let width = 8000, height = 4200
var pixels = [UInt8](repeating: 25, count: width * height)
struct Generator {
    var state: UInt64 = 42
    mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
}
pixels.withUnsafeMutableBufferPointer { p in
    var generator = Generator()
    func random() -> UInt64 { generator.next() }
    for _ in 0 ..< 40 {
        let cx = Double(random() % UInt64(width)), cy = Double(random() % UInt64(height))
        let r = Double(100 + random() % 500)
        let x0 = max(0, Int(cx - r - 4)), x1 = min(width, Int(cx + r + 4))
        let y0 = max(0, Int(cy - r - 4)), y1 = min(height, Int(cy + r + 4))
        for y in y0 ..< y1 {
            for x in x0 ..< x1 {
                let d = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                let a = min(1, max(0, (r - d) / 4 + 0.5))          // a 4-pixel soft edge
                let v = 25 + a * 205
                if UInt8(v) > p[y * width + x] { p[y * width + x] = UInt8(v) }
            }
        }
    }
    for i in 0 ..< p.count { p[i] = UInt8(clamping: Int(p[i]) + Int(random() % 13) - 6) }
}
let sketch = PixelImage(width: width, height: height, channels: 1, pixels: pixels)
let target = ImageSize(width: width, height: height).fitting(maxPixels: Endpoint.edit.maxPixels ?? 33_177_600)
print("sketch \(width)×\(height) (\(width * height) px) → \(target) (\(target.pixels) px)")

let builder = MaskBuilder(options: MaskOptions(grow: 20))
let geometry = MaskGeometry(size: target)
let binary = try time("binarize (despeckle + Otsu + threshold)") { try builder.binarize(sketch: sketch).mask }
let grownFirst = try time("grow 20 (exact disc)") { try MaskMorphology.dilate(binary, radius: 20) }
let resized = try time("resize to the endpoint maximum") { try MaskResizer.resize(grownFirst, to: target) }
let png1 = try time("PNG encode 1-bit, Up filter, level 6") { try MaskEncoder.encode(resized) }
let png8 = try time("PNG encode 8-bit, Sub filter, level 6") { try MaskEncoder.encode(resized, bitDepth: .eight) }
let png8up = try time("PNG encode 8-bit, Up filter, level 1") {
    try PNGEncoder.encode(resized.grayImage, compressionLevel: 1, filter: .up)
}
print("sizes: 1-bit \(png1.bytes.count) B, 8-bit sub/6 \(png8.bytes.count) B, 8-bit up/1 \(png8up.count) B")
try time("shrink 20") { try MaskMorphology.erode(resized, radius: 20) }
try time("feather 8") { try MaskBuilder(options: MaskOptions(feather: 8)).shape(resized) }

// the whole library path as the command runs it (sketch already decoded): binarize, orient
// (none), resize onto the grid, grow, encode
let total = try time("TOTAL build(on:) + encode", runs: 5) { () -> Int in
    let mask = try! builder.build(on: geometry, sketch: sketch).mask
    return try! MaskEncoder.encode(mask).bytes.count
}
print("total output \(total) bytes")
