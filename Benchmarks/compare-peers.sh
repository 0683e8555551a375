#!/usr/bin/env bash
# Side-by-side: `venice-edit prepare` against vipsthumbnail, Pillow and ImageMagick on the same
# inputs and the same target size (the one venice-edit reports), JPEG quality 90 out.
#
# usage: Benchmarks/compare-peers.sh [--runs N] [--skip-magick] [--no-build] [--no-psnr]
#                                     [--lossless] [INPUT ...]
#   --runs N       timed runs per tool and input (default 5); tools take turns within each run,
#                  so load from other processes falls on all of them alike; medians are printed
#   --skip-magick  leave ImageMagick out (it is slow)
#   --no-build     use .build/release/venice-edit as it is
#   --no-psnr      skip the PSNR column (it needs a float reference resize: ~10-60 s per input)
#   --lossless     also resize each input once per tool to a PNG (lossless) of at most 8.3 MP (so
#                  it fits under 25 MB) and print the PSNR of the resampler alone (q90 JPEG files
#                  all land near 40 dB on this noisy corpus)
#   INPUT          default: photo_50mp.jpg photo_100mp.jpg photo_50mp.png from bench-corpus/
#
# Builds the corpus into bench-corpus/ (gitignored) when missing, with ../shared/bench/make-corpus.sh,
# and installs missing peers (libvips-tools, imagemagick, pillow, numpy). Times come from
# /usr/bin/time: wall s, CPU s (user + sys), peak RSS MiB. "×vips" is our median over vipsthumbnail's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

LOSSLESS_PIXELS=8294400
RUNS=5 MAGICK=1 BUILD=1 PSNR=1 LOSSLESS=0 INPUTS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --skip-magick) MAGICK=0; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-psnr) PSNR=0; shift ;;
    --lossless) LOSSLESS=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) INPUTS+=("$1"); shift ;;
    esac
done

CORPUS=$ROOT/bench-corpus
if [ ! -f "$CORPUS/photo_100mp.jpg" ]; then
    if [ -d /work/bench-corpus ] && [ -f /work/bench-corpus/photo_100mp.jpg ]; then CORPUS=/work/bench-corpus
    else sh ../shared/bench/make-corpus.sh "$CORPUS"; fi
fi
[ ${#INPUTS[@]} -gt 0 ] || INPUTS=("$CORPUS/photo_50mp.jpg" "$CORPUS/photo_100mp.jpg" "$CORPUS/photo_50mp.png")

need_apt=()
command -v vipsthumbnail >/dev/null || need_apt+=(libvips-tools)
[ $MAGICK = 0 ] || command -v convert >/dev/null || need_apt+=(imagemagick)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
if [ ${#need_apt[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
python3 -c 'import PIL, numpy' 2>/dev/null || pip install -q pillow numpy || pip install -q --break-system-packages pillow numpy

if [ $BUILD = 1 ]; then swift build -c release --static-swift-stdlib --product venice-edit >&2; fi
VE=$ROOT/.build/release/venice-edit
[ -x "$VE" ] || { echo "no $VE: build with swift build -c release --static-swift-stdlib" >&2; exit 1; }

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

# Pillow: draft (DCT-domain shrink when it helps) then LANCZOS, quality 90 (4:2:0).
cat >"$WORK/pillow.py" <<'EOF'
import sys
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
src, dst, w, h = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
im = Image.open(src)
im.draft("RGB", (w, h))
im = im.convert("RGB").resize((w, h), Image.LANCZOS)
if dst.endswith(".png"): im.save(dst, compress_level=1)
else: im.save(dst, quality=90)
EOF

# command NAME IN OUT W H: sets CMD to one tool's command line
command_for() {
    local name=$1 in=$2 out=$3 w=$4 h=$5
    case $name in
    venice-edit) CMD=("$VE" prepare "$in" -o "$out" --quality 90) ;;
    venice-edit-png) CMD=("$VE" prepare "$in" -o "$out" --format png --max-pixels "$LOSSLESS_PIXELS") ;;
    vipsthumbnail) CMD=(vipsthumbnail "$in" --size "${w}x${h}" -o "$out[Q=90]") ;;
    vips-420) CMD=(vipsthumbnail "$in" --size "${w}x${h}" -o "$out[Q=90,subsample-mode=on]") ;;
    vips-png) CMD=(vipsthumbnail "$in" --size "${w}x${h}" -o "$out[compression=1]") ;;
    pillow) CMD=(python3 "$WORK/pillow.py" "$in" "$out" "$w" "$h") ;;
    magick) CMD=(convert "$in" -filter Lanczos -resize "${w}x${h}" -quality 90 "$out") ;;
    esac
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

TOOLS=(venice-edit vipsthumbnail vips-420 pillow)
[ $MAGICK = 1 ] && TOOLS+=(magick)

