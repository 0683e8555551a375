#!/usr/bin/env bash
# corpus-psnr.sh: colour and format fidelity of `venice-edit prepare` over public test images.
#
# usage: Benchmarks/corpus-psnr.sh VENICE_EDIT CORPUS_DIR WORK_DIR
#   prints one tab-separated line per input to WORK_DIR/results.tsv and a summary to stdout.
#
# The corpus is not committed. Fetch it (bare clones are enough) and extract the image folders:
#   git clone --bare https://github.com/pnggroup/libpng            libpng.git
#   git clone --bare https://github.com/libjpeg-turbo/libjpeg-turbo libjpeg-turbo.git
#   git clone --bare https://github.com/libvips/libvips             libvips.git
#   mkdir -p CORPUS_DIR && cd CORPUS_DIR
#   git --git-dir=../libpng.git        archive HEAD contrib/pngsuite contrib/testpngs | tar -x
#   git --git-dir=../libjpeg-turbo.git archive HEAD testimages | tar -x
#   git --git-dir=../libvips.git       archive HEAD test/test-suite/images | tar -x
# (Commits measured: see Benchmarks/RESULTS.md.) Only .png/.jpg/.jpeg/.webp/.avif/.heic/.heif
# files are tried; the tool refuses GIF/TIFF/BMP by design.
#
# Per input:
#  1. `prepare IN -o OUT.out --json` (no image extension, so --format auto chooses); status,
#     actions, format, bytes, passthrough are recorded; a refusal keeps its error line.
#  2. For a re-encoded output, an independent reference from the source with libvips:
#     ICC profile present -> `vips icc_transform --embedded --intent relative
#     --black-point-compensation` to sRGB, else `vips colourspace srgb` (gray, 16-bit, palette);
#     `vips autorot`; 8 bits; flattened onto white when the output has no alpha but the source
#     had; then Lanczos-3 to the output's exact width x height: `vips reduce --kernel lanczos3`
#     (pure Lanczos-3, no box pre-shrink) when both axes shrink, premultiplied by alpha when
#     there is one. libvips has no Lanczos for enlarging (`vips resize` enlarges with bicubic), so
#     any enlargement uses ImageMagick's `-filter Lanczos -resize WxH!` (3-lobe sinc-windowed sinc,
#     alpha-weighted) instead.
#  3. PSNR of the output against that reference, 8-bit peak 255, gray outputs compared as R=G=B.
#     With alpha on both sides two figures: `psnr_db` over colour premultiplied by alpha plus
#     the alpha channel (what is seen once composited), and `psnr_straight_db` over straight
#     colour plus alpha, leaving out only pixels transparent in both (colour there is undefined).
#     Without alpha both are the plain RGB PSNR.
#  4. For an input with an embedded profile, the PSNR between vips' conversion and the source's
#     own numbers tells whether the profile really changes colour (`icc_effect_db`, below 50 dB =
#     "non-sRGB"); for those the PSNR of step 3 is the "against vips' conversion" figure.
set -u
BIN=${1:?venice-edit binary}
CORPUS=${2:?corpus dir}
WORK=${3:?work dir}
mkdir -p "$WORK"
OUT_TSV="$WORK/results.tsv"
T="$WORK/tmp"
mkdir -p "$T"

