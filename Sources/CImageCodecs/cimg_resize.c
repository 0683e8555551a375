/*
 * cimg_resize.c: streaming separable Lanczos-3 resampling in fixed point.
 *
 * Rows arrive top to bottom. Each is filtered horizontally as it arrives into a small ring of
 * int16 rows; an output row is produced by the vertical filter as soon as the input rows under
 * its kernel are in the ring. Memory is a few rows, whatever the image size, so a decoder, this
 * resizer and an encoder can stream a whole image through without holding it. cimg_pipeline.c
 * runs the same two passes (cimg_resize_hrow / cimg_resize_vrow) on two threads.
 *
 * Weights are computed once per output column and per output row, in double precision, then
 * quantised to int16 (14 bits, each set summing to exactly 1 << 14). Where the kernel reaches past
 * an edge, the edge sample is repeated (its weight folded onto the edge pixel). With alpha,
 * colour is premultiplied before filtering and divided back afterwards, so fully transparent
 * pixels (whose colour is meaningless) do not bleed into their neighbours.
 *
 * The inner loops use SSE2 (pmaddwd on pairs of taps) where the compiler targets it, which every
 * x86-64 does, and AVX2 (four taps per multiply-add, 16 samples per vertical step) when the CPU
 * has it, chosen at run time; elsewhere a portable loop. Every variant computes the same integer
 * sums, so the output is byte for byte the same whichever runs.
 */
#include "cimg.h"
#include "cimg_resize_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define CIMG_SSE2 1
#endif
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CIMG_AVX2 1
#define CIMG_TARGET_AVX2 __attribute__((target("avx2")))
#endif

#define CIMG_LANCZOS_LOBES 3.0
#define CIMG_H_SHIFT (CIMG_IN_BITS + CIMG_WEIGHT_BITS - CIMG_MID_BITS)
#define CIMG_V_SHIFT (CIMG_MID_BITS + CIMG_WEIGHT_BITS)

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
    free(a->pairs);
    free(a->quads);
    a->quads = NULL;
    a->start = NULL;
    a->weights = NULL;
    a->pairs = NULL;
}

/* Builds the taps mapping `in` samples to `out` samples (pixel centres aligned, as libvips and
 * Pillow do), padded with zero weights to a multiple of `multiple` (2 or 4). Returns 0 when out
 * of memory. */
static int cimg_axis_init(cimg_axis *a, uint32_t in, uint32_t out, uint32_t multiple) {
    double scale = (double)in / (double)out;
    double fscale = scale > 1.0 ? scale : 1.0;       /* widen the kernel when shrinking */
    double support = CIMG_LANCZOS_LOBES * fscale;
    uint32_t taps = (uint32_t)ceil(support * 2.0) + 1;
    if (taps > in) taps = in;
    a->real_taps = taps;
    a->taps = (taps + multiple - 1) / multiple * multiple;
    a->start = malloc(sizeof(uint32_t) * out);
    a->weights = calloc((size_t)out * a->taps, sizeof(int16_t));
    a->pairs = malloc(sizeof(int32_t) * (size_t)out * (a->taps / 2));
    /* 32-byte aligned, for the AVX2 loads of two pairs at once (the size must be a multiple) */
    a->quads = aligned_alloc(32, (sizeof(int32_t) * 4 * (size_t)out * (a->taps / 2) + 31) & ~(size_t)31);
    double *tmp = malloc(sizeof(double) * taps);
    if (!a->start || !a->weights || !a->pairs || !a->quads || !tmp) {
        free(tmp);
        cimg_axis_free(a);
        return 0;
    }
    const int32_t one = 1 << CIMG_WEIGHT_BITS;
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
        int16_t *w = a->weights + (size_t)i * a->taps;
        if (sum == 0.0) {          /* cannot happen for a valid kernel; keep the nearest pixel */
            long near = lrint(centre) - first;
            if (near < 0) near = 0;
            if (near >= (long)taps) near = (long)taps - 1;
            w[near] = (int16_t)one;
        } else {
            /* quantise, then put the rounding remainder on the largest weight so that a flat
             * image stays exactly flat */
            int32_t total = 0;
            uint32_t biggest = 0;
            for (uint32_t k = 0; k < taps; k++) {
                double q = tmp[k] / sum * one;
                if (q > 32767.0) q = 32767.0;
                if (q < -32768.0) q = -32768.0;
                w[k] = (int16_t)lrint(q);
                total += w[k];
                if (fabs(tmp[k]) > fabs(tmp[biggest])) biggest = k;
            }
            w[biggest] = (int16_t)(w[biggest] + (one - total));
        }
        for (uint32_t p = 0; p < a->taps / 2; p++) {
            size_t at = (size_t)i * (a->taps / 2) + p;
            a->pairs[at] = (int32_t)((uint32_t)(uint16_t)w[2 * p] | ((uint32_t)(uint16_t)w[2 * p + 1] << 16));
            for (int q = 0; q < 4; q++) a->quads[at * 4 + (size_t)q] = a->pairs[at];
        }
    }
    free(tmp);
    return 1;
}

