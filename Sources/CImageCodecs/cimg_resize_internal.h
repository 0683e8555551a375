/*
 * cimg_resize_internal.h: the resizer's passes, for the streaming push/pop API (cimg_resize.c) and
 * the two-thread pipeline (cimg_pipeline.c). Not part of the public contract.
 *
 * Fixed point throughout: samples enter as int16 at 7 fractional bits (an 8-bit value times 128;
 * premultiplied colour c*a/255 times 128 with alpha), weights are int16 at 14 bits summing to
 * exactly 1 << 14 per output sample, the horizontal pass leaves int16 at 6 fractional bits (room
 * for Lanczos overshoot: -512...511), and the vertical pass sums in int32 and rounds once.
 */
#ifndef CIMG_RESIZE_INTERNAL_H
#define CIMG_RESIZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cimg.h"

#define CIMG_WEIGHT_BITS 14
#define CIMG_IN_BITS 7    /* fractional bits of samples entering the horizontal pass */
#define CIMG_MID_BITS 6   /* fractional bits between the passes */
/* int16 samples of slack after a row: SIMD loads of 8 samples may reach past the last pixel */
#define CIMG_ROW_PAD 32

/** Filter taps for one axis: output i reads `taps` inputs from start[i] (taps a multiple of 2 or
 *  4, the taps past the kernel weighted 0). pairs[i * taps / 2 + p] packs weights 2p (low half)
 *  and 2p+1. */
typedef struct {
    uint32_t taps;       /* even (vertical) or a multiple of 4 (horizontal) */
    uint32_t real_taps;  /* taps of the kernel proper (the rows a ring must hold) */
    uint32_t *start;
    int16_t *weights;    /* out * taps */
    int32_t *pairs;      /* out * taps / 2 */
    int32_t *quads;      /* each pair four times over, 16-byte aligned: one SIMD operand */
} cimg_axis;

/** Which inner loops a resizer runs; every level computes the same integers. */
enum { CIMG_SIMD_NONE = 0, CIMG_SIMD_SSE2 = 1, CIMG_SIMD_AVX2 = 2 };

/*
 * The horizontal pass of 3- and 4-channel rows reads a "pair layout" of the loaded row: entry j
 * holds pixels j and j+1 interleaved sample by sample, (c0[j], c0[j+1], c1[j], c1[j+1], ...), 8
 * int16, which is exactly one pmaddwd operand against a pair of taps. Even positions are stored
 * in one half and odd ones in the other, so that the entries for taps k..k+1 and k+2..k+3 are
 * neighbours: one 32-byte load feeds an AVX2 multiply-add with four taps. Building the layout
 * costs a few operations per input pixel; it saves the unpacking per output pixel and tap pair.
 */
#define CIMG_PAIR_SAMPLES 8

struct cimg_resizer {
    uint32_t in_w, in_h, out_w, out_h;
    int channels;
    int alpha;           /* premultiply by the last channel */
    int simd;            /* CIMG_SIMD_* */
    cimg_axis h, v;
    size_t in_samples;   /* int16 of scratch per row for the horizontal pass (see cimg_resize_hrow) */
    size_t row_samples;  /* of which: the loaded row, interleaved, zero padded */
    size_t pair_half;    /* entries in each half of the pair layout that follows it */
    /* one channel, AVX2: each output column's weights zero-padded to gray_taps (a multiple of
       16), 32-byte aligned, so that 16 taps are one multiply-add on 16 contiguous samples */
    uint32_t gray_taps;
    int16_t *gray_weights;
    size_t mid_samples;  /* int16 per horizontally filtered row, padding included */
    /* the push/pop API's own buffers */
    int16_t *in_row;     /* in_samples */
    int16_t *ring;       /* ring_rows * mid_samples */
    uint32_t ring_rows;
    uint32_t rows_in, rows_out;
    int32_t *acc;        /* out_w * channels: vertical accumulator for alpha images */
    const int16_t **vrows; /* v.taps row pointers for the vertical pass */
};

/** Input row (8-bit, interleaved) to `in` (in_samples int16, zero-initialised once by the caller
 *  and not touched by anyone else), premultiplied when alpha; then the horizontal pass into `mid`
 *  (mid_samples int16). */
void cimg_resize_hrow(const cimg_resizer *rs, const uint8_t *row, int16_t *in, int16_t *mid);

/** Vertical pass of output row y from rows[0 ..< v.taps] (the filtered input rows v.start[y] + k;
 *  entries past the kernel may repeat any valid row: their weight is 0) into dst (out_w * channels
 *  bytes). `acc` (out_w * channels int32) is scratch, used for alpha images. */
void cimg_resize_vrow(const cimg_resizer *rs, uint32_t y, const int16_t *const *rows, uint8_t *dst,
                      int32_t *acc);

#endif /* CIMG_RESIZE_INTERNAL_H */
