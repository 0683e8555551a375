/* cimg_mask.c: the per-pixel loops of mask building (blur, threshold with majority vote, disc
 * dilation, binary resize). Pure computation on caller-owned buffers; scratch memory is allocated per call. */
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

cimg_status cimg_mask_blur3_histogram(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h,
                                      uint64_t histogram[256]) {
    if (!src || !dst || !histogram || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    uint16_t *col = malloc((size_t)w * sizeof *col);
    if (!col) return CIMG_ERR_NOMEM;
    memset(histogram, 0, 256 * sizeof *histogram);
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *a = src + (size_t)(y > 0 ? y - 1 : 0) * w;
        const uint8_t *b = src + (size_t)y * w;
        const uint8_t *c = src + (size_t)(y + 1 < h ? y + 1 : h - 1) * w;
        for (uint32_t x = 0; x < w; x++) col[x] = (uint16_t)(a[x] + b[x] + c[x]);
        uint8_t *out = dst + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) {
            uint32_t l = x > 0 ? x - 1 : 0, rr = x + 1 < w ? x + 1 : w - 1;
            uint32_t sum = (uint32_t)col[l] + col[x] + col[rr];
            uint8_t v = (uint8_t)((sum + 4) / 9);
            out[x] = v;
            histogram[v]++;
        }
    }
    free(col);
    return CIMG_OK;
}

cimg_status cimg_mask_threshold(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint8_t cut,
                                int invert, int majority) {
    if (!src || !dst || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    const uint8_t on = invert ? 0 : 255, off = invert ? 255 : 0;
    if (!majority) {
        size_t n = (size_t)w * h;
        for (size_t i = 0; i < n; i++) dst[i] = src[i] >= cut ? on : off;
        return CIMG_OK;
    }
    /* counts[k]: for one row, how many of x-1, x, x+1 are at or above the cut (edges replicated);
     * three rows roll through the buffer */
    uint8_t *counts = malloc((size_t)w * 3);
    if (!counts) return CIMG_ERR_NOMEM;
    const uint32_t majority_of = 5;
#define CIMG_ROW_COUNTS(rowIndex, buffer) do { \
        const uint8_t *r_ = src + (size_t)(rowIndex) * w; \
        for (uint32_t x = 0; x < w; x++) { \
            uint32_t l = x > 0 ? x - 1 : 0, rr = x + 1 < w ? x + 1 : w - 1; \
            (buffer)[x] = (uint8_t)((r_[l] >= cut) + (r_[x] >= cut) + (r_[rr] >= cut)); \
        } \
    } while (0)
    uint8_t *prev = counts, *cur = counts + w, *next = counts + 2 * (size_t)w;
    CIMG_ROW_COUNTS(0, cur);
    memcpy(prev, cur, w);
    for (uint32_t y = 0; y < h; y++) {
        if (y + 1 < h) CIMG_ROW_COUNTS(y + 1, next); else memcpy(next, cur, w);
        uint8_t *out = dst + (size_t)y * w;
        /* the vote is symmetric: at most 4 of 9 at or above the cut means at least 5 below */
        for (uint32_t x = 0; x < w; x++) {
            uint32_t above = (uint32_t)prev[x] + cur[x] + next[x];
            out[x] = above >= majority_of ? on : off;
        }
        uint8_t *t = prev; prev = cur; cur = next; next = t;
    }
#undef CIMG_ROW_COUNTS
    free(counts);
    return CIMG_OK;
}

/* The dilation, written once for 8-bit distances (r < 255: half the memory traffic) and once
 * for 16-bit ones. */