/* The horizontal weights again, each column's padded with zeros to a multiple of 16 taps, for the
 * one-channel AVX2 pass. Returns 0 when out of memory. The samples read past a column's taps
 * (weighted 0) stay inside the loaded row's zero padding: start + gray_taps <= in_w + 15. */
static int cimg_gray_weights_init(cimg_resizer *rs) {
    rs->gray_taps = (rs->h.taps + 15) / 16 * 16;
    size_t bytes = sizeof(int16_t) * (size_t)rs->gray_taps * rs->out_w;
    rs->gray_weights = aligned_alloc(32, (bytes + 31) & ~(size_t)31);
    if (rs->gray_weights == NULL) return 0;
    memset(rs->gray_weights, 0, bytes);
    for (uint32_t x = 0; x < rs->out_w; x++)
        memcpy(rs->gray_weights + (size_t)x * rs->gray_taps, rs->h.weights + (size_t)x * rs->h.taps,
               sizeof(int16_t) * rs->h.taps);
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
    if (!cimg_axis_init(&rs->h, in_w, out_w, 4) || !cimg_axis_init(&rs->v, in_h, out_h, 2)) {
        cimg_resizer_destroy(rs);
        return NULL;
    }
    rs->simd = CIMG_SIMD_NONE;
#ifdef CIMG_SSE2
    rs->simd = CIMG_SIMD_SSE2;
#endif
#ifdef CIMG_AVX2
    /* the CPU model is read by the compiler runtime's constructor at start-up; no init call here,
       which would write shared state while other threads may be creating resizers */
    if (__builtin_cpu_supports("avx2")) rs->simd = CIMG_SIMD_AVX2;
#endif
    /* A window of h.taps pixels (real taps plus up to 3 zero-weighted ones) starts at most
     * real_taps before the row's end, so positions up to in_w + 3 are read, each pair entry also
     * reading the pixel after it; 8 positions of zeros after the row cover that. The loaded row
     * has the same slack plus one 8-sample SIMD load. */
    rs->row_samples = ((size_t)in_w + 8) * 4 + CIMG_ROW_PAD;
    rs->pair_half = ((size_t)in_w + 8) / 2 + 1;
    rs->in_samples = rs->row_samples + 2 * rs->pair_half * CIMG_PAIR_SAMPLES;
    rs->mid_samples = (((size_t)out_w * (size_t)channels + 7) & ~(size_t)7) + CIMG_ROW_PAD;
    rs->ring_rows = rs->v.real_taps;
    rs->in_row = calloc(rs->in_samples, sizeof(int16_t));
    rs->ring = calloc(rs->mid_samples * rs->ring_rows, sizeof(int16_t));
    rs->acc = malloc(sizeof(int32_t) * (size_t)out_w * (size_t)channels);
    rs->vrows = malloc(sizeof(*rs->vrows) * rs->v.taps);
    if (channels == 1 && rs->simd == CIMG_SIMD_AVX2 && !cimg_gray_weights_init(rs)) {
        cimg_resizer_destroy(rs);
        return NULL;
    }
    if (!rs->in_row || !rs->ring || !rs->acc || !rs->vrows) {
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
    free(rs->vrows);
    free(rs->gray_weights);
    free(rs);
}

uint32_t cimg_resizer_rows_wanted(const cimg_resizer *rs) { return rs->in_h - rs->rows_in; }

uint32_t cimg_resizer_rows_done(const cimg_resizer *rs) { return rs->rows_out; }

int cimg_resizer_limit_simd(cimg_resizer *rs, int level) {
    if (level < rs->simd) rs->simd = level < CIMG_SIMD_NONE ? CIMG_SIMD_NONE : level;
    return rs->simd;
}

/* ---------------------------------------------------------------- horizontal pass -------- */

#ifdef CIMG_AVX2
/* The premultiplying load of RGBA rows, four pixels a step; returns how many samples it made.
 * (x * a * 128 + 127) / 255 in single precision: the dividend is below 2^23, so exact as a float,
 * and a correctly rounded quotient below 2^15 is within 1/512 of the true one, closer than the
 * 1/255 that separates it from the next integer: truncating gives exactly the integer division.
 * The alpha sample uses 255 as its factor, which gives a * 128, as the scalar loop does. */
CIMG_TARGET_AVX2 static size_t cimg_load_rgba_avx2(const uint8_t *row, int16_t *in, size_t n) {
    const __m256i bias = _mm256_set1_epi32(127), k255i = _mm256_set1_epi32(255);
    const __m256 k255 = _mm256_set1_ps(255.0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i px = _mm_loadu_si128((const __m128i *)(row + i));
        __m256i q[2];
        for (int h = 0; h < 2; h++) {
            __m256i x = _mm256_cvtepu8_epi32(h == 0 ? px : _mm_unpackhi_epi64(px, px));   /* 2 pixels */
            __m256i a = _mm256_blend_epi32(_mm256_shuffle_epi32(x, 0xFF), k255i, 0x88);
            __m256i u = _mm256_add_epi32(_mm256_slli_epi32(_mm256_mullo_epi32(x, a), CIMG_IN_BITS), bias);
            q[h] = _mm256_cvttps_epi32(_mm256_div_ps(_mm256_cvtepi32_ps(u), k255));
        }
        /* packs interleaves the halves: pixels 0, 2 | 1, 3; put them back in order */
        __m256i s16 = _mm256_permute4x64_epi64(_mm256_packs_epi32(q[0], q[1]), 0xD8);
        _mm256_storeu_si256((__m256i *)(in + i), s16);
    }
    return i;
}
#endif

/* 8-bit row to int16 at CIMG_IN_BITS; colour premultiplied by alpha (c * a / 255, rounded), so
 * that opaque white stays exactly equal to its alpha. The padding after the row stays 0. */
static void cimg_load_row(const cimg_resizer *rs, const uint8_t *row, int16_t *in) {
    const size_t n = (size_t)rs->in_w * (size_t)rs->channels;
    if (!rs->alpha) {
        for (size_t i = 0; i < n; i++) in[i] = (int16_t)(row[i] << CIMG_IN_BITS);
        return;
    }
    const size_t c = (size_t)rs->channels;
    size_t from = 0;
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2 && c == 4) from = cimg_load_rgba_avx2(row, in, n);
#endif
    for (size_t i = from; i < n; i += c) {
        uint32_t a = row[i + c - 1];
        for (size_t j = 0; j + 1 < c; j++)
            in[i + j] = (int16_t)(((uint32_t)row[i + j] * a * (1u << CIMG_IN_BITS) + 127u) / 255u);
        in[i + c - 1] = (int16_t)(a << CIMG_IN_BITS);
    }
}

