#!/usr/bin/env bash
# Makes the 12 MP phone/web inputs of Benchmarks/RESULTS.md in bench-corpus/ (kept out of git):
#   phone_12mp.heic  4032x3024, HEVC q85, a grid of 8x6 512x512 tiles as iPhones write it
#   phone_12mp.webp  the same pixels, lossy WebP q85
# The pixels: Fixtures/photo.jpg enlarged (Lanczos-3) and cropped to 4032x3024, with Gaussian noise
# (sigma 4) so that the codecs see texture like a camera's rather than a smooth enlargement.
# Needs libvips-tools, libheif-examples, webp, python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench-corpus
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vips resize "$root/Fixtures/photo.jpg" "$tmp/big.v" 8.4 --kernel lanczos3           # 5376x3024
vips crop "$tmp/big.v" "$tmp/crop.v" 672 0 4032 3024
vips gaussnoise "$tmp/noise.v" 4032 3024 --sigma 4 --mean 0
vips add "$tmp/crop.v" "$tmp/noise.v" "$tmp/sum.v"
vips cast "$tmp/sum.v" "$tmp/pixels.png" uchar
cwebp -quiet -q 85 "$tmp/pixels.png" -o "$out/phone_12mp.webp"
vips embed "$tmp/pixels.png" "$tmp/padded.v" 0 0 4096 3072 --extend copy   # whole 512x512 tiles
tiles=()
for r in $(seq 0 5); do for c in $(seq 0 7); do
    vips crop "$tmp/padded.v" "$tmp/t$r-$c.png" $((c * 512)) $((r * 512)) 512 512
    heif-enc -q 85 "$tmp/t$r-$c.png" -o "$tmp/t$r-$c.heic"
    tiles+=("$tmp/t$r-$c.heic")
done; done
python3 "$root/Fixtures/formats/heif_grid.py" "$out/phone_12mp.heic" 6 8 4032 3024 "${tiles[@]}"
ls -l "$out"/phone_12mp.*