#define DILATE_NAME dilate8
#define DIST_T uint8_t
static cimg_status DILATE_NAME(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r, int invert) {
    const DIST_T cap = (DIST_T)(r + 1);
    const uint8_t on = invert ? 0 : 255, off = invert ? 255 : 0;
    const uint8_t want = invert ? 0 : 1;   /* marked when (value >> 7) == want */
    size_t n = (size_t)w * h;
    DIST_T *down = malloc(n * sizeof *down);
    DIST_T *up = malloc((size_t)w * sizeof *up);
    int32_t *half = malloc(((size_t)r + 2) * sizeof *half);
    int32_t *reach = malloc((size_t)w * sizeof *reach);
    if (!down || !up || !half || !reach) {
        free(down); free(up); free(half); free(reach);
        return CIMG_ERR_NOMEM;
    }
    /* half[g]: the largest dx with dx^2 + g^2 <= r^2 (-1 when g > r): a marked pixel g rows away
     * in column q reaches columns q - half[g] ... q + half[g] of this row, and nothing else */
    for (uint32_t g = 0; g <= r; g++) {
        int64_t left = (int64_t)r * r - (int64_t)g * g;
        int64_t dx = (int64_t)sqrt((double)left);
        while (dx * dx > left) dx--;
        while ((dx + 1) * (dx + 1) <= left) dx++;
        half[g] = (int32_t)dx;
    }
    half[r + 1] = -1;
    /* vertical distance to the nearest marked pixel above, capped at r + 1 */
    for (uint32_t x = 0; x < w; x++) down[x] = (src[x] >> 7) == want ? 0 : cap;
    for (uint32_t y = 1; y < h; y++) {
        const uint8_t *row = src + (size_t)y * w;
        const DIST_T *prev = down + (size_t)(y - 1) * w;
        DIST_T *cur = down + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) {
            DIST_T above = prev[x];
            cur[x] = (row[x] >> 7) == want ? 0 : (above < cap ? (DIST_T)(above + 1) : cap);
        }
    }
    /* bottom-up: the nearest marked pixel below; then, per row, the union of the reaches */
    for (uint32_t x = 0; x < w; x++) up[x] = cap;
    for (uint32_t yy = h; yy-- > 0;) {
        const uint8_t *row = src + (size_t)yy * w;
        const DIST_T *dn = down + (size_t)yy * w;
        uint8_t *out = dst + (size_t)yy * w;
        int64_t right = -1;   /* the furthest column reached so far from the left */
        for (uint32_t x = 0; x < w; x++) {
            DIST_T below = up[x];
            DIST_T g = (row[x] >> 7) == want ? 0 : (below < cap ? (DIST_T)(below + 1) : cap);
            up[x] = g;
            if (dn[x] < g) g = dn[x];
            int32_t hw = half[g];
            reach[x] = hw;
            if (hw >= 0 && (int64_t)x + hw > right) right = (int64_t)x + hw;
            out[x] = right >= (int64_t)x ? on : off;
        }
        int64_t left = INT64_MAX;  /* the leftmost column reached from the right */
        for (uint32_t x = w; x-- > 0;) {
            int32_t hw = reach[x];
            if (hw >= 0 && (int64_t)x - hw < left) left = (int64_t)x - hw;
            if (left <= (int64_t)x) out[x] = on;
        }
    }
    free(down); free(up); free(half); free(reach);
    return CIMG_OK;
}
#undef DILATE_NAME
#undef DIST_T
#define DILATE_NAME dilate16
#define DIST_T uint16_t
static cimg_status DILATE_NAME(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r, int invert) {
    const DIST_T cap = (DIST_T)(r + 1);
    const uint8_t on = invert ? 0 : 255, off = invert ? 255 : 0;
    const uint8_t want = invert ? 0 : 1;   /* marked when (value >> 7) == want */
    size_t n = (size_t)w * h;
    DIST_T *down = malloc(n * sizeof *down);
    DIST_T *up = malloc((size_t)w * sizeof *up);
    int32_t *half = malloc(((size_t)r + 2) * sizeof *half);
    int32_t *reach = malloc((size_t)w * sizeof *reach);
    if (!down || !up || !half || !reach) {
        free(down); free(up); free(half); free(reach);
        return CIMG_ERR_NOMEM;
    }
    /* half[g]: the largest dx with dx^2 + g^2 <= r^2 (-1 when g > r): a marked pixel g rows away
     * in column q reaches columns q - half[g] ... q + half[g] of this row, and nothing else */
    for (uint32_t g = 0; g <= r; g++) {
        int64_t left = (int64_t)r * r - (int64_t)g * g;
        int64_t dx = (int64_t)sqrt((double)left);
        while (dx * dx > left) dx--;
        while ((dx + 1) * (dx + 1) <= left) dx++;
        half[g] = (int32_t)dx;
    }
    half[r + 1] = -1;
    /* vertical distance to the nearest marked pixel above, capped at r + 1 */
    for (uint32_t x = 0; x < w; x++) down[x] = (src[x] >> 7) == want ? 0 : cap;
    for (uint32_t y = 1; y < h; y++) {
        const uint8_t *row = src + (size_t)y * w;
        const DIST_T *prev = down + (size_t)(y - 1) * w;
        DIST_T *cur = down + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++) {
            DIST_T above = prev[x];
            cur[x] = (row[x] >> 7) == want ? 0 : (above < cap ? (DIST_T)(above + 1) : cap);
        }
    }
    /* bottom-up: the nearest marked pixel below; then, per row, the union of the reaches */
    for (uint32_t x = 0; x < w; x++) up[x] = cap;
    for (uint32_t yy = h; yy-- > 0;) {
        const uint8_t *row = src + (size_t)yy * w;
        const DIST_T *dn = down + (size_t)yy * w;
        uint8_t *out = dst + (size_t)yy * w;
        int64_t right = -1;   /* the furthest column reached so far from the left */
        for (uint32_t x = 0; x < w; x++) {
            DIST_T below = up[x];
            DIST_T g = (row[x] >> 7) == want ? 0 : (below < cap ? (DIST_T)(below + 1) : cap);
            up[x] = g;
            if (dn[x] < g) g = dn[x];
            int32_t hw = half[g];
            reach[x] = hw;
            if (hw >= 0 && (int64_t)x + hw > right) right = (int64_t)x + hw;
            out[x] = right >= (int64_t)x ? on : off;
        }
        int64_t left = INT64_MAX;  /* the leftmost column reached from the right */
        for (uint32_t x = w; x-- > 0;) {
            int32_t hw = reach[x];
            if (hw >= 0 && (int64_t)x - hw < left) left = (int64_t)x - hw;
            if (left <= (int64_t)x) out[x] = on;
        }
    }
    free(down); free(up); free(half); free(reach);
    return CIMG_OK;
}
#undef DILATE_NAME
#undef DIST_T