static inline int16_t cimg_sat16(int32_t v) {
    return (int16_t)(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
}

/* Portable horizontal pass; the same sums as the SIMD one. */
static void cimg_hpass_scalar(const cimg_resizer *rs, const int16_t *src, int16_t *dst) {
    const uint32_t out_w = rs->out_w, taps = rs->h.taps;
    const int c = rs->channels;
    for (uint32_t x = 0; x < out_w; x++) {
        const int16_t *w = rs->h.weights + (size_t)x * taps;
        const int16_t *s = src + (size_t)rs->h.start[x] * (size_t)c;
        int32_t acc[4] = {1 << (CIMG_H_SHIFT - 1), 1 << (CIMG_H_SHIFT - 1), 1 << (CIMG_H_SHIFT - 1),
                          1 << (CIMG_H_SHIFT - 1)};
        for (uint32_t k = 0; k < taps; k++)
            for (int j = 0; j < c; j++) acc[j] += (int32_t)w[k] * s[k * (uint32_t)c + (uint32_t)j];
        for (int j = 0; j < c; j++) dst[(size_t)x * (size_t)c + (size_t)j] = cimg_sat16(acc[j] >> CIMG_H_SHIFT);
    }
}

/* Offset (in int16) of pair-layout entry j within the pair area. */
static inline size_t cimg_pair_at(const cimg_resizer *rs, uint32_t j) {
    return ((j & 1u) ? rs->pair_half * CIMG_PAIR_SAMPLES : 0) + (size_t)(j >> 1) * CIMG_PAIR_SAMPLES;
}

#ifdef CIMG_SSE2
/* Pair layout (see cimg_resize_internal.h) from a loaded row of 3 or 4 channels. With 3 channels
 * the fourth pair of each entry holds the next pixel's first sample; its sums land in a sample
 * that the horizontal pass overwrites. */
static void cimg_build_pairs_sse2(const cimg_resizer *rs, const int16_t *row, int16_t *pairs) {
    const size_t c = (size_t)rs->channels;
    const uint32_t positions = (uint32_t)(2 * rs->pair_half);
    for (uint32_t j = 0; j < positions; j++) {
        __m128i a = _mm_loadu_si128((const __m128i *)(row + (size_t)j * c));
        __m128i b = _mm_loadu_si128((const __m128i *)(row + ((size_t)j + 1) * c));
        _mm_storeu_si128((__m128i *)(pairs + cimg_pair_at(rs, j)), _mm_unpacklo_epi16(a, b));
    }
}

/* Horizontal pass over the pair layout: one load and one pmaddwd per pair of taps. */
static void cimg_hpass_sse2(const cimg_resizer *rs, const int16_t *pairs, int16_t *dst) {
    const uint32_t out_w = rs->out_w, npairs = rs->h.taps / 2;
    const size_t c = (size_t)rs->channels;
    const __m128i round = _mm_set1_epi32(1 << (CIMG_H_SHIFT - 1));
    const __m128i *wq = (const __m128i *)rs->h.quads;
    for (uint32_t x = 0; x < out_w; x++, wq += npairs) {
        const int16_t *e = pairs + cimg_pair_at(rs, rs->h.start[x]);
        __m128i acc0 = round, acc1 = _mm_setzero_si128();
        for (uint32_t p = 0; p < npairs; p += 2, e += 2 * CIMG_PAIR_SAMPLES) {  /* npairs is even */
            acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)e), _mm_load_si128(wq + p)));
            acc1 = _mm_add_epi32(acc1, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(e + CIMG_PAIR_SAMPLES)),
                                                      _mm_load_si128(wq + p + 1)));
        }
        __m128i v = _mm_srai_epi32(_mm_add_epi32(acc0, acc1), CIMG_H_SHIFT);
        /* 4 samples out; with 3 channels the 4th lands on the next pixel's first sample, which
         * the next iteration overwrites (and the row has padding after its last pixel) */
        _mm_storel_epi64((__m128i *)(dst + (size_t)x * c), _mm_packs_epi32(v, v));
    }
}
#endif

