#!/usr/bin/env bash
# Rebuilds the derived fixtures from Fixtures/photo.jpg (see LICENSE.md for where that comes from).
#
# Needs: python3 with Pillow (>= 10; WebP/AVIF support is not needed), ImageMagick 6 `convert`
# built with libheif (for the HEIC and AVIF samples), and `jpegtran` (libjpeg-turbo-progs).
# Run from anywhere: `Fixtures/make-fixtures.sh`. Output is deterministic for given tool versions.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
for tool in python3 convert jpegtran; do
    command -v "$tool" >/dev/null || { echo "make-fixtures.sh: $tool is required" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
# orientation/ and probe/ (the header probe's fixtures)
# ---------------------------------------------------------------------------------------------
mkdir -p orientation probe

python3 - <<'PY'
import io, os, random, struct, zlib
from PIL import Image, ImageCms, ImageDraw, ImageOps

photo = Image.open("photo.jpg").convert("RGB")

def exif_bytes(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()              # b"Exif\0\0" + TIFF block

# --- orientation/: the upright reference, then 1..8 stored so that tag N displays it upright ---
W, H, S = 240, 160, 40
upright = ImageOps.fit(photo, (W, H), Image.Resampling.LANCZOS)
draw = ImageDraw.Draw(upright)
draw.rectangle([0, 0, S - 1, S - 1], fill=(255, 0, 0))          # red: top-left of the upright view
draw.rectangle([W - S, 0, W - 1, S - 1], fill=(0, 0, 255))      # blue: top-right
upright.save("orientation/upright.png", optimize=True)

# The transform a viewer applies for tag N, and its inverse (which we apply to store the pixels).
T = Image.Transpose
inverse = {
    1: None,
    2: T.FLIP_LEFT_RIGHT,        # self-inverse
    3: T.ROTATE_180,             # self-inverse
    4: T.FLIP_TOP_BOTTOM,        # self-inverse
    5: T.TRANSPOSE,              # self-inverse
    6: T.ROTATE_90,              # viewer rotates 90° clockwise (PIL ROTATE_270); we store it 90° anticlockwise
    7: T.TRANSVERSE,             # self-inverse
    8: T.ROTATE_270,             # viewer rotates 270° clockwise (PIL ROTATE_90); we store it 90° clockwise
}
for n, op in inverse.items():
    stored = upright if op is None else upright.transpose(op)
    stored.save(f"orientation/{n}.jpg", quality=92, subsampling=0, exif=exif_bytes(n))
stored6 = upright.transpose(inverse[6])
stored6.save("orientation/6.png", optimize=True, exif=exif_bytes(6))   # Pillow writes eXIf before IDAT

# --- probe/: hand-made headers ---------------------------------------------------------------
def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

def jpeg_header_only(width, height):
    """SOI, DQT, SOF0 (3 components, 4:2:0), SOS and a few bytes of scan data, EOI: no real image."""
    dqt = segment(0xDB, bytes([0x00]) + bytes([1] * 64))
    sof = segment(0xC0, struct.pack(">BHHB", 8, height, width, 3)
                  + bytes([1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]))
    sos = segment(0xDA, bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]))
    return b"\xFF\xD8" + dqt + sof + sos + bytes(16) + b"\xFF\xD9"

def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png_header_only(width, height, color_type=2, depth=8):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(bytes(16))) + png_chunk(b"IEND", b""))

def write(path, data):
    with open(path, "wb") as f:
        f.write(data)

# JPEG's frame header holds 16-bit dimensions, so 65535×65535 is the largest a JPEG can claim
# (100000×100000 is not representable); 65500 is libjpeg's JPEG_MAX_DIMENSION.
write("probe/jpeg-65535x65535.jpg", jpeg_header_only(65535, 65535))
write("probe/jpeg-65500x65500.jpg", jpeg_header_only(65500, 65500))
write("probe/png-100000x100000.png", png_header_only(100000, 100000))
write("probe/png-zero-width.png", png_header_only(0, 100))

# --- probe/: small real images -----------------------------------------------------------------
small = ImageOps.fit(photo, (64, 36), Image.Resampling.LANCZOS)
small.save("probe/baseline.jpg", quality=85)
small.save("probe/progressive.jpg", quality=85, progressive=True)
small.convert("L").save("probe/gray.jpg", quality=85)
small.convert("CMYK").save("probe/cmyk.jpg", quality=85)             # Pillow writes Adobe APP14, transform 0
srgb = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
# LittleCMS stamps the creation time (header bytes 24-35) and an MD5 profile ID (84-99) into the
# profile; fix the date and clear the ID (all zeros means "not computed") so reruns are identical.
srgb[24:36] = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
srgb[84:100] = bytes(16)
srgb = bytes(srgb)
small.save("probe/icc.jpg", quality=85, icc_profile=srgb)
small.save("probe/icc.png", icc_profile=srgb)
small.convert("RGBA").save("probe/rgba.png")
small.convert("L").convert("I").point(lambda v: v * 257).convert("I;16").save("probe/gray16.png")
palette = small.quantize(16)
palette.save("probe/palette-trns.png", transparency=0)               # tRNS makes index 0 transparent
ImageOps.fit(photo, (200, 150), Image.Resampling.LANCZOS).save("probe/small-200x150.jpg", quality=85)

