#!/usr/bin/env bash
# Builds the libFuzzer targets (C shim: JPEG, PNG, HEIF and WebP decode, resize/orient; Swift: header
# probe)
# with AddressSanitizer and UndefinedBehaviorSanitizer, seeds them with the fixtures, and runs each
# for SECONDS (default 60). Prints executions per target; exits non-zero when a target finds a
# crash, leaving the input under Fuzz/crashes/.
#   Fuzz/run.sh            # a minute each
#   Fuzz/run.sh 600        # ten minutes each, for a longer local hunt
# FUZZ_SEED=N fixes libFuzzer's random seed and starts from the committed seeds only, with no corpus
# from earlier runs (CI does, so that its runs are repeatable).
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$root/.build-fuzz}
mkdir -p "$work" "$root/Fuzz/crashes"
cc=${CC:-clang}
swiftc=${SWIFTC:-swiftc}
shim="$root/Sources/CImageCodecs"
flags=(-g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$shim/include")

build_c() { # NAME SOURCE...
    local name=$1; shift
    "$cc" "${flags[@]}" "$@" "$shim"/cimg_*.c -o "$work/$name" -ljpeg -lpng -lz -llcms2 -lwebp -lwebpdemux -ldl -lm -lpthread \
        >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
}
: >"$work/build.log"
build_c jpeg_decode "$root/Fuzz/jpeg_decode_fuzzer.c"
build_c png_decode "$root/Fuzz/png_decode_fuzzer.c"
build_c resize "$root/Fuzz/resize_fuzzer.c"
build_c heif_decode "$root/Fuzz/heif_decode_fuzzer.c"
build_c webp_decode "$root/Fuzz/webp_decode_fuzzer.c"

# the probe's Swift sources need nothing from the C shim
probe_sources=()
for f in ImageProbe JPEGHeaderReader PNGHeaderReader HEIFHeaderReader WebPHeaderReader ExifReader ByteView PNGCRC32 \
         ImageFormat ImageInfo ColorModel Orientation ImagePrepError ImageSize MappedFile OutputFormat PrepareOptions \
         PrepareOptions+Setting Endpoint; do
    probe_sources+=("$(find "$root/Sources/ImagePrep" -name "$f.swift")")
done
"$swiftc" -sanitize=fuzzer,address -parse-as-library -O -module-name ImagePrep \
    "${probe_sources[@]}" "$root/Fuzz/ProbeFuzzer.swift" -o "$work/probe" \
    >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

seed() { # DIR GLOB...
    local dir=$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    for pattern in "$@"; do
        find "$root/Fixtures" -type f -name "$pattern" -size -200k -exec cp {} "$dir/" \;
    done
}
seed "$work/seed-jpeg" '*.jpg'
seed "$work/seed-png" '*.png'
seed "$work/seed-heif" '*.heic' '*.avif'
seed "$work/seed-webp" '*.webp'
seed "$work/seed-any" '*.jpg' '*.png' '*.webp' '*.gif' '*.heic' '*.avif' '*.bmp' '*.tiff'
mkdir -p "$work/seed-resize"; head -c 4096 "$root/Fixtures/photo.jpg" > "$work/seed-resize/photo-prefix"

status=0
run() { # NAME SEED_DIR
    local name=$1 seeds=$2 corpus="$work/corpus-$1" log="$work/$1.log"
    # a repeatable run (FUZZ_SEED set, as in CI) starts from the committed seeds alone; otherwise
    # the corpus found by earlier local runs is kept and grows
    [ -n "${FUZZ_SEED:-}" ] && rm -rf "$corpus"
    mkdir -p "$corpus"
    local seed_flag=()
    [ -n "${FUZZ_SEED:-}" ] && seed_flag=(-seed="$FUZZ_SEED")
    if LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        "$work/$name" "$corpus" "$seeds" "${seed_flag[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=262144 -print_final_stats=1 -artifact_prefix="$root/Fuzz/crashes/$name-" >"$log" 2>&1; then
        :
    else
        status=1
        echo "fuzz: $name FOUND A PROBLEM; see $log and Fuzz/crashes/"
        grep -m5 -E "ERROR|SUMMARY|runtime error" "$log" || true
    fi
    local execs
    execs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    echo "fuzz: $name: $execs executions in ${seconds}s"
}
run jpeg_decode "$work/seed-jpeg"
run png_decode "$work/seed-png"
run resize "$work/seed-resize"
run heif_decode "$work/seed-heif"
run webp_decode "$work/seed-webp"
run probe "$work/seed-any"
exit $status
