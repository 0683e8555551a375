/* cimg_mask.c: the per-pixel loops of mask building (blur, majority, disc dilation, binary
 * resize). Pure computation on caller-owned buffers; scratch memory is allocated per call. */
#include "cimg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static inline uint32_t clampi(int64_t v, uint32_t n) {
    return v < 0 ? 0 : (v >= (int64_t)n ? n - 1 : (uint32_t)v);
}

cimg_status cimg_mask_box_blur(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r) {
    if (!src || !dst || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    size_t n = (size_t)w * h;
    if (r == 0) { memcpy(dst, src, n); return CIMG_OK; }
    uint8_t *hz = malloc(n);
    uint32_t *col = calloc(w, sizeof *col);
    if (!hz || !col) { free(hz); free(col); return CIMG_ERR_NOMEM; }
    const uint32_t k = 2 * r + 1, half = k / 2;
    const int64_t ir = r;
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *row = src + (size_t)y * w;
        uint8_t *out = hz + (size_t)y * w;
        uint32_t sum = 0;
        for (int64_t dx = -ir; dx <= ir; dx++) sum += row[clampi(dx, w)];
        for (uint32_t x = 0; x < w; x++) {
            out[x] = (uint8_t)((sum + half) / k);
            sum += row[clampi((int64_t)x + ir + 1, w)];
            sum -= row[clampi((int64_t)x - ir, w)];
        }
    }
    for (int64_t dy = -ir; dy <= ir; dy++) {
        const uint8_t *row = hz + (size_t)clampi(dy, h) * w;
        for (uint32_t x = 0; x < w; x++) col[x] += row[x];
    }
    for (uint32_t y = 0; y < h; y++) {
        uint8_t *out = dst + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) out[x] = (uint8_t)((col[x] + half) / k);
        const uint8_t *add = hz + (size_t)clampi((int64_t)y + ir + 1, h) * w;
        const uint8_t *drop = hz + (size_t)clampi((int64_t)y - ir, h) * w;
        for (uint32_t x = 0; x < w; x++) col[x] = col[x] + add[x] - drop[x];
    }
    free(hz);
    free(col);
    return CIMG_OK;
}

cimg_status cimg_mask_majority(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h) {
    if (!src || !dst || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    uint8_t *cnt = malloc((size_t)w * h);
    if (!cnt) return CIMG_ERR_NOMEM;
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *row = src + (size_t)y * w;
        uint8_t *c = cnt + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) {
            uint32_t l = x > 0 ? x - 1 : 0, rr = x + 1 < w ? x + 1 : w - 1;
            c[x] = (uint8_t)((row[l] >> 7) + (row[x] >> 7) + (row[rr] >> 7));
        }
    }
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *a = cnt + (size_t)(y > 0 ? y - 1 : 0) * w;
        const uint8_t *b = cnt + (size_t)y * w;
        const uint8_t *c = cnt + (size_t)(y + 1 < h ? y + 1 : h - 1) * w;
        uint8_t *out = dst + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) out[x] = (a[x] + b[x] + c[x]) >= 5 ? 255 : 0;
    }
    free(cnt);
    return CIMG_OK;
}

cimg_status cimg_mask_dilate(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r,
                             int invert) {
    if (!src || !dst || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    if (r > (uint32_t)w + h) r = w + h;
    if (r > 60000) r = 60000;
    const uint16_t cap = (uint16_t)(r + 1);
    const int64_t r2 = (int64_t)r * r;
    const uint8_t on = invert ? 0 : 255, off = invert ? 255 : 0;
    const uint8_t want = invert ? 0 : 1;   /* marked when (value >> 7) == want */
    size_t n = (size_t)w * h;
    uint16_t *down = malloc(n * sizeof *down);
    uint16_t *up = malloc((size_t)w * sizeof *up);
    int64_t *f = malloc((size_t)w * sizeof *f);
    uint32_t *v = malloc((size_t)w * sizeof *v);
    double *z = malloc(((size_t)w + 1) * sizeof *z);
    if (!down || !up || !f || !v || !z) {
        free(down); free(up); free(f); free(v); free(z);
        return CIMG_ERR_NOMEM;
    }
    /* vertical distance to the nearest marked pixel above, capped at r + 1 */
    for (uint32_t x = 0; x < w; x++) down[x] = (src[x] >> 7) == want ? 0 : cap;
    for (uint32_t y = 1; y < h; y++) {
        const uint8_t *row = src + (size_t)y * w;
        const uint16_t *prev = down + (size_t)(y - 1) * w;
        uint16_t *cur = down + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) {
            uint16_t above = prev[x];
            cur[x] = (row[x] >> 7) == want ? 0 : (above < cap ? (uint16_t)(above + 1) : cap);
        }
    }
    for (uint32_t x = 0; x < w; x++) up[x] = cap;
    for (uint32_t yy = h; yy-- > 0;) {
        const uint8_t *row = src + (size_t)yy * w;
        const uint16_t *dn = down + (size_t)yy * w;
        uint8_t *out = dst + (size_t)yy * w;
        int64_t k = -1;
        for (uint32_t x = 0; x < w; x++) {
            uint16_t below = up[x];
            uint16_t g = (row[x] >> 7) == want ? 0 : (below < cap ? (uint16_t)(below + 1) : cap);
            up[x] = g;
            if (dn[x] < g) g = dn[x];
            if (g >= cap) continue;
            /* add the parabola (t - x)^2 + g^2 to the lower envelope */
            int64_t fx = (int64_t)g * g;
            f[x] = fx;
            double s = -INFINITY;
            while (k >= 0) {
                int64_t q = v[k];
                s = (double)((fx + (int64_t)x * x) - (f[q] + q * q)) / (double)(2 * ((int64_t)x - q));
                if (s <= z[k]) k--; else break;
            }
            k++;
            v[k] = x;
            z[k] = k == 0 ? -INFINITY : s;
            z[k + 1] = INFINITY;
        }
        if (k < 0) { memset(out, off, w); continue; }
        int64_t j = 0;
        for (uint32_t x = 0; x < w; x++) {
            while (z[j + 1] < (double)x) j++;
            int64_t q = v[j], d = (int64_t)x - q;
            out[x] = d * d + f[q] <= r2 ? on : off;
        }
    }
    free(down); free(up); free(f); free(v); free(z);
    return CIMG_OK;
}