PSNR_PY=$(cat <<'EOF'
import sys, subprocess, numpy as np

def load(path):
    h = lambda f: subprocess.check_output(["vipsheader", "-f", f, path], text=True).strip()
    w, ht, c, fmt = int(h("width")), int(h("height")), int(h("bands")), h("format")
    raw = path + ".raw"
    subprocess.check_call(["vips", "rawsave", path, raw])
    wide = "USHORT" in fmt.upper()
    a = np.fromfile(raw, dtype=np.uint16 if wide else np.uint8).reshape(ht, w, c).astype(np.float64)
    if wide:
        a = a / 257.0
    if c == 1: a = np.repeat(a, 3, axis=2)
    elif c == 2: a = np.concatenate([np.repeat(a[:, :, :1], 3, axis=2), a[:, :, 1:]], axis=2)
    return a

def db(a, b):
    mse = np.mean((a - b) ** 2)
    return "99.00" if mse == 0 else "%.2f" % (10 * np.log10(255.0 ** 2 / mse))

def psnr(a, b):
    """Two figures: colour premultiplied by alpha plus alpha (what a viewer composites), and
    straight colour plus alpha with only pixels transparent in both left out."""
    if a.shape[:2] != b.shape[:2]:
        return "size-mismatch size-mismatch"
    if a.shape[2] == 4 and b.shape[2] == 4:
        pa = np.concatenate([a[:, :, :3] * a[:, :, 3:] / 255.0, a[:, :, 3:]], axis=2)
        pb = np.concatenate([b[:, :, :3] * b[:, :, 3:] / 255.0, b[:, :, 3:]], axis=2)
        clear = (a[:, :, 3] == 0) & (b[:, :, 3] == 0)
        a = a.copy(); b = b.copy()
        a[clear, :3] = 0; b[clear, :3] = 0
        return db(pa, pb) + " " + db(a, b)
    a, b = a[:, :, :3], b[:, :, :3]
    d = db(a, b)
    return d + " " + d

print(psnr(load(sys.argv[1]), load(sys.argv[2])))
EOF
)
# PNG colour chunks libvips 8.14 does not act on: cICP (primaries/transfer/matrix/range) and gAMA.
png_colour_chunks() { python3 - "$1" <<'PYEOF'
import struct, sys
d = open(sys.argv[1], "rb").read(); i = 8; out = []
while d[:8] == b"\x89PNG\r\n\x1a\n" and i + 8 <= len(d):
    n, t = struct.unpack(">I", d[i:i + 4])[0], d[i + 4:i + 8]
    if t == b"cICP" and n == 4: out.append("cICP=" + "/".join(str(b) for b in d[i + 8:i + 12]))
    if t == b"gAMA" and n == 4: out.append("gAMA=%.4f" % (struct.unpack(">I", d[i + 8:i + 12])[0] / 1e5))
    if t == b"IDAT" or n > len(d): break
    i += 12 + n
print(",".join(out) or "-")
PYEOF
}
psnr() { python3 -c "$PSNR_PY" "$1" "$2" 2>/dev/null || echo "error error"; }
hdr() { vipsheader -f "$2" "$1" 2>/dev/null; }

printf 'file\tstatus\tactions\tformat\tbytes\tpassthrough\tin_size\tout_size\tout_bands\ticc_desc\ticc_effect_db\tpsnr_db\tpsnr_straight_db\tresizer\tpng_chunks\tpsnr_cicp_db\terror\n' > "$OUT_TSV"
cd "$CORPUS" || exit 1
find . -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.webp' \
    -o -iname '*.avif' -o -iname '*.heic' -o -iname '*.heif' \) | sed 's|^\./||' | LC_ALL=C sort |
