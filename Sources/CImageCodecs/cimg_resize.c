/*
 * cimg_resize.c: streaming separable Lanczos-3 resampling.
 *
 * Rows arrive top to bottom. Each is filtered horizontally as it arrives into a small ring of
 * float rows; an output row is produced by the vertical filter as soon as the input rows under its
 * kernel are in the ring. Memory is a few rows, whatever the image size, so a decoder, this
 * resizer and an encoder can stream a whole image through without holding it.
 *
 * Weights are computed once per output column and per output row. Where the kernel reaches past
 * an edge, the edge sample is repeated (its weight folded onto the edge pixel). With alpha, colour
 * is premultiplied before filtering and divided back afterwards, so fully transparent pixels
 * (whose colour is meaningless) do not bleed into their neighbours.
 */
#include "cimg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CIMG_LANCZOS_LOBES 3.0

/** Precomputed filter taps for one axis: for output i, `taps` weights starting at input start[i]. */
typedef struct {
    uint32_t taps;
    uint32_t *start;
    float *weights; /* out_count * taps */
} cimg_axis;

struct cimg_resizer {
    uint32_t in_w, in_h, out_w, out_h;
    int channels;
    int alpha;          /* premultiply by the last channel */
    cimg_axis h, v;
    float *in_row;      /* in_w * channels: the current input row as floats (premultiplied) */
    float *ring;        /* ring_rows * out_w * channels: horizontally filtered rows */
    uint32_t ring_rows;
    uint32_t rows_in;   /* input rows received */
    uint32_t rows_out;  /* output rows delivered */
    float *acc;         /* out_w * channels: the vertical accumulator */
};

static double cimg_sinc(double x) {
    if (x == 0.0) return 1.0;
    x *= M_PI;
    return sin(x) / x;
}

static double cimg_lanczos3(double x) {
    if (x < 0) x = -x;
    if (x >= CIMG_LANCZOS_LOBES) return 0.0;
    return cimg_sinc(x) * cimg_sinc(x / CIMG_LANCZOS_LOBES);
}

static void cimg_axis_free(cimg_axis *a) {
    free(a->start);
    free(a->weights);
    a->start = NULL;
    a->weights = NULL;
}

/* Builds the taps mapping `in` samples to `out` samples (pixel centres aligned, as libvips and
 * Pillow do). Returns 0 when out of memory. */
static int cimg_axis_init(cimg_axis *a, uint32_t in, uint32_t out) {
    double scale = (double)in / (double)out;
    double fscale = scale > 1.0 ? scale : 1.0;       /* widen the kernel when shrinking */
    double support = CIMG_LANCZOS_LOBES * fscale;
    uint32_t taps = (uint32_t)ceil(support * 2.0) + 1;
    if (taps > in) taps = in;
    a->taps = taps;
    a->start = malloc(sizeof(uint32_t) * out);
    a->weights = calloc((size_t)out * taps, sizeof(float));
    double *tmp = malloc(sizeof(double) * taps);
    if (!a->start || !a->weights || !tmp) {
        free(tmp);
        cimg_axis_free(a);
        return 0;
    }
    for (uint32_t i = 0; i < out; i++) {
        double centre = ((double)i + 0.5) * scale - 0.5;
        /* window of `taps` inputs around the centre, kept inside [0, in) */
        long lo = (long)floor(centre - support) + 1;
        long first = lo < 0 ? 0 : lo;
        if (first + (long)taps > (long)in) first = (long)in - (long)taps;
        a->start[i] = (uint32_t)first;
        for (uint32_t k = 0; k < taps; k++) tmp[k] = 0.0;
        double sum = 0.0;
        long hi = (long)ceil(centre + support);
        for (long j = lo; j < hi; j++) {
            double w = cimg_lanczos3(((double)j - centre) / fscale);
            if (w == 0.0) continue;
            long src = j < 0 ? 0 : (j >= (long)in ? (long)in - 1 : j);   /* repeat the edge */
            long slot = src - first;
            if (slot < 0) slot = 0;
            if (slot >= (long)taps) slot = (long)taps - 1;
            tmp[slot] += w;
            sum += w;
        }
        float *w = a->weights + (size_t)i * taps;
        if (sum == 0.0) {          /* cannot happen for a valid kernel; keep the nearest pixel */
            long near = lrint(centre) - first;
            if (near < 0) near = 0;
            if (near >= (long)taps) near = (long)taps - 1;
            w[near] = 1.0f;
        } else {
            for (uint32_t k = 0; k < taps; k++) w[k] = (float)(tmp[k] / sum);
        }
    }
    free(tmp);
    return 1;
}