/* For each output index o along an axis, the input range [first[o], first[o] + count[o]) and the
 * overlap of each input pixel with it, in units of 1/out of an input pixel, stored flat. */
typedef struct {
    uint32_t *first, *count, *offset;
    int64_t *weight;
} cimg_spans;

static void spans_free(cimg_spans *s) {
    free(s->first); free(s->count); free(s->offset); free(s->weight);
}

static int spans_make(cimg_spans *s, uint32_t in, uint32_t out) {
    /* each output pixel overlaps at most in/out + 2 input pixels */
    size_t total = (size_t)out * ((size_t)in / out + 2);
    s->first = malloc((size_t)out * sizeof *s->first);
    s->count = malloc((size_t)out * sizeof *s->count);
    s->offset = malloc((size_t)out * sizeof *s->offset);
    s->weight = malloc(total * sizeof *s->weight);
    if (!s->first || !s->count || !s->offset || !s->weight) { spans_free(s); return 0; }
    size_t at = 0;
    for (uint32_t o = 0; o < out; o++) {
        uint64_t start = (uint64_t)o * in, end = (uint64_t)(o + 1) * in;
        uint32_t i = (uint32_t)(start / out);
        s->first[o] = i;
        s->offset[o] = (uint32_t)at;
        uint32_t c = 0;
        for (; (uint64_t)i * out < end && i < in; i++) {
            uint64_t lo = (uint64_t)i * out > start ? (uint64_t)i * out : start;
            uint64_t hi = (uint64_t)(i + 1) * out < end ? (uint64_t)(i + 1) * out : end;
            s->weight[at++] = (int64_t)(hi - lo);
            c++;
        }
        s->count[o] = c;
    }
    return 1;
}

cimg_status cimg_mask_resize(const uint8_t *src, uint32_t w, uint32_t h, uint8_t *dst, uint32_t ow,
                             uint32_t oh) {
    if (!src || !dst || w == 0 || h == 0 || ow == 0 || oh == 0) return CIMG_ERR_ARGUMENT;
    cimg_spans xs = {0}, ys = {0};
    uint16_t *cov = malloc((size_t)ow * oh * sizeof *cov);
    int64_t *row_h = malloc((size_t)ow * sizeof *row_h);
    int64_t *acc = malloc((size_t)ow * sizeof *acc);
    if (!cov || !row_h || !acc || !spans_make(&xs, w, ow) || !spans_make(&ys, h, oh)) {
        free(cov); free(row_h); free(acc); spans_free(&xs); spans_free(&ys);
        return CIMG_ERR_NOMEM;
    }
    const int64_t full = (int64_t)w * h;
    int64_t cached = -1;
    for (uint32_t oy = 0; oy < oh; oy++) {
        memset(acc, 0, (size_t)ow * sizeof *acc);
        for (uint32_t t = 0; t < ys.count[oy]; t++) {
            uint32_t j = ys.first[oy] + t;
            int64_t wy = ys.weight[ys.offset[oy] + t];
            if ((int64_t)j != cached) {
                const uint8_t *row = src + (size_t)j * w;
                for (uint32_t ox = 0; ox < ow; ox++) {
                    const int64_t *wx = xs.weight + xs.offset[ox];
                    const uint8_t *px = row + xs.first[ox];
                    int64_t sum = 0;
                    for (uint32_t u = 0; u < xs.count[ox]; u++) sum += (px[u] >> 7) ? wx[u] : 0;
                    row_h[ox] = sum;
                }
                cached = j;
            }
            for (uint32_t ox = 0; ox < ow; ox++) acc[ox] += row_h[ox] * wy;
        }
        uint16_t *c = cov + (size_t)oy * ow;
        for (uint32_t ox = 0; ox < ow; ox++) {
            int64_t a = acc[ox];
            int64_t q = (a * 65535 + full / 2) / full;
            if (a > 0 && q < 1) q = 1;             /* a partial cover never reads as none … */
            if (a < full && q > 65534) q = 65534;  /* … nor as full */
            c[ox] = (uint16_t)q;
        }
    }
    for (uint32_t y = 0; y < oh; y++) {
        const uint16_t *c = cov + (size_t)y * ow;
        const uint16_t *above = y > 0 ? c - ow : NULL, *below = y + 1 < oh ? c + ow : NULL;
        uint8_t *out = dst + (size_t)y * ow;
        for (uint32_t x = 0; x < ow; x++) {
            uint16_t v = c[x];
            if (v >= 32768) { out[x] = 255; continue; }
            out[x] = 0;
            if (v == 0) continue;
            uint16_t l = x > 0 ? c[x - 1] : 0, rr = x + 1 < ow ? c[x + 1] : 0;
            uint16_t a = above ? above[x] : 0, b = below ? below[x] : 0;
            if (l >= 32768 || rr >= 32768 || a >= 32768 || b >= 32768) continue;
            if ((v >= l && v >= rr) || (v >= a && v >= b)) out[x] = 255;
        }
    }
    free(cov); free(row_h); free(acc); spans_free(&xs); spans_free(&ys);
    return CIMG_OK;
}