echo "# compare-peers: $(date -u '+%Y-%m-%d %H:%M UTC'), $RUNS runs, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# venice-edit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources || echo +changes); $(vips --version); Pillow $(python3 -c 'import PIL; print(PIL.__version__)')$([ $MAGICK = 1 ] && echo "; $(convert -version | head -1 | cut -d' ' -f2-3)")"
echo
for in in "${INPUTS[@]}"; do
    base=$(basename "$in"); base=${base//./_}
    json=$("$VE" prepare "$in" -o "$WORK/$base.probe.jpg" --quality 90 --json)
    w=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["width"])')
    h=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["height"])')
    for r in $(seq "$RUNS"); do
        for t in "${TOOLS[@]}"; do
            out="$WORK/$base.$t.jpg"
            command_for "$t" "$in" "$out" "$w" "$h"
            rm -f "$out"
            /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "${CMD[@]}" >/dev/null 2>"$WORK/err" \
                || { echo "$t failed on $base:" >&2; cat "$WORK/err" >&2; rm -f "$out"; continue; }
            tail -1 "$WORK/time" | awk -v t="$t" '{printf "%s %s %.2f %.1f\n", t, $1, $2 + $3, $4 / 1024}' >>"$WORK/$base.times"
        done
    done
    declare -A psnr=()
    if [ $PSNR = 1 ]; then
        files=(); for t in "${TOOLS[@]}"; do [ -f "$WORK/$base.$t.jpg" ] && files+=("$WORK/$base.$t.jpg"); done
        while read -r db path; do t=${path##*/$base.}; psnr[${t%.jpg}]=$db; done \
            < <(PSNR_TMP=$WORK python3 "$ROOT/Benchmarks/psnr.py" "$in" "${files[@]}")
    fi
    vw=$(awk '$1=="vipsthumbnail" {print $2}' "$WORK/$base.times" | median)
    vc=$(awk '$1=="vipsthumbnail" {print $3}' "$WORK/$base.times" | median)
    vm=$(awk '$1=="vipsthumbnail" {print $4}' "$WORK/$base.times" | median)
    echo "## $base ($(vipsheader -f width "$in")×$(vipsheader -f height "$in")) → ${w}×${h}, JPEG q90"
    echo
    echo "| tool | wall s | CPU s | peak RSS MiB | output bytes | PSNR dB | wall ×vips | CPU ×vips | RSS ×vips |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for t in "${TOOLS[@]}"; do
        mw=$(awk -v t="$t" '$1==t {print $2}' "$WORK/$base.times" | median)
        mc=$(awk -v t="$t" '$1==t {print $3}' "$WORK/$base.times" | median)
        mm=$(awk -v t="$t" '$1==t {print $4}' "$WORK/$base.times" | median)
        if [ "$mw" = - ]; then echo "| $t | failed | | | | | | | |"; continue; fi
        size=$(stat -c %s "$WORK/$base.$t.jpg" 2>/dev/null || echo -)
        awk -v t="$t" -v w="$mw" -v c="$mc" -v m="$mm" -v s="$size" -v p="${psnr[$t]:--}" -v vw="$vw" -v vc="$vc" -v vm="$vm" \
            'BEGIN {printf "| %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |\n", t, w, c, m, s, p, w/vw, c/vc, m/vm}'
    done
    echo
    if [ $LOSSLESS = 1 ]; then
        # a lossless 33 MP photo is far over the 25 MB limit (prepare would shrink it in steps):
        # compare the resamplers at a target whose PNG fits
        json=$("$VE" prepare "$in" -o "$WORK/$base.probe.png" --format png --max-pixels "$LOSSLESS_PIXELS" --json)
        lw=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["width"])')
        lh=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["height"])')
        for t in venice-edit-png vips-png pillow; do
            command_for "$t" "$in" "$WORK/$base.lossless.$t.png" "$lw" "$lh"
            "${CMD[@]}" >/dev/null 2>&1 || echo "$t failed (lossless) on $base" >&2
        done
        echo "Resampler alone (lossless PNG output at ${lw}×${lh}), PSNR dB against the float Lanczos-3 reference:"
        PSNR_TMP=$WORK python3 "$ROOT/Benchmarks/psnr.py" "$in" "$WORK/$base.lossless."*.png | sed "s|$WORK/$base.lossless.||; s|\.png$||; s|^|    |"
        echo
    fi
done
if [ -f "$CORPUS/photo_100mp.jpg" ]; then
    # hyperfine starts the process itself (-N: no shell), so its times are the process's own
    hyperfine -N --warmup 5 --runs 50 --export-json "$WORK/preflight.json" \
        "$VE preflight $CORPUS/photo_100mp.jpg" "$VE --version" >/dev/null 2>&1
    python3 - "$WORK/preflight.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print(f"{'preflight photo_100mp.jpg' if 'preflight' in r['command'] else 'venice-edit --version'} (whole process, {len(t)} runs, hyperfine -N): "
          f"median {statistics.median(t) * 1000:.1f} ms, mean {statistics.mean(t) * 1000:.1f} ms, "
          f"min {t[0] * 1000:.1f} ms, user {r['user'] * 1000:.1f} ms, system {r['system'] * 1000:.1f} ms")
PY
fi