#ifdef CIMG_AVX2
/* Pair layout straight from an 8-bit RGB row (no alpha), four positions per step: one 16-byte
 * load (pixels j .. j+4 and one byte more) broadcast to both halves, one byte shuffle for the even
 * entries j, j+2 and one for the odd entries j+1, j+3, then the shift to 7 fractional bits. The
 * fourth pair of every entry is zero. Returns the first position left to the caller. */
CIMG_TARGET_AVX2 static uint32_t cimg_build_pairs_rgb_avx2(const cimg_resizer *rs, const uint8_t *row,
                                                           int16_t *pairs) {
    const int8_t z = -1;
    const __m256i even = _mm256_setr_epi8(0, z, 3, z, 1, z, 4, z, 2, z, 5, z, z, z, z, z,
                                          6, z, 9, z, 7, z, 10, z, 8, z, 11, z, z, z, z, z);
    const __m256i odd = _mm256_setr_epi8(3, z, 6, z, 4, z, 7, z, 5, z, 8, z, z, z, z, z,
                                         9, z, 12, z, 10, z, 13, z, 11, z, 14, z, z, z, z, z);
    int16_t *e = pairs, *o = pairs + rs->pair_half * CIMG_PAIR_SAMPLES;
    uint32_t j = 0;
    /* the load reads bytes 3j .. 3j+15, which must lie inside the row */
    for (; (size_t)j * 3 + 16 <= (size_t)rs->in_w * 3; j += 4) {
        __m256i v = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(row + (size_t)j * 3)));
        size_t at = (size_t)(j >> 1) * CIMG_PAIR_SAMPLES;
        _mm256_storeu_si256((__m256i *)(e + at), _mm256_slli_epi16(_mm256_shuffle_epi8(v, even), CIMG_IN_BITS));
        _mm256_storeu_si256((__m256i *)(o + at), _mm256_slli_epi16(_mm256_shuffle_epi8(v, odd), CIMG_IN_BITS));
    }
    return j;
}

