/*
 * cimg_orient.c: apply an EXIF orientation to a decoded image, whole or a band of rows at a time.
 *
 * Orientation N says how the stored pixels must be transformed to display upright. For each
 * destination pixel (dx, dy) we compute the source pixel it comes from; the eight cases are the
 * compositions of a horizontal flip, a vertical flip and a transpose.
 *
 * The transposing cases (5-8) work on bands of destination rows: a band of k rows is k adjacent
 * source columns, so each source row is read once per band as one short contiguous run, and the
 * writes go to k rows at once. Whole images go band by band too (cimg_orient), which keeps both
 * sides cache-friendly where a plain per-pixel loop strides across the whole source.
 */
#include "cimg.h"

#include <string.h>

/* destination rows per band when orienting a whole image */
#define CIMG_ORIENT_BAND 16u

/* One band of a transposing orientation, for a fixed sample count C (inlined per C). */
static inline __attribute__((always_inline)) void
cimg_orient_band_t(const uint8_t *src, uint32_t w, uint32_t h, size_t c, int orientation, uint32_t first,
                   uint32_t rows, uint8_t *dst) {
    const uint32_t dw = h;                      /* destination width */
    const size_t drow = (size_t)dw * c;
    /* destination row dy reads source column sx(dy): dy (5, 6) or w-1-dy (7, 8), so the band's
       columns are a contiguous run of the source row, forwards or backwards */
    const int reverse_x = orientation == 7 || orientation == 8;
    const uint32_t sx0 = reverse_x ? w - first - rows : first;
    /* destination column dx reads source row sy(dx): dx (5, 8) or h-1-dx (6, 7) */
    const int reverse_y = orientation == 6 || orientation == 7;
    for (uint32_t dx = 0; dx < dw; dx++) {
        const uint8_t *s = src + ((size_t)(reverse_y ? h - 1 - dx : dx) * w + sx0) * c;
        uint8_t *d = dst + (size_t)dx * c;
        for (uint32_t k = 0; k < rows; k++) {
            /* band row k is source column sx0 + k (forwards) or sx0 + rows - 1 - k (backwards) */
            const uint8_t *p = s + (size_t)(reverse_x ? rows - 1 - k : k) * c;
            memcpy(d + (size_t)k * drow, p, c);
        }
    }
}

cimg_status cimg_orient_rows(const uint8_t *src, uint32_t w, uint32_t h, int channels, int orientation,
                             uint32_t first_row, uint32_t rows, uint8_t *dst) {
    if (!src || !dst || w == 0 || h == 0 || channels < 1 || channels > 4 || orientation < 1 ||
        orientation > 8)
        return CIMG_ERR_ARGUMENT;
    const uint32_t dh = orientation >= 5 ? w : h;
    if (first_row > dh || rows > dh - first_row) return CIMG_ERR_ARGUMENT;
    if (rows == 0) return CIMG_OK;
    const size_t c = (size_t)channels;
    if (orientation <= 4) {                   /* same dimensions: flips and a half turn */
        const size_t row = (size_t)w * c;
        const int flip_x = orientation == 2 || orientation == 3;
        const int flip_y = orientation == 3 || orientation == 4;
        for (uint32_t k = 0; k < rows; k++) {
            const uint32_t dy = first_row + k;
            const uint8_t *s = src + (size_t)(flip_y ? h - 1 - dy : dy) * row;
            uint8_t *d = dst + (size_t)k * row;
            if (!flip_x) {
                memcpy(d, s, row);
                continue;
            }
            for (uint32_t dx = 0; dx < w; dx++) memcpy(d + (size_t)dx * c, s + (size_t)(w - 1 - dx) * c, c);
        }
        return CIMG_OK;
    }
    switch (c) {                              /* a constant sample count lets memcpy become moves */
    case 1: cimg_orient_band_t(src, w, h, 1, orientation, first_row, rows, dst); break;
    case 2: cimg_orient_band_t(src, w, h, 2, orientation, first_row, rows, dst); break;
    case 3: cimg_orient_band_t(src, w, h, 3, orientation, first_row, rows, dst); break;
    default: cimg_orient_band_t(src, w, h, 4, orientation, first_row, rows, dst); break;
    }
    return CIMG_OK;
}

cimg_status cimg_orient(const uint8_t *src, uint32_t w, uint32_t h, int channels, int orientation,
                        uint8_t *dst) {
    if (!src || !dst || w == 0 || h == 0 || channels < 1 || channels > 4 || orientation < 1 ||
        orientation > 8)
        return CIMG_ERR_ARGUMENT;
    const uint32_t dh = orientation >= 5 ? w : h;
    const size_t drow = (size_t)(orientation >= 5 ? h : w) * (size_t)channels;
    for (uint32_t first = 0; first < dh; first += CIMG_ORIENT_BAND) {
        uint32_t rows = dh - first < CIMG_ORIENT_BAND ? dh - first : CIMG_ORIENT_BAND;
        cimg_status status = cimg_orient_rows(src, w, h, channels, orientation, first, rows, dst + (size_t)first * drow);
        if (status != CIMG_OK) return status;
    }
    return CIMG_OK;
}
