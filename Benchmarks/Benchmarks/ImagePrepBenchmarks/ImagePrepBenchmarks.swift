// Suites over the benchmark corpus (bench-corpus/ at the repository root, or BENCH_CORPUS):
// probe, decode, resize, encode and the whole `prepare`. Build the corpus first with
// `sh ../shared/bench/make-corpus.sh bench-corpus` (Benchmarks/compare-peers.sh does it too).
// The mask steps (binarize, grow, resize, 1-bit PNG encode) are in MaskBenchmarks.swift, on a
// sketch generated in memory.
import Benchmark
import CImageCodecs
import Foundation
import ImagePrep

let corpus: String = {
    if let dir = ProcessInfo.processInfo.environment["BENCH_CORPUS"] { return dir }
    for dir in ["../bench-corpus", "bench-corpus", "/work/bench-corpus"]
    where FileManager.default.fileExists(atPath: dir + "/photo_50mp.jpg") { return dir }
    return "../bench-corpus"
}()

func load(_ name: String) -> Data {
    guard let data = FileManager.default.contents(atPath: corpus + "/" + name) else {
        fatalError("missing \(corpus)/\(name): run sh ../shared/bench/make-corpus.sh ../bench-corpus")
    }
    return data
}

/// Decodes every row of a file into one reused band; returns the rows read.
func decodeAll(_ data: Data, png: Bool) throws -> Int {
    try data.withUnsafeBytes { raw in
        let decoder: any RowDecoder
        if png {
            let d = try PNGDecoder(bytes: raw, name: "bench")
            _ = try d.readHeader()
            try d.start()
            decoder = d
        } else {
            let d = try JPEGDecoder(bytes: raw, name: "bench")
            _ = try d.readHeader()
            try d.start()
            decoder = d
        }
        let stride = decoder.outputWidth * decoder.outputChannels
        let band = UnsafeMutablePointer<UInt8>.allocate(capacity: stride * 16)
        defer { band.deallocate() }
        var rows = 0
        while true {
            let n = try decoder.readRows(into: band, stride: stride, maxRows: 16)
            if n == 0 { break }
            rows += n
        }
        return rows
    }
}

/// Synthetic source rows for the resize-only suites: a fixed pseudo-random row, so the timing
/// is the resizer's alone.
final class SyntheticRows {
    let row: [UInt8]
    let height: Int
    var next = 0
    init(width: Int, height: Int, channels: Int) {
        var x: UInt32 = 2_463_534_242
        row = (0 ..< width * channels).map { _ in x ^= x << 13; x ^= x >> 17; x ^= x << 5; return UInt8(truncatingIfNeeded: x) }
        self.height = height
    }
}

func resizeOnly(from w: Int, _ h: Int, to ow: Int, _ oh: Int, channels: Int, threads: Int) {
    guard let rs = cimg_resizer_create(UInt32(w), UInt32(h), UInt32(ow), UInt32(oh), Int32(channels), channels == 4 ? 1 : 0)
    else { fatalError("resizer") }
    defer { cimg_resizer_destroy(rs) }
    let rows = SyntheticRows(width: w, height: h, channels: channels)
    let context = Unmanaged.passRetained(rows)
    defer { context.release() }
    let status = cimg_resize_pipeline(rs, Int32(threads), 16, { ctx, dst, stride, maxRows, rowsRead in
        let rows = Unmanaged<SyntheticRows>.fromOpaque(ctx!).takeUnretainedValue()
        let n = min(Int(maxRows), rows.height - rows.next)
        rows.row.withUnsafeBufferPointer { src in
            for r in 0 ..< n { (dst! + r * stride).update(from: src.baseAddress!, count: src.count) }
        }
        rows.next += n
        rowsRead!.pointee = UInt32(n)
        return 0
    }, context.toOpaque(), { _, rows, _, _ in
        blackHole(rows!.pointee)
        return 0
    }, nil)
    precondition(status == CIMG_OK)
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident]
    func config(_ maxIterations: Int = 5) -> Benchmark.Configuration {
        .init(metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30),
              maxIterations: maxIterations)
    }

    Benchmark("probe 100 MP JPEG", configuration: config(1000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ImageProbe.probe(file: corpus + "/photo_100mp.jpg")) }
    }

    for (name, file, png) in [("decode 50 MP JPEG baseline", "photo_50mp.jpg", false),
                              ("decode 50 MP JPEG progressive", "photo_50mp_progressive.jpg", false),
                              ("decode 50 MP PNG", "photo_50mp.png", true),
                              ("decode 24 MP RGBA PNG", "photo_24mp_rgba.png", true)] {
        Benchmark(name, configuration: config()) { benchmark in
            let data = load(file)
            benchmark.startMeasurement()
            blackHole(try decodeAll(data, png: png))
        }
    }

    for (name, w, h, ow, oh, c) in [("resize RGB 50→33 MP", 8660, 5770, 7056, 4701, 3),
                                    ("resize RGB 100→33 MP", 12250, 8170, 7053, 4703, 3),
                                    ("resize RGBA 50→33 MP", 8660, 5770, 7056, 4701, 4),
                                    ("resize RGBA 100→33 MP", 12250, 8170, 7053, 4703, 4),
                                    ("resize gray 100→33 MP", 12250, 8170, 7053, 4703, 1)] {
        for threads in [1, 2] {
            Benchmark("\(name), \(threads) thread\(threads > 1 ? "s" : "")", configuration: config()) { _ in
                resizeOnly(from: w, h, to: ow, oh, channels: c, threads: threads)
            }
        }
    }

    Benchmark("encode 33 MP JPEG q90", configuration: config()) { benchmark in
        let image = PixelImage(width: 7056, height: 4701, channels: 3, pixels: SyntheticRows(width: 7056 * 4701, height: 1, channels: 3).row)
        benchmark.startMeasurement()
        blackHole(try JPEGEncoder.encode(image, quality: 90))
    }

    // The decoded image comes from a setup hook, so that only these two suites' processes decode
    // it and hold its 96 MB (each suite runs in a process of its own).
    for level in [1, 6] {
        Benchmark("encode 24 MP RGBA PNG level \(level) adaptive", configuration: config(3)) { _, rgba in
            blackHole(try PNGEncoder.encode(rgba, compressionLevel: level))
        } setup: {
            try Preparer().render(data: load("photo_24mp_rgba.png"), name: "rgba", orientation: 1, target: nil)
        }
    }

    for (name, file) in [("prepare 50 MP JPEG", "photo_50mp.jpg"), ("prepare 100 MP JPEG", "photo_100mp.jpg"),
                         ("prepare 50 MP PNG", "photo_50mp.png")] {
        Benchmark(name, configuration: config()) { benchmark in
            var options = PrepareOptions()
            options.quality = 90
            let preparer = Preparer(options: options)
            for _ in benchmark.scaledIterations { blackHole(try preparer.prepare(file: corpus + "/" + file)) }
        }
    }

    registerMaskBenchmarks(configuration: config())
}
