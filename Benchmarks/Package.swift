// swift-tools-version: 6.1
// package-benchmark suites for venice-edit's image pipeline. A package of its own so that the
// benchmark dependency stays out of the main build: `cd Benchmarks && swift package benchmark`.
import PackageDescription

let package = Package(
    name: "venice-edit-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "venice-edit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ImagePrepBenchmarks",
            dependencies: [
                .product(name: "ImagePrep", package: "venice-edit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ImagePrepBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
