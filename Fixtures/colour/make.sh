#!/usr/bin/env bash
# Rebuilds the colour fixtures from ../photo.jpg (see ../LICENSE.md) and their colour-managed
# references. Needs: cc with liblcms2-dev, vips (libvips-tools 8.14), jpegtran, ImageMagick 6
# `convert`, and libgs-common's ICC profiles in /usr/share/color/icc/ghostscript.
# Run from anywhere: `Fixtures/colour/make.sh`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
gs=/usr/share/color/icc/ghostscript
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# synthetic profiles (Display P3, sRGB renamed, gray gamma 1.8, an LUT-based A98 RGB)
cc -O1 profiles.c -llcms2 -o "$work/profiles"
"$work/profiles" "$work"

# the photograph at 160x90, sRGB values (photo.jpg carries no profile: sRGB by convention)
vips resize ../photo.jpg "$work/small.v" 0.25 --kernel lanczos3

tojpeg() { # IN OUT [extra jpegsave args]
    local in=$1 out=$2; shift 2
    vips jpegsave "$in" "$out" --Q 95 --subsample-mode off --optimize-coding "$@"
}
convert_to() { # PROFILE OUT.v [extra icc_transform args]
    local profile=$1 out=$2; shift 2
    vips icc_transform "$work/small.v" "$out" "$profile" --input-profile srgb --intent relative "$@"
}

convert_to "$gs/a98.icc" "$work/a98.v"
tojpeg "$work/a98.v" adobe-rgb.jpg
convert_to "$work/display-p3.icc" "$work/p3.v"
tojpeg "$work/p3.v" display-p3.jpg
convert_to "$gs/rommrgb.icc" "$work/romm16.v" --depth 16
vips pngsave "$work/romm16.v" prophoto-16bit.png --compression 9
# CMYK numbers for SWOP (default_cmyk.icc, 187 KB), then carrying ps_cmyk.icc (5 KB) instead so
# that the file stays small: the embedded profile is what defines the colours
convert_to "$gs/default_cmyk.icc" "$work/cmyk.v"
tojpeg "$work/cmyk.v" "$work/cmyk-swop.jpg"
jpegtran -copy none -icc "$gs/ps_cmyk.icc" "$work/cmyk-swop.jpg" > cmyk-profile.jpg
# the same as YCCK (ImageMagick writes four-component JPEGs that way: Adobe transform 2), profile kept
convert cmyk-profile.jpg -quality 95 -sampling-factor 1x1 ycck-profile.jpg
convert_to "$work/gray-gamma18.icc" "$work/gray.v"
tojpeg "$work/gray.v" gray-gamma18.jpg
# the A98 numbers again, carrying the LUT-based profile instead of the matrix one
jpegtran -copy none -icc "$work/lut-a98.icc" adobe-rgb.jpg > lut-profile.jpg
# sRGB numbers under a profile that is sRGB by another name
tojpeg "$work/small.v" "$work/srgb.jpg" --strip
jpegtran -copy none -icc "$work/srgb-renamed.icc" "$work/srgb.jpg" > srgb-renamed.jpg
# an RGB JPEG whose profile lcms2 rejects: a98.icc with its tag count overwritten (0xFFFFFF00)
cp "$gs/a98.icc" "$work/broken.icc"
printf '\xff\xff\xff\x00' | dd of="$work/broken.icc" bs=1 seek=128 conv=notrunc status=none
jpegtran -copy none -icc "$work/broken.icc" "$work/srgb.jpg" > broken-profile.jpg

# line art: coloured strokes and text on white, 8-bit RGB PNG, no profile (synthetic)
convert -size 240x160 xc:white -strokewidth 1 \
    -stroke '#d00000' -draw 'line 10,10 230,40' -stroke '#0030d0' -draw 'line 10,150 230,20' \
    -stroke none -fill '#008000' -draw 'rectangle 20,60 60,100' \
    -fill '#c000c0' -pointsize 18 -draw "text 80,90 'Venice 3:4'" \
    -fill '#e08000' -pointsize 11 -draw "text 80,120 'thin coloured text'" \
    -depth 8 -define png:color-type=2 -strip lineart.png
# a JPEG that decodes with a "Corrupt JPEG data" warning: a restart marker every MCU row, and
# four stray bytes put in front of the third one (libjpeg: "extraneous bytes before marker")
jpegtran -restart 1 "$work/srgb.jpg" > "$work/restart.jpg"
python3 - "$work/restart.jpg" corrupt-data.jpg <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
at = data.index(b"\xff\xd2")
open(sys.argv[2], "wb").write(data[:at] + b"\x12\x34\x56\x78" + data[at:])
PY

# the independent references: vips's colour-managed conversion of each file to sRGB, relative
# colorimetric with black-point compensation. ps_cmyk.icc and lut-a98.icc carry only the A2B0
# table, which the ICC specification makes the table of every intent; vips 8.14 asked for
# `relative` on such a profile warns "profile does not support relative input intent" and leaves
# the pixels unconverted, so those two use `perceptual`, which selects that same table.
mkdir -p reference
for f in adobe-rgb.jpg display-p3.jpg prophoto-16bit.png gray-gamma18.jpg; do
    vips icc_transform "$f" "reference/${f%.*}.png" srgb --embedded --intent relative \
        --black-point-compensation --depth 8
done
for f in cmyk-profile.jpg ycck-profile.jpg lut-profile.jpg; do
    vips icc_transform "$f" "reference/${f%.*}.png" srgb --embedded --intent perceptual \
        --black-point-compensation --depth 8
done
