#!/usr/bin/env bash
# Rebuilds the mask fixtures in this folder from ../photo.jpg and ../orientation/6.jpg.
# Needs: python3 with Pillow (>= 10) and numpy. Deterministic (seeded noise) for given versions.
#
#   sketch-ideal.png   640×360 1-bit: the hard-edged mask a person meant to draw over photo.jpg
#                      (an ellipse, a thick round-capped stroke, a rounded rectangle; all curves
#                      or long straight sides, so a soft brush's 50% contour stays on them).
#   sketch.jpg         the same drawn with a soft brush: supersampled 4× (anti-aliased), Gaussian
#                      blur σ = 2 px, Gaussian noise σ = 6 levels, grey 24 background / 232 strokes,
#                      saved as a grayscale JPEG at quality 60 (ringing and blocking noise).
#   sketch-dark.jpg    the same sketch inverted (dark strokes on light paper), for --invert.
#   sketch-6.jpg       160×240: a sketch drawn on the *stored* pixels of orientation/6.jpg (before
#                      its EXIF rotation): white where the stored pixels are the red marker square,
#                      soft edge (σ = 1), quality 75. Upright, it covers the top-left red square.
#   cutout.png         photo.jpg scaled to 320×180 with a transparent hole (alpha 0 inside an
#                      ellipse centred on (200, 90) with radii 60 × 45, anti-aliased edge) and a
#                      half-transparent band (alpha 100) over rows 150–169; RGBA, colours
#                      quantised to 64 to keep the file small (alpha exact).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

python3 - <<'PY'
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

W, H, SS = 640, 360, 4

def draw_ideal(scale):
    img = Image.new("L", (W * scale, H * scale), 0)
    d = ImageDraw.Draw(img)
    s = scale
    # an ellipse over the left part
    d.ellipse([60 * s, 70 * s, 260 * s, 230 * s], fill=255)
    # a thick stroke with round caps, like a brush drag
    pts = [(330, 300), (420, 250), (520, 270), (590, 200)]
    width = 28
    d.line([(x * s, y * s) for x, y in pts], fill=255, width=width * s, joint="curve")
    for x, y in (pts[0], pts[-1]):
        r = width / 2
        d.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=255)
    # a rounded rectangle at the top right
    d.rounded_rectangle([380 * s, 40 * s, 600 * s, 150 * s], radius=20 * s, fill=255)
    return img

ideal_big = draw_ideal(SS)
ideal = ideal_big.resize((W, H), Image.Resampling.BOX).point(lambda v: 255 if v >= 128 else 0).convert("1")
ideal.save("sketch-ideal.png", optimize=True)

soft = ideal_big.resize((W, H), Image.Resampling.BOX)            # anti-aliased edges
soft = soft.filter(ImageFilter.GaussianBlur(2))                   # soft brush
a = np.asarray(soft, dtype=np.float64) / 255.0
a = 24 + a * (232 - 24)
rng = np.random.default_rng(20240611)
a = a + rng.normal(0, 6, a.shape)
sketch = Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")
sketch.save("sketch.jpg", quality=60)
Image.fromarray(255 - np.asarray(sketch), "L").save("sketch-dark.jpg", quality=60)

# a sketch on the stored pixels of orientation/6.jpg: where its red marker is
stored = np.asarray(Image.open("../orientation/6.jpg").convert("RGB"), dtype=np.int32)
red = (stored[:, :, 0] > 180) & (stored[:, :, 1] < 80) & (stored[:, :, 2] < 80)
marker = Image.fromarray((red * 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(1))
m = np.asarray(marker, dtype=np.float64)
m = np.clip(np.rint(m + rng.normal(0, 4, m.shape)), 0, 255).astype(np.uint8)
Image.fromarray(m, "L").save("sketch-6.jpg", quality=75)

# a cut-out: the photo with a transparent hole
photo = Image.open("../photo.jpg").convert("RGB").resize((320, 180), Image.Resampling.LANCZOS)
hole = Image.new("L", (320 * SS, 180 * SS), 255)
ImageDraw.Draw(hole).ellipse([140 * SS, 45 * SS, 260 * SS, 135 * SS], fill=0)
alpha = np.asarray(hole.resize((320, 180), Image.Resampling.BOX), dtype=np.uint8).copy()
alpha[150:170, :] = np.minimum(alpha[150:170, :], 100)
rgba = photo.quantize(64).convert("RGB").convert("RGBA")        # fewer colours: a small file
rgba.putalpha(Image.fromarray(alpha, "L"))                       # exact alpha, straight RGBA
rgba.save("cutout.png", optimize=True)
PY
ls -l sketch-ideal.png sketch.jpg sketch-dark.jpg sketch-6.jpg cutout.png