/* Horizontal pass over the pair layout, four taps per multiply-add, `quads` (= taps / 4) of them
 * per output pixel. Inlined with a constant `quads` for the common kernel sizes, so that the loop
 * over taps unrolls. */
CIMG_TARGET_AVX2 static inline __attribute__((always_inline)) void
cimg_hpass_avx2_n(const cimg_resizer *rs, const int16_t *pairs, int16_t *dst, uint32_t quads) {
    const uint32_t out_w = rs->out_w;
    const size_t c = (size_t)rs->channels, odd = rs->pair_half * CIMG_PAIR_SAMPLES;
    const uint32_t *start = rs->h.start;
    const __m128i round = _mm_set1_epi32(1 << (CIMG_H_SHIFT - 1));
    const __m256i *wq = (const __m256i *)rs->h.quads;
    for (uint32_t x = 0; x < out_w; x++, wq += quads) {
        const uint32_t s = start[x];
        const int16_t *e = pairs + (s & 1u) * odd + (size_t)(s >> 1) * CIMG_PAIR_SAMPLES;
        __m256i acc = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)e), _mm256_load_si256(wq));
        for (uint32_t q = 1; q < quads; q++)
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(
                                            _mm256_loadu_si256((const __m256i *)(e + (size_t)q * 2 * CIMG_PAIR_SAMPLES)),
                                            _mm256_load_si256(wq + q)));
        __m128i v = _mm_add_epi32(_mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1)), round);
        v = _mm_srai_epi32(v, CIMG_H_SHIFT);
        _mm_storel_epi64((__m128i *)(dst + (size_t)x * c), _mm_packs_epi32(v, v));
    }
}

CIMG_TARGET_AVX2 static void cimg_hpass_avx2(const cimg_resizer *rs, const int16_t *pairs, int16_t *dst) {
    switch (rs->h.taps / 4) {
    case 1: cimg_hpass_avx2_n(rs, pairs, dst, 1); break;
    case 2: cimg_hpass_avx2_n(rs, pairs, dst, 2); break;
    case 3: cimg_hpass_avx2_n(rs, pairs, dst, 3); break;
    case 4: cimg_hpass_avx2_n(rs, pairs, dst, 4); break;
    case 5: cimg_hpass_avx2_n(rs, pairs, dst, 5); break;
    case 6: cimg_hpass_avx2_n(rs, pairs, dst, 6); break;
    default: cimg_hpass_avx2_n(rs, pairs, dst, rs->h.taps / 4); break;
    }
}
#endif

#ifdef CIMG_AVX2
/* One-channel horizontal pass: per output column one multiply-add of 16 contiguous samples by its
 * 16 (zero-padded) weights, then eight columns' partial sums reduced together by a tree of
 * horizontal adds. The scalar pass finishes the last out_w % 8 columns. */
CIMG_TARGET_AVX2 static void cimg_hpass_gray_avx2(const cimg_resizer *rs, const int16_t *src, int16_t *dst) {
    const uint32_t out_w = rs->out_w, chunks = rs->gray_taps / 16;
    const uint32_t *start = rs->h.start;
    const __m256i round = _mm256_set1_epi32(1 << (CIMG_H_SHIFT - 1));
    uint32_t x = 0;
    for (; x + 8 <= out_w; x += 8) {
        __m256i v[8];
        for (uint32_t k = 0; k < 8; k++) {
            const int16_t *s = src + start[x + k];
            const __m256i *w = (const __m256i *)(rs->gray_weights + (size_t)(x + k) * rs->gray_taps);
            __m256i acc = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)s), _mm256_load_si256(w));
            for (uint32_t c = 1; c < chunks; c++)
                acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(s + 16 * (size_t)c)),
                                                              _mm256_load_si256(w + c)));
            v[k] = acc;
        }
        /* per 128-bit half: t0 = column sums of v0..v3, t1 of v4..v7 (low and high halves apart) */
        __m256i t0 = _mm256_hadd_epi32(_mm256_hadd_epi32(v[0], v[1]), _mm256_hadd_epi32(v[2], v[3]));
        __m256i t1 = _mm256_hadd_epi32(_mm256_hadd_epi32(v[4], v[5]), _mm256_hadd_epi32(v[6], v[7]));
        __m256i sum = _mm256_add_epi32(_mm256_permute2x128_si256(t0, t1, 0x20), _mm256_permute2x128_si256(t0, t1, 0x31));
        sum = _mm256_srai_epi32(_mm256_add_epi32(sum, round), CIMG_H_SHIFT);
        _mm_storeu_si128((__m128i *)(dst + x),
                         _mm_packs_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1)));
    }
    for (; x < out_w; x++) {
        const int16_t *w = rs->h.weights + (size_t)x * rs->h.taps;
        const int16_t *s = src + start[x];
        int32_t acc = 1 << (CIMG_H_SHIFT - 1);
        for (uint32_t k = 0; k < rs->h.taps; k++) acc += (int32_t)w[k] * s[k];
        dst[x] = cimg_sat16(acc >> CIMG_H_SHIFT);
    }
}
#endif