cimg_resizer *cimg_resizer_create(uint32_t in_w, uint32_t in_h, uint32_t out_w, uint32_t out_h,
                                  int channels, int alpha_last) {
    if (in_w == 0 || in_h == 0 || out_w == 0 || out_h == 0 || channels < 1 || channels > 4)
        return NULL;
    /* keep every size_t product below in bounds on 64-bit hosts */
    if (in_w > (1u << 24) || out_w > (1u << 24) || in_h > (1u << 24) || out_h > (1u << 24))
        return NULL;
    cimg_resizer *rs = calloc(1, sizeof(*rs));
    if (!rs) return NULL;
    rs->in_w = in_w;
    rs->in_h = in_h;
    rs->out_w = out_w;
    rs->out_h = out_h;
    rs->channels = channels;
    rs->alpha = alpha_last && (channels == 2 || channels == 4);
    if (!cimg_axis_init(&rs->h, in_w, out_w) || !cimg_axis_init(&rs->v, in_h, out_h)) {
        cimg_resizer_destroy(rs);
        return NULL;
    }
    rs->ring_rows = rs->v.taps;
    size_t out_samples = (size_t)out_w * (size_t)channels;
    rs->in_row = malloc(sizeof(float) * (size_t)in_w * (size_t)channels);
    rs->ring = malloc(sizeof(float) * out_samples * rs->ring_rows);
    rs->acc = malloc(sizeof(float) * out_samples);
    if (!rs->in_row || !rs->ring || !rs->acc) {
        cimg_resizer_destroy(rs);
        return NULL;
    }
    return rs;
}

void cimg_resizer_destroy(cimg_resizer *rs) {
    if (!rs) return;
    cimg_axis_free(&rs->h);
    cimg_axis_free(&rs->v);
    free(rs->in_row);
    free(rs->ring);
    free(rs->acc);
    free(rs);
}

uint32_t cimg_resizer_rows_wanted(const cimg_resizer *rs) { return rs->in_h - rs->rows_in; }

uint32_t cimg_resizer_rows_done(const cimg_resizer *rs) { return rs->rows_out; }

/* Horizontal pass of one float row into `dst` (out_w * C floats); C is a compile-time constant at
 * each call site so the inner loop unrolls per channel. */
#define CIMG_HPASS(C)                                                                              \
    for (uint32_t x = 0; x < out_w; x++) {                                                         \
        const float *w = weights + (size_t)x * taps;                                               \
        const float *s = src + (size_t)start[x] * (C);                                             \
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;                                                      \
        for (uint32_t k = 0; k < taps; k++) {                                                      \
            float wk = w[k];                                                                       \
            a0 += wk * s[k * (C) + 0];                                                             \
            if ((C) > 1) a1 += wk * s[k * (C) + 1];                                                \
            if ((C) > 2) a2 += wk * s[k * (C) + 2];                                                \
            if ((C) > 3) a3 += wk * s[k * (C) + 3];                                                \
        }                                                                                          \
        float *d = dst + (size_t)x * (C);                                                          \
        d[0] = a0;                                                                                 \
        if ((C) > 1) d[1] = a1;                                                                    \
        if ((C) > 2) d[2] = a2;                                                                    \
        if ((C) > 3) d[3] = a3;                                                                    \
    }