while read -r f; do
    rm -f "$T"/*
    out="$T/out.out"
    json=$(timeout 300 "$BIN" prepare "$f" -o "$out" --json 2>"$T/err")
    status=$?
    err=$(grep -v '^$' "$T/err" | head -1 | tr '\t' ' ')
    if [ $status -ne 0 ] || [ ! -s "$out" ]; then
        printf '%s\t%s\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t%s\n' "$f" "$status" "$err" >> "$OUT_TSV"
        continue
    fi
    read -r actions format bytes pass < <(python3 -c '
import json,sys; j=json.loads(sys.stdin.read())
print(",".join(j["actions"]) or "-", j["format"], j["bytes"], str(j["passthrough"]).lower())' <<<"$json")
    insize="$(hdr "$f" width)x$(hdr "$f" height)"
    ow=$(hdr "$out" width); oh=$(hdr "$out" height); ob=$(hdr "$out" bands)
    # Embedded profile?
    icc=""; iccfx=""
    if vipsheader -a "$f" 2>/dev/null | grep -q '^icc-profile-data'; then
        icc=$(identify -format '%[icc:description]' "$f[0]" 2>/dev/null | head -c 60 | tr '\t\n' '  ')
        [ -n "$icc" ] || icc="(no description)"
        # libvips 8.14 leaves the pixels unconverted (with a warning) when the profile has no
        # relative-colorimetric table (jpegli's XYB profile has A2B0 only); lcms itself would use
        # A2B0 then, so the reference does the same through --intent perceptual.
        if vips icc_transform "$f" "$T/c.v" srgb --embedded --intent relative \
                --black-point-compensation 2>"$T/iccerr"; then
            if grep -q 'does not support relative' "$T/iccerr"; then
                vips icc_transform "$f" "$T/c.v" srgb --embedded --intent perceptual \
                    --black-point-compensation 2>/dev/null
                icc="$icc [perceptual]"
            fi
            vips copy "$f" "$T/s.v" 2>/dev/null && read -r iccfx _ < <(psnr "$T/s.v" "$T/c.v")
        else
            iccfx="vips-refused"
        fi
    fi
    chunks=$(png_colour_chunks "$f" 2>/dev/null || echo "-")
    resizer="-"; p="-"; pst="-"; pcicp="-"
    if [ "$pass" != "true" ]; then
        # 1. colour to sRGB, 8-bit
        if [ -n "$icc" ] && [ -f "$T/c.v" ]; then
            cp "$T/c.v" "$T/r1.v"
        else
            vips colourspace "$f" "$T/r1.v" srgb 2>/dev/null || vips copy "$f" "$T/r1.v"
        fi
        # 2. orientation; 8 bits
        vips autorot "$T/r1.v" "$T/r2.v"
        if ! hdr "$T/r2.v" format | grep -qi uchar; then
            vips cast "$T/r2.v" "$T/r2b.v" uchar && mv "$T/r2b.v" "$T/r2.v"
        fi
        # 3. flatten onto white when the output lost the alpha
        rb=$(hdr "$T/r2.v" bands)
        if { [ "$rb" = 4 ] || [ "$rb" = 2 ]; } && { [ "$ob" = 1 ] || [ "$ob" = 3 ]; }; then
            vips flatten "$T/r2.v" "$T/r3.v" --background 255 && vips cast "$T/r3.v" "$T/r2.v" uchar
            rb=$(hdr "$T/r2.v" bands)
        fi
        # 4. Lanczos-3 to the output's size
        rw=$(hdr "$T/r2.v" width); rh=$(hdr "$T/r2.v" height)
        if [ "$rw" = "$ow" ] && [ "$rh" = "$oh" ]; then
            cp "$T/r2.v" "$T/ref.v"; resizer="none"
        elif [ "$ow" -le "$rw" ] && [ "$oh" -le "$rh" ]; then
            hs=$(python3 -c "print($rw/$ow)"); vs=$(python3 -c "print($rh/$oh)")
            if [ "$rb" = 4 ] || [ "$rb" = 2 ]; then
                vips premultiply "$T/r2.v" "$T/pm.v"
                vips reduce "$T/pm.v" "$T/rd.v" "$hs" "$vs" --kernel lanczos3
                vips unpremultiply "$T/rd.v" "$T/up.v"
                vips cast "$T/up.v" "$T/ref.v" uchar
            else
                vips reduce "$T/r2.v" "$T/rd.v" "$hs" "$vs" --kernel lanczos3
                vips cast "$T/rd.v" "$T/ref.v" uchar
            fi
            resizer="vips-reduce"
        else
            vips pngsave "$T/r2.v" "$T/r2.png" --strip --compression 1
            convert "$T/r2.png" -filter Lanczos -resize "${ow}x${oh}!" -depth 8 "$T/ref.png"
            vips copy "$T/ref.png" "$T/ref.v"; resizer="magick-lanczos"
        fi
        read -r p pst < <(psnr "$out" "$T/ref.v")
        # cICP 12/13 = Display P3 primaries with the sRGB curve: a second reference that honours
        # it (libvips' built-in "p3" profile), resized the same way.
        case "$chunks" in *cICP=12/13/*)
            vips icc_transform "$f" "$T/p3.v" srgb --input-profile p3 --intent relative \
                --black-point-compensation && vips autorot "$T/p3.v" "$T/p3r.v" &&
            vips pngsave "$T/p3r.v" "$T/p3r.png" --strip --compression 1 &&
            convert "$T/p3r.png" -filter Lanczos -resize "${ow}x${oh}!" -depth 8 "$T/p3ref.png" &&
            read -r pcicp _ < <(psnr "$out" "$T/p3ref.png") ;;
        esac
    fi
    printf '%s\t0\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$actions" "$format" \
        "$bytes" "$pass" "$insize" "${ow}x${oh}" "$ob" "$icc" "$iccfx" "$p" "$pst" "$resizer" "$chunks" "$pcicp" "$err" >> "$OUT_TSV"
done

python3 - "$OUT_TSV" <<'EOF'
import csv, sys, numpy as np
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
ok = [r for r in rows if r["status"] == "0"]
ref = [r for r in rows if r["status"] != "0"]
pas = [r for r in ok if r["passthrough"] == "true"]
ren = [r for r in ok if r["passthrough"] != "true"]
def num(s):
    try: return float(s)
    except ValueError: return None
ps = np.array([num(r["psnr_db"]) for r in ren if num(r["psnr_db"]) is not None])
print(f"files {len(rows)}  prepared {len(ok)}  passthrough {len(pas)}  re-encoded {len(ren)}  refused {len(ref)}")
if len(ps):
    print("PSNR dB: min %.2f  p1 %.2f  p10 %.2f  p50 %.2f  max %.2f  (n=%d, 99 = identical)" % (
        ps.min(), *np.percentile(ps, [1, 10, 50]), ps.max(), len(ps)))
    bins = list(range(0, 105, 5))
    h, _ = np.histogram(np.minimum(ps, 99), bins=bins)
    for lo, n in zip(bins, h):
        if n: print(f"  [{lo},{lo+5}) {n}")
print("below 30 dB:")
for r in ren:
    v = num(r["psnr_db"])
    if v is None or v < 30: print("  ", r["file"], r["psnr_db"], r["actions"], r["format"], r["icc_desc"])
print("non-sRGB profiles (icc_effect_db < 50):")
for r in ok:
    e = num(r["icc_effect_db"])
    if e is not None and e < 50:
        print("  ", r["file"], "effect", r["icc_effect_db"], "psnr", r["psnr_db"], r["actions"], r["icc_desc"])
print("PNG cICP (not an ICC profile; libvips 8.14 ignores it):")
for r in ok:
    if "cICP" in r["png_chunks"]:
        print("  ", r["file"], r["png_chunks"], "psnr vs P3-aware reference", r["psnr_cicp_db"], r["actions"])
def odd_gama(r):
    g = [float(c[5:]) for c in r["png_chunks"].split(",") if c.startswith("gAMA=")]
    return bool(g) and not 0.44 <= g[0] <= 0.47 and "cICP" not in r["png_chunks"]
odd = [r for r in ok if odd_gama(r)]
print("PNG gAMA other than 1/2.2 (honoured by neither the tool nor the reference): %d files, "
      "%d passed through; values %s" % (len(odd), sum(r["passthrough"] == "true" for r in odd),
      sorted(set(c for r in odd for c in r["png_chunks"].split(",") if c.startswith("gAMA")))))
print("refused:")
for r in ref: print("  ", r["file"], r["error"])
EOF