/* The pair entries from `from` on, one sample at a time from the 8-bit RGB row (no alpha). */
static void cimg_build_pairs_rgb_tail(const cimg_resizer *rs, const uint8_t *row, uint32_t from, int16_t *pairs) {
    const uint32_t positions = (uint32_t)(2 * rs->pair_half), w = rs->in_w;
    for (uint32_t j = from; j < positions; j++) {
        int16_t *e = pairs + cimg_pair_at(rs, j);
        for (uint32_t k = 0; k < 3; k++) {
            e[2 * k] = j < w ? (int16_t)(row[(size_t)j * 3 + k] << CIMG_IN_BITS) : 0;
            e[2 * k + 1] = j + 1 < w ? (int16_t)(row[((size_t)j + 1) * 3 + k] << CIMG_IN_BITS) : 0;
        }
        e[6] = e[7] = 0;
    }
}

void cimg_resize_hrow(const cimg_resizer *rs, const uint8_t *row, int16_t *in, int16_t *mid) {
    int16_t *pairs = in + rs->row_samples;
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2 && rs->channels == 3) {
        cimg_build_pairs_rgb_tail(rs, row, cimg_build_pairs_rgb_avx2(rs, row, pairs), pairs);
        cimg_hpass_avx2(rs, pairs, mid);
        return;
    }
#endif
    cimg_load_row(rs, row, in);
#ifdef CIMG_SSE2
    if (rs->simd >= CIMG_SIMD_SSE2 && rs->channels >= 3) {
        cimg_build_pairs_sse2(rs, in, pairs);
#ifdef CIMG_AVX2
        if (rs->simd == CIMG_SIMD_AVX2) {
            cimg_hpass_avx2(rs, pairs, mid);
            return;
        }
#endif
        cimg_hpass_sse2(rs, pairs, mid);
        return;
    }
#endif
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2 && rs->gray_weights != NULL) {
        cimg_hpass_gray_avx2(rs, in, mid);
        return;
    }
#endif
    cimg_hpass_scalar(rs, in, mid);
}

/* ---------------------------------------------------------------- vertical pass ---------- */

static inline uint8_t cimg_clamp_u8(int32_t v) {
    return (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
}

#ifdef CIMG_AVX2
/* The vertical sums of samples i..i+15, starting from `start`: lo gets samples 0-3 and 8-11 (one
 * per 128-bit half), hi 4-7 and 12-15. */
CIMG_TARGET_AVX2 static inline __attribute__((always_inline)) void
cimg_vsum16_avx2(const int16_t *const *rows, size_t i, const int32_t *wp, uint32_t pairs, __m256i start,
                 __m256i *lo, __m256i *hi) {
    __m256i l = start, h = start;
    for (uint32_t p = 0; p < pairs; p++) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(rows[2 * p] + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(rows[2 * p + 1] + i));
        __m256i wv = _mm256_set1_epi32(wp[p]);
        l = _mm256_add_epi32(l, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), wv));
        h = _mm256_add_epi32(h, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), wv));
    }
    *lo = l;
    *hi = h;
}

/* Vertical pass without alpha, 16 samples per step. Returns how many samples it made. */
CIMG_TARGET_AVX2 static size_t cimg_vpass_avx2(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows,
                                               uint8_t *dst, size_t n) {
    const uint32_t pairs = rs->v.taps / 2;
    const int32_t *wp = rs->v.pairs + (size_t)y * pairs;
    const __m256i round = _mm256_set1_epi32(1 << (CIMG_V_SHIFT - 1));
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i lo, hi;
        cimg_vsum16_avx2(rows, i, wp, pairs, round, &lo, &hi);
        __m256i s16 = _mm256_packs_epi32(_mm256_srai_epi32(lo, CIMG_V_SHIFT), _mm256_srai_epi32(hi, CIMG_V_SHIFT));
        __m256i u8 = _mm256_packus_epi16(s16, s16);   /* bytes 0-7 of each half: samples in order */
        _mm_storeu_si128((__m128i *)(dst + i), _mm256_castsi256_si128(_mm256_permute4x64_epi64(u8, 0x08)));
    }
    return i;
}
#endif

