#!/usr/bin/env bash
# Rebuilds the HEIF/AVIF/WebP fixtures in this folder from ../orientation/upright.png, ../orientation/6.jpg,
# ../masks/cutout.png and ../codecs/icc.jpg (see ../LICENSE.md), and their reference decodes.
# Needs: libheif-examples (heif-enc, heif-convert), webp (cwebp, img2webp), libvips-tools (vips),
# python3 (heif_grid.py assembles grid files: Debian 12's heif-enc writes no grid, irot or imir).
# camera-iphone7.heic is not made here: it is a real camera file (see ../LICENSE.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
up=../orientation/upright.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- HEIF / AVIF: 240x160, the marked-corner picture (red top-left, blue top-right) ------------
heif-enc -q 85 "$up" -o upright.heic
heif-enc -A -q 80 "$up" -o upright.avif
vips colourspace "$up" "$tmp/up16.png" rgb16
heif-enc -b 10 -q 85 "$tmp/up16.png" -o ten-bit.heic            # 10-bit HEVC
heif-enc -q 85 ../masks/cutout.png -o alpha.heic                 # alpha auxiliary image
# two top-level images (a burst): the primary, the upright picture, is decoded, with a warning
vips flip "$up" "$tmp/flipped-heic.png" vertical
heif-enc -q 60 "$up" "$tmp/flipped-heic.png" -o two-images.heic
# stored 160x240 with an EXIF orientation 6 and no irot: HEIF says "as stored", so no rotation
heif-enc -q 85 ../orientation/6.jpg -o exif6-no-irot.heic

# grids of 2x2 HEVC tiles (96x128 each, cropped to 160x240) with irot / imir on the grid item
grid() { # OUT STORED.png GRID_OPTIONS...
    local out=$1 stored=$2; shift 2
    vips embed "$stored" "$tmp/pad.png" 0 0 192 256 --extend copy
    local tiles=()
    for r in 0 1; do for c in 0 1; do
        vips crop "$tmp/pad.png" "$tmp/t$r$c.png" $((c * 96)) $((r * 128)) 96 128
        heif-enc -q 90 -p chroma=444 "$tmp/t$r$c.png" -o "$tmp/t$r$c.heic"
        tiles+=("$tmp/t$r$c.heic")
    done; done
    python3 heif_grid.py "$out" 2 2 160 240 "${tiles[@]}" "$@"
}
# irot 3 (270 degrees anticlockwise) = EXIF 6: stored turned 90 degrees anticlockwise; the file
# also carries an EXIF orientation 6, as a phone writes it, which must not turn it a second time
vips rot "$up" "$tmp/s6.png" d270
grid grid-irot6.heic "$tmp/s6.png" --irot 3 --exif-orientation 6
# irot 1 then imir 1 (left-right) = EXIF 7 (transverse): stored = upright turned 90 degrees
# anticlockwise, then mirrored left-right
vips flip "$tmp/s6.png" "$tmp/s7.png" horizontal
grid grid-irot1-imir7.heic "$tmp/s7.png" --irot 1 --imir 1

# hostile: a grid declaring 65535x65535 (ispe and grid data), and a zero-size ispe
vips crop "$up" "$tmp/tile.png" 0 0 64 64
heif-enc -q 50 "$tmp/tile.png" -o "$tmp/tile.heic"
python3 heif_grid.py grid-65535.heic 1 1 65535 65535 "$tmp/tile.heic"
python3 heif_grid.py zero-ispe.heic 1 1 64 64 "$tmp/tile.heic" --ispe 0 0

# --- WebP --------------------------------------------------------------------------------------
cwebp -quiet -q 85 "$up" -o lossy.webp
cwebp -quiet -lossless "$up" -o lossless.webp
cwebp -quiet -q 85 -alpha_q 100 ../masks/cutout.png -o alpha.webp
cwebp -quiet -q 85 -metadata exif ../orientation/6.jpg -o exif6.webp   # VP8X + EXIF orientation 6
cwebp -quiet -q 85 -metadata icc ../codecs/icc.jpg -o icc.webp          # VP8X + ICCP
vips flip "$up" "$tmp/flipped.png" vertical
img2webp -loop 0 -lossy -q 80 -d 100 "$up" -d 100 "$tmp/flipped.png" -o animated.webp
# hostile: a VP8X header declaring a 16383x16383 canvas, and nothing else
python3 - <<'PY'
import struct
vp8x = b"VP8X" + struct.pack("<I", 10) + bytes([0, 0, 0, 0]) + (16382).to_bytes(3, "little") * 2
open("vp8x-16383-no-data.webp", "wb").write(b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x)
PY

# --- reference decodes by libvips (libheif / libwebp underneath, with their defaults) ----------
for f in upright.heic upright.avif alpha.heic lossy.webp alpha.webp; do
    vips copy "$f" "ref-${f%.*}-${f##*.}.png"
done
vips copy ten-bit.heic "$tmp/ten16.png"
vips colourspace "$tmp/ten16.png" ref-ten-bit-heic.png srgb              # 16-bit -> 8-bit
vips copy camera-iphone7.heic "$tmp/camera.png"
vips crop "$tmp/camera.png" ref-camera-iphone7-crop-176-70.png 176 70 160 160   # a 160x160 window
# the same window converted from the file's Display P3 profile to sRGB (the colour-managed reference)
vips icc_transform camera-iphone7.heic "$tmp/camera-srgb.v" srgb --embedded --intent relative --black-point-compensation --depth 8
vips crop "$tmp/camera-srgb.v" ref-camera-iphone7-srgb-crop-176-70.png 176 70 160 160