# A JPEG whose EXIF IFD0 loops onto itself twice: its next-IFD offset and its Exif sub-IFD
# pointer (0x8769) both point back at IFD0. Orientation (6) is in IFD0 itself.
ifd0 = (struct.pack(">H", 2)
        + struct.pack(">HHII", 0x0112, 3, 1, 6 << 16)    # Orientation SHORT 1 = 6 (left-justified)
        + struct.pack(">HHII", 0x8769, 4, 1, 8)          # ExifIFD → offset 8 = IFD0 again
        + struct.pack(">I", 8))                          # next IFD → offset 8 = IFD0 again
tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd0
baseline = open("probe/baseline.jpg", "rb").read()
write("probe/exif-loop.jpg", baseline[:2] + segment(0xE1, b"Exif\x00\x00" + tiff) + baseline[2:])

# Two APP1 segments: XMP first (must be skipped), then EXIF with orientation 8.
xmp = (b"http://ns.adobe.com/xap/1.0/\x00"
       b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="3"/></rdf:RDF></x:xmpmeta>')
write("probe/xmp-then-exif.jpg",
      baseline[:2] + segment(0xE1, xmp) + segment(0xE1, exif_bytes(8)) + baseline[2:])

# A PNG whose eXIf (orientation 3) comes after the image data, as some writers do.
buffer = io.BytesIO()
small.save(buffer, format="PNG")
data = buffer.getvalue()
iend = data.rindex(b"IEND") - 4
write("probe/exif-after-idat.png", data[:iend] + png_chunk(b"eXIf", exif_bytes(3)[6:]) + data[iend:])

# APNG: two frames → acTL before the first IDAT.
frames = [small.resize((32, 18)), ImageOps.mirror(small.resize((32, 18)))]
frames[0].save("probe/animated.png", save_all=True, append_images=frames[1:], duration=200, loop=0)

# A JPEG cut inside its second quantisation table, before the frame header.
write("probe/truncated-header.jpg", open("photo.jpg", "rb").read()[:120])

# Not images: seeded random bytes (named .jpg: the probe goes by content), and an empty file.
garbage = bytes(random.Random(20240601).getrandbits(8) for _ in range(512))
write("probe/garbage.jpg", b"\x00" + garbage[1:])
write("probe/empty.png", b"")

# Over the 33,177,600-pixel maximum but cheap to store: 8000×5000 gray, heavily smoothed, low quality.
big = photo.convert("L").resize((160, 100), Image.Resampling.LANCZOS).resize((8000, 5000), Image.Resampling.BILINEAR)
big.save("probe/over-max-8000x5000.jpg", quality=20, optimize=True)
PY

# Arithmetic-coded JPEG (SOF9), losslessly transcoded.
jpegtran -arithmetic -copy none probe/baseline.jpg > probe/arithmetic.jpg

# PNG with Adam7 interlacing (Pillow cannot write it).
convert probe/baseline.jpg -strip -interlace PNG probe/interlaced.png

# Recognised but unsupported formats, 32 px wide, from ImageMagick.
for format in webp gif tiff bmp heic avif; do
    convert photo.jpg -strip -resize 32x "$format:probe/tiny.$format"
done
cp probe/tiny.webp probe/webp-named.jpg   # a WebP with a .jpg name: sniffed as WebP

# ---------------------------------------------------------------------------------------------
# Verification: every orientation/N.* as shown by ImageMagick (-auto-orient), vips (autorot) and
# Pillow (ImageOps.exif_transpose) must match orientation/upright.png: same size, red corner
# top-left, blue corner top-right, small mean difference. ImageMagick 6 ignores a PNG's eXIf
# orientation, so it checks only the JPEGs.
# ---------------------------------------------------------------------------------------------
python3 - <<'PY'
import shutil, subprocess, sys, tempfile
from PIL import Image, ImageChops, ImageOps, ImageStat

reference = Image.open("orientation/upright.png").convert("RGB")
files = [f"orientation/{n}.jpg" for n in range(1, 9)] + ["orientation/6.png"]
failures = []

def external(command, output):
    subprocess.run(command, check=True, capture_output=True)
    return Image.open(output).convert("RGB")

with tempfile.TemporaryDirectory() as tmp:
    for path in files:
        viewers = {"Pillow exif_transpose": lambda: ImageOps.exif_transpose(Image.open(path)).convert("RGB")}
        if path.endswith(".jpg"):
            viewers["convert -auto-orient"] = lambda: external(["convert", path, "-auto-orient", f"{tmp}/im.png"], f"{tmp}/im.png")
        if shutil.which("vips"):
            viewers["vips autorot"] = lambda: external(["vips", "autorot", path, f"{tmp}/vips.png"], f"{tmp}/vips.png")
        for label, show in viewers.items():
            shown = show()
            problems = []
            if shown.size != reference.size:
                problems.append(f"size {shown.size}")
            else:
                r = shown.getpixel((10, 10)); b = shown.getpixel((reference.width - 11, 10))
                if not (r[0] > 200 and r[1] < 60 and r[2] < 60): problems.append(f"top-left {r} not red")
                if not (b[2] > 200 and b[0] < 60 and b[1] < 60): problems.append(f"top-right {b} not blue")
                diff = ImageStat.Stat(ImageChops.difference(shown, reference)).mean
                if max(diff) > 6: problems.append(f"mean difference {diff}")
            if problems:
                failures.append(f"{path} ({label}): " + "; ".join(problems))
if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"orientation fixtures verified: {len(files)} files display upright")
PY

du -ch orientation probe | tail -1