/* ---------------------------------------------------------------- vertical pass, alpha --- */

/* Colour back from a premultiplied sum: acc * (255 / alpha), rounded and clamped, in single
 * precision. Every variant below performs exactly these IEEE operations (no fused multiply-add),
 * so they agree to the bit. */
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
static inline uint8_t cimg_unpremultiply(int32_t acc, float scale) {
    float v = (float)acc * scale + 0.5f;
    v = v > 0.0f ? v : 0.0f;
    v = v < 255.0f ? v : 255.0f;
    return (uint8_t)(int32_t)v;
}

/* Full-precision vertical sums of samples from..<n into acc (no rounding, no shift). */
static void cimg_vsum_scalar(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows, int32_t *acc,
                             size_t from, size_t n) {
    const uint32_t taps = rs->v.taps;
    const int16_t *w = rs->v.weights + (size_t)y * taps;
    for (size_t i = from; i < n; i++) acc[i] = 0;
    for (uint32_t k = 0; k < taps; k++) {
        const int32_t wk = w[k];
        if (wk == 0) continue;
        const int16_t *r = rows[k];
        for (size_t i = from; i < n; i++) acc[i] += wk * r[i];
    }
}

#ifdef CIMG_AVX2
/* The sums, 16 samples a step; returns how many it made. */
CIMG_TARGET_AVX2 static size_t cimg_vsum_avx2(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows,
                                              int32_t *acc, size_t n) {
    const uint32_t pairs = rs->v.taps / 2;
    const int32_t *wp = rs->v.pairs + (size_t)y * pairs;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i lo, hi;
        cimg_vsum16_avx2(rows, i, wp, pairs, _mm256_setzero_si256(), &lo, &hi);
        _mm256_storeu_si256((__m256i *)(acc + i), _mm256_permute2x128_si256(lo, hi, 0x20));
        _mm256_storeu_si256((__m256i *)(acc + i + 8), _mm256_permute2x128_si256(lo, hi, 0x31));
    }
    return i;
}

/* RGBA from the sums, two pixels a step; returns how many samples it made. */
CIMG_TARGET_AVX2 static size_t cimg_unpremultiply_rgba_avx2(const int32_t *acc, uint8_t *dst, size_t n) {
    const __m256 k255 = _mm256_set1_ps(255.0f), half = _mm256_set1_ps(0.5f), zero = _mm256_setzero_ps();
    const __m256i round = _mm256_set1_epi32(1 << (CIMG_V_SHIFT - 1)), max8 = _mm256_set1_epi32(255);
    const __m256i gather = _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i s = _mm256_loadu_si256((const __m256i *)(acc + i));
        __m256i a = _mm256_shuffle_epi32(s, 0xFF);                 /* each pixel's alpha sum, 4 times */
        __m256 scale = _mm256_div_ps(k255, _mm256_cvtepi32_ps(a));
        __m256 v = _mm256_add_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(s), scale), half);
        v = _mm256_min_ps(_mm256_max_ps(v, zero), k255);
        __m256i a8 = _mm256_min_epi32(_mm256_max_epi32(_mm256_srai_epi32(_mm256_add_epi32(a, round), CIMG_V_SHIFT),
                                                       _mm256_setzero_si256()), max8);
        __m256i px = _mm256_blend_epi32(_mm256_cvttps_epi32(v), a8, 0x88);   /* alpha in sample 3 */
        px = _mm256_and_si256(px, _mm256_cmpgt_epi32(a8, _mm256_setzero_si256()));  /* alpha 0: all 0 */
        __m256i b = _mm256_packus_epi16(_mm256_packs_epi32(px, px), _mm256_packs_epi32(px, px));
        _mm_storel_epi64((__m128i *)(dst + i), _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(b, gather)));
    }
    return i;
}
#endif

/* The vertical pass of an image with alpha: full-precision sums of the premultiplied samples,
 * then colour = sum * 255 / alpha sum; pixels whose alpha rounds to 0 come out all 0. */
