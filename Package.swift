// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "venice-edit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ImagePrep", targets: ["ImagePrep"]),
        .library(name: "VeniceClient", targets: ["VeniceClient"]),
        .library(name: "Submission", targets: ["Submission"]),
        .library(name: "BatchKit", targets: ["BatchKit"]),
        .library(name: "Studio", targets: ["Studio"]),
        .executable(name: "venice-edit", targets: ["venice-edit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // C shim over libjpeg-turbo, libpng, zlib, Little CMS 2, libheif and libwebp: every setjmp/longjmp stays in here.
        .target(
            name: "CImageCodecs",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [
                .linkedLibrary("jpeg"),
                .linkedLibrary("png"),
                .linkedLibrary("z"),
                .linkedLibrary("lcms2"),
                // libheif is not linked: the shim loads it on first use (see cimg_heif_decode.c),
                // because loading it costs every process 10-15 ms (libde265's start-up)
                .linkedLibrary("dl"),
                .linkedLibrary("webp"),
                .linkedLibrary("webpdemux"),
                .linkedLibrary("pthread"),
            ]
        ),
        .target(
            name: "ImagePrep",
            dependencies: ["CImageCodecs"]
        ),
        .target(
            name: "VeniceClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        // One request from images and options: checks against the model, preparation sized to the
        // output, the request ready to send and the account of what was done.
        .target(
            name: "Submission",
            dependencies: ["ImagePrep", "VeniceClient"]
        ),
        // Batch mode: input discovery, output mapping, sharding, report/resume, rate limiting, scheduling.
        .target(
            name: "BatchKit",
            dependencies: ["ImagePrep", "VeniceClient", "Submission"]
        ),
        // `venice-edit studio`: the local page (embedded) and its API on 127.0.0.1, over the
        // submission pipeline and ImagePrep's mask code.
        .target(
            name: "Studio",
            dependencies: [
                "ImagePrep",
                "VeniceClient",
                "Submission",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "venice-edit",
            dependencies: [
                "ImagePrep",
                "VeniceClient",
                "Submission",
                "BatchKit",
                "Studio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Start-up time: a position-dependent executable that exports no symbols has no
            // relative relocations to apply and gives `dladdr` (called by the Swift runtime at
            // start) a short table to scan. With `--static-swift-stdlib` (the README's release
            // build) `venice-edit --version` starts in about 5 ms instead of 18.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "--no-export-dynamic", "-Xlinker", "-no-pie"],
                    .when(platforms: [.linux], configuration: .release)
                )
            ]
        ),
        // zlib for the contract server's own PNG check (independent of the codec shim under test).
        .systemLibrary(name: "CZlib", path: "Tests/CZlib"),
        // A local HTTP server that enforces the documented API contract; used by the tests only.
        .target(
            name: "VeniceTestServer",
            dependencies: [
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/VeniceTestServer"
        ),
        .testTarget(
            name: "ImagePrepTests",
            dependencies: ["ImagePrep", "CImageCodecs"]
        ),
        .testTarget(
            name: "VeniceClientTests",
            dependencies: ["VeniceClient", "VeniceTestServer"]
        ),
        .testTarget(
            name: "SubmissionTests",
            dependencies: ["Submission", "ImagePrep", "VeniceClient", "VeniceTestServer"]
        ),
        .testTarget(
            name: "BatchKitTests",
            dependencies: ["BatchKit", "ImagePrep", "VeniceClient"]
        ),
        .testTarget(
            name: "StudioTests",
            dependencies: [
                "Studio", "ImagePrep", "VeniceClient", "VeniceTestServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["ImagePrep", "VeniceTestServer"]
        ),
    ]
)
