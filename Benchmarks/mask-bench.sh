#!/usr/bin/env bash
# Builds Benchmarks/mask-bench.swift in release mode against this checkout's ImagePrep library
# (a throwaway package in a temporary folder, so the main package is untouched) and runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${MASK_BENCH_DIR:-/tmp/venice-mask-bench}
mkdir -p "$work/Sources/MaskBench"
cp "$root/Benchmarks/mask-bench.swift" "$work/Sources/MaskBench/main.swift"
cat > "$work/Package.swift" <<SWIFT
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "MaskBench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "$root")],
    targets: [.executableTarget(name: "MaskBench", dependencies: [.product(name: "ImagePrep", package: "$(basename "$root")")])]
)
SWIFT
cd "$work"
swift build -c release --product MaskBench 2>&1 | grep -E "error|warning: .*MaskBench|Compiling MaskBench|Build complete" || true
"$work/.build/release/MaskBench"
