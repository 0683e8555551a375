#!/usr/bin/env python3
"""PSNR of resized images against a float Lanczos-3 reference resize of the same input.

usage: psnr.py INPUT OUTPUT [OUTPUT ...]

The reference decodes INPUT once (libvips' `vips rawsave` when available, else Pillow), resizes it
with a separable Lanczos-3 in float64 to each output's size (pixel centres aligned, kernel widened
by the scale factor when shrinking, edge samples repeated, weights normalised: what libvips,
Pillow and venice-edit all do), clamps to 0...255 and compares without rounding. It works in bands of output rows,
so memory stays near the decoded input (memory-mapped) plus a few tens of MB.

Prints one line per output: `PSNR_dB path` (alpha, if any, is dropped on both sides).
"""
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

Image.MAX_IMAGE_PIXELS = None
BAND = 256  # output rows per band


def decode(path, tmp):
    """The image as a (h, w, c) uint8 array, memory-mapped when libvips can write it raw."""
    try:
        w = int(subprocess.check_output(["vipsheader", "-f", "width", path], text=True))
        h = int(subprocess.check_output(["vipsheader", "-f", "height", path], text=True))
        c = int(subprocess.check_output(["vipsheader", "-f", "bands", path], text=True))
        raw = os.path.join(tmp, f"{len(os.listdir(tmp))}.raw")
        subprocess.check_call(["vips", "rawsave", path, raw])
        if os.path.getsize(raw) == w * h * c:
            return np.memmap(raw, dtype=np.uint8, mode="r", shape=(h, w, c))
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    with Image.open(path) as im:
        if im.mode not in ("RGB", "RGBA", "L"):
            im = im.convert("RGB")
        return np.asarray(im).reshape(im.height, im.width, -1)


def lanczos3(x):
    x = np.abs(x)
    out = np.sinc(x) * np.sinc(x / 3.0)
    out[x >= 3.0] = 0.0
    return out


def taps(inn, out):
    """(index, weight) arrays of shape (out, taps)."""
    scale = inn / out
    fscale = max(scale, 1.0)
    support = 3.0 * fscale
    n = int(math.ceil(support * 2.0)) + 1
    centres = (np.arange(out) + 0.5) * scale - 0.5
    lo = np.floor(centres - support).astype(np.int64) + 1
    j = lo[:, None] + np.arange(n)[None, :]
    w = lanczos3((j - centres[:, None]) / fscale)
    w /= w.sum(axis=1, keepdims=True)
    return np.clip(j, 0, inn - 1), w


def sparse(idx, w, inn):
    """The (out, inn) filter matrix, or None without scipy."""
    try:
        from scipy.sparse import csr_matrix
    except ImportError:
        return None
    m = csr_matrix((w.ravel(), (np.repeat(np.arange(idx.shape[0]), idx.shape[1]), idx.ravel())),
                   shape=(idx.shape[0], inn))
    m.sum_duplicates()
    return m


def hpass(rows, idx, w, m):
    if m is not None:  # (r, in_w, c) -> (r, out_w, c), one sparse product per channel
        return np.stack([(m @ rows[:, :, c].T).T for c in range(rows.shape[2])], axis=2)
    acc = np.zeros((rows.shape[0], idx.shape[0], rows.shape[2]), dtype=np.float64)
    for k in range(idx.shape[1]):
        acc += w[None, :, k, None] * rows[:, idx[:, k], :]
    return acc


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(dir=os.environ.get("PSNR_TMP")) as tmp:
        src = decode(sys.argv[1], tmp)
        colour = 3 if src.shape[2] >= 3 else 1
        outs = [(p, decode(p, tmp)) for p in sys.argv[2:]]
        sizes = {(o.shape[1], o.shape[0]) for _, o in outs}
        for (w_out, h_out) in sizes:
            group = [(p, o) for p, o in outs if (o.shape[1], o.shape[0]) == (w_out, h_out)]
            hi, hw = taps(src.shape[1], w_out)
            vi, vw = taps(src.shape[0], h_out)
            hm = sparse(hi, hw, src.shape[1])
            sse = [0.0] * len(group)
            for y0 in range(0, h_out, BAND):
                y1 = min(y0 + BAND, h_out)
                r0, r1 = int(vi[y0:y1].min()), int(vi[y0:y1].max()) + 1
                h = hpass(np.asarray(src[r0:r1, :, :colour], dtype=np.float64), hi, hw, hm)
                ref = np.zeros((y1 - y0, w_out, colour))
                for k in range(vi.shape[1]):
                    ref += vw[y0:y1, k, None, None] * h[vi[y0:y1, k] - r0]
                np.clip(ref, 0.0, 255.0, out=ref)  # what an 8-bit output can hold
                for n, (_, o) in enumerate(group):
                    d = np.asarray(o[y0:y1, :, :colour], dtype=np.float64) - ref
                    sse[n] += float(np.sum(d * d))
            for n, (p, _) in enumerate(group):
                mse = sse[n] / (w_out * h_out * colour)
                print(f"{10 * math.log10(255.0 ** 2 / mse) if mse > 0 else float('inf'):.2f} {p}")


if __name__ == "__main__":
    main()