cimg_status cimg_mask_dilate(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r,
                             int invert) {
    if (!src || !dst || w == 0 || h == 0) return CIMG_ERR_ARGUMENT;
    if (r > (uint32_t)w + h) r = w + h;   /* no disc reaches further than the image */
    if (r > 60000) r = 60000;
    return r < 255 ? dilate8(src, dst, w, h, r, invert) : dilate16(src, dst, w, h, r, invert);
}

/* For each output index o along an axis, the input range [first[o], first[o] + count[o]) and the
 * overlap of each input pixel with it, in units of 1/out of an input pixel, stored flat. */
typedef struct {
    uint32_t *first, *count, *offset;
    uint32_t *weight;
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
            s->weight[at++] = (uint32_t)(hi - lo);
            c++;
        }
        s->count[o] = c;
    }
    return 1;
}

/* One output row's coverage: acc[ox] = the marked area over output pixel ox, in units where a
 * fully covered pixel is w*h. */
static void resize_row(const uint8_t *src, uint32_t w, const cimg_spans *xs, const cimg_spans *ys,
                       uint32_t ow, uint32_t oy, uint32_t *row_h, int64_t *cached, uint32_t *acc) {
    memset(acc, 0, (size_t)ow * sizeof *acc);
    for (uint32_t t = 0; t < ys->count[oy]; t++) {
        uint32_t j = ys->first[oy] + t;
        uint32_t wy = ys->weight[ys->offset[oy] + t];
        if ((int64_t)j != *cached) {
            const uint8_t *row = src + (size_t)j * w;
            for (uint32_t ox = 0; ox < ow; ox++) {
                const uint32_t *wx = xs->weight + xs->offset[ox];
                const uint8_t *px = row + xs->first[ox];
                uint32_t sum = 0;
                for (uint32_t u = 0; u < xs->count[ox]; u++) sum += (uint32_t)(px[u] >> 7) * wx[u];
                row_h[ox] = sum;
            }
            *cached = j;
        }
        for (uint32_t ox = 0; ox < ow; ox++) acc[ox] += row_h[ox] * wy;
    }
}

cimg_status cimg_mask_resize(const uint8_t *src, uint32_t w, uint32_t h, uint8_t *dst, uint32_t ow,
                             uint32_t oh) {
    if (!src || !dst || w == 0 || h == 0 || ow == 0 || oh == 0) return CIMG_ERR_ARGUMENT;
    /* coverage is counted in units where a full output pixel is w*h: keep that in 32 bits */
    if ((uint64_t)w * h > UINT32_MAX / 2) return CIMG_ERR_LIMIT;
    cimg_spans xs = {0}, ys = {0};
    uint32_t *rows = malloc((size_t)ow * 3 * sizeof *rows);
    uint32_t *row_h = malloc((size_t)ow * sizeof *row_h);
    if (!rows || !row_h || !spans_make(&xs, w, ow) || !spans_make(&ys, h, oh)) {
        free(rows); free(row_h); spans_free(&xs); spans_free(&ys);
        return CIMG_ERR_NOMEM;
    }
    const uint32_t full = w * h;
    int64_t cached = -1;
    uint32_t *prev = rows, *cur = rows + ow, *next = rows + 2 * (size_t)ow;
    memset(prev, 0, (size_t)ow * sizeof *prev);
    resize_row(src, w, &xs, &ys, ow, 0, row_h, &cached, cur);
    for (uint32_t y = 0; y < oh; y++) {
        if (y + 1 < oh) resize_row(src, w, &xs, &ys, ow, y + 1, row_h, &cached, next);
        else memset(next, 0, (size_t)ow * sizeof *next);
        uint8_t *out = dst + (size_t)y * ow;
        for (uint32_t x = 0; x < ow; x++) {
            uint32_t v = cur[x];
            if (2 * (uint64_t)v >= full) { out[x] = 255; continue; }
            out[x] = 0;
            if (v == 0) continue;
            uint32_t l = x > 0 ? cur[x - 1] : 0, rr = x + 1 < ow ? cur[x + 1] : 0;
            uint32_t a = prev[x], b = next[x];
            uint32_t most = l > rr ? l : rr;
            if (a > most) most = a;
            if (b > most) most = b;
            if (2 * (uint64_t)most >= full) continue;   /* beside a well covered pixel: an edge */
            if ((v >= l && v >= rr) || (v >= a && v >= b)) out[x] = 255;
        }
        uint32_t *t = prev; prev = cur; cur = next; next = t;
    }
    free(rows); free(row_h); spans_free(&xs); spans_free(&ys);
    return CIMG_OK;
}