static void cimg_hpass(const cimg_resizer *rs, const float *src, float *dst) {
    const uint32_t out_w = rs->out_w, taps = rs->h.taps;
    const uint32_t *start = rs->h.start;
    const float *weights = rs->h.weights;
    switch (rs->channels) {
    case 1: CIMG_HPASS(1) break;
    case 2: CIMG_HPASS(2) break;
    case 3: CIMG_HPASS(3) break;
    default: CIMG_HPASS(4) break;
    }
}

int cimg_resizer_push_row(cimg_resizer *rs, const uint8_t *row) {
    if (rs->rows_in >= rs->in_h) return 0;
    /* the slot this row takes holds row (rows_in - ring_rows); refuse while an undelivered output
     * row still needs it */
    if (rs->rows_out < rs->out_h && rs->rows_in >= rs->ring_rows &&
        rs->v.start[rs->rows_out] <= rs->rows_in - rs->ring_rows)
        return 0;
    const size_t n = (size_t)rs->in_w * (size_t)rs->channels;
    float *f = rs->in_row;
    if (rs->alpha) {
        const int c = rs->channels;
        for (size_t i = 0; i < n; i += (size_t)c) {
            float a = row[i + (size_t)c - 1];
            float k = a * (1.0f / 255.0f);
            for (int j = 0; j < c - 1; j++) f[i + (size_t)j] = row[i + (size_t)j] * k;
            f[i + (size_t)c - 1] = a;
        }
    } else {
        for (size_t i = 0; i < n; i++) f[i] = row[i];
    }
    float *slot = rs->ring + (size_t)(rs->rows_in % rs->ring_rows) * (size_t)rs->out_w * (size_t)rs->channels;
    cimg_hpass(rs, f, slot);
    rs->rows_in++;
    return 1;
}

static inline uint8_t cimg_clamp_u8(float v) {
    if (!(v > 0.0f)) return 0;        /* also maps NaN to 0 */
    if (v >= 255.0f) return 255;
    return (uint8_t)(v + 0.5f);
}

int cimg_resizer_pop_row(cimg_resizer *rs, uint8_t *dst) {
    if (rs->rows_out >= rs->out_h) return 0;
    const uint32_t y = rs->rows_out;
    const uint32_t first = rs->v.start[y], taps = rs->v.taps;
    if (first + taps > rs->rows_in) return 0;      /* the kernel's last row has not arrived */
    const size_t n = (size_t)rs->out_w * (size_t)rs->channels;
    const float *w = rs->v.weights + (size_t)y * taps;
    float *acc = rs->acc;
    const float *r0 = rs->ring + (size_t)(first % rs->ring_rows) * n;
    const float w0 = w[0];
    for (size_t i = 0; i < n; i++) acc[i] = w0 * r0[i];
    for (uint32_t k = 1; k < taps; k++) {
        const float wk = w[k];
        if (wk == 0.0f) continue;
        const float *r = rs->ring + (size_t)((first + k) % rs->ring_rows) * n;
        for (size_t i = 0; i < n; i++) acc[i] += wk * r[i];
    }
    if (rs->alpha) {
        const int c = rs->channels;
        for (size_t i = 0; i < n; i += (size_t)c) {
            float a = acc[i + (size_t)c - 1];
            uint8_t a8 = cimg_clamp_u8(a);
            if (a8 == 0) {
                for (int j = 0; j < c; j++) dst[i + (size_t)j] = 0;
                continue;
            }
            float k = 255.0f / a;
            for (int j = 0; j < c - 1; j++) dst[i + (size_t)j] = cimg_clamp_u8(acc[i + (size_t)j] * k);
            dst[i + (size_t)c - 1] = a8;
        }
    } else {
        for (size_t i = 0; i < n; i++) dst[i] = cimg_clamp_u8(acc[i]);
    }
    rs->rows_out++;
    return 1;
}