static void cimg_vpass_alpha(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows, uint8_t *dst,
                             int32_t *acc) {
    const size_t c = (size_t)rs->channels, n = (size_t)rs->out_w * c;
    size_t i = 0, done = 0;
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2) i = cimg_vsum_avx2(rs, y, rows, acc, n);
#endif
    cimg_vsum_scalar(rs, y, rows, acc, i, n);
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2 && c == 4) done = cimg_unpremultiply_rgba_avx2(acc, dst, n);
#endif
    const int32_t half = 1 << (CIMG_V_SHIFT - 1);
    for (i = done; i < n; i += c) {
        const int32_t a = acc[i + c - 1];
        const uint8_t a8 = cimg_clamp_u8((a + half) >> CIMG_V_SHIFT);
        if (a8 == 0 || a <= 0) {
            for (size_t j = 0; j < c; j++) dst[i + j] = 0;
            continue;
        }
        const float scale = 255.0f / (float)a;
        for (size_t j = 0; j + 1 < c; j++) dst[i + j] = cimg_unpremultiply(acc[i + j], scale);
        dst[i + c - 1] = a8;
    }
}

void cimg_resize_vrow(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows, uint8_t *dst,
                      int32_t *acc) {
    const size_t n = (size_t)rs->out_w * (size_t)rs->channels;
    const uint32_t taps = rs->v.taps;
    const int16_t *w = rs->v.weights + (size_t)y * taps;
    if (rs->alpha) {
        cimg_vpass_alpha(rs, y, rows, dst, acc);
        return;
    }
    size_t i = 0;
#ifdef CIMG_AVX2
    if (rs->simd == CIMG_SIMD_AVX2) i = cimg_vpass_avx2(rs, y, rows, dst, n);
#endif
#ifdef CIMG_SSE2
    const uint32_t pairs = taps / 2;
    const int32_t *wp = rs->v.pairs + (size_t)y * pairs;
    const __m128i round = _mm_set1_epi32(1 << (CIMG_V_SHIFT - 1));
    for (; rs->simd >= CIMG_SIMD_SSE2 && i + 8 <= n; i += 8) {
        __m128i lo = round, hi = round;
        for (uint32_t p = 0; p < pairs; p++) {
            __m128i a = _mm_loadu_si128((const __m128i *)(rows[2 * p] + i));
            __m128i b = _mm_loadu_si128((const __m128i *)(rows[2 * p + 1] + i));
            __m128i wv = _mm_set1_epi32(wp[p]);
            lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, b), wv));
            hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(a, b), wv));
        }
        lo = _mm_srai_epi32(lo, CIMG_V_SHIFT);
        hi = _mm_srai_epi32(hi, CIMG_V_SHIFT);
        __m128i s16 = _mm_packs_epi32(lo, hi);
        _mm_storel_epi64((__m128i *)(dst + i), _mm_packus_epi16(s16, s16));
    }
#endif
    for (; i < n; i++) {
        int32_t s = 1 << (CIMG_V_SHIFT - 1);
        for (uint32_t k = 0; k < taps; k++) s += (int32_t)w[k] * rows[k][i];
        dst[i] = cimg_clamp_u8(s >> CIMG_V_SHIFT);
    }
}

/* ---------------------------------------------------------------- push / pop ------------- */

int cimg_resizer_push_row(cimg_resizer *rs, const uint8_t *row) {
    if (rs->rows_in >= rs->in_h) return 0;
    /* the slot this row takes holds row (rows_in - ring_rows); refuse while an undelivered output
     * row still needs it */
    if (rs->rows_out < rs->out_h && rs->rows_in >= rs->ring_rows &&
        rs->v.start[rs->rows_out] <= rs->rows_in - rs->ring_rows)
        return 0;
    int16_t *slot = rs->ring + (size_t)(rs->rows_in % rs->ring_rows) * rs->mid_samples;
    cimg_resize_hrow(rs, row, rs->in_row, slot);
    rs->rows_in++;
    return 1;
}

int cimg_resizer_pop_row(cimg_resizer *rs, uint8_t *dst) {
    if (rs->rows_out >= rs->out_h) return 0;
    const uint32_t y = rs->rows_out;
    const uint32_t first = rs->v.start[y], real = rs->v.real_taps;
    if (first + real > rs->rows_in) return 0;      /* the kernel's last row has not arrived */
    const int16_t **list = rs->vrows;
    for (uint32_t k = 0; k < rs->v.taps; k++) {
        uint32_t r = first + (k < real ? k : real - 1);
        list[k] = rs->ring + (size_t)(r % rs->ring_rows) * rs->mid_samples;
    }
    cimg_resize_vrow(rs, y, list, dst, rs->acc);
    rs->rows_out++;
    return 1;
}
