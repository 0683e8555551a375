/*
 * cimg_orient.c: apply an EXIF orientation to a decoded image.
 *
 * Orientation N says how the stored pixels must be transformed to display upright. For each
 * destination pixel (dx, dy) we compute the source pixel it comes from; the eight cases are the
 * compositions of a horizontal flip, a vertical flip and a transpose.
 */
#include "cimg.h"

#include <string.h>

cimg_status cimg_orient(const uint8_t *src, uint32_t w, uint32_t h, int channels, int orientation,
                        uint8_t *dst) {
    if (!src || !dst || w == 0 || h == 0 || channels < 1 || channels > 4 || orientation < 1 ||
        orientation > 8)
        return CIMG_ERR_ARGUMENT;
    const size_t c = (size_t)channels;
    const size_t row = (size_t)w * c;
    if (orientation == 1) {
        memcpy(dst, src, row * h);
        return CIMG_OK;
    }
    if (orientation <= 4) {                   /* same dimensions: flips and a half turn */
        const int flip_x = orientation == 2 || orientation == 3;
        const int flip_y = orientation == 3 || orientation == 4;
        for (uint32_t dy = 0; dy < h; dy++) {
            const uint8_t *s = src + (size_t)(flip_y ? h - 1 - dy : dy) * row;
            uint8_t *d = dst + (size_t)dy * row;
            if (!flip_x) {
                memcpy(d, s, row);
                continue;
            }
            for (uint32_t dx = 0; dx < w; dx++) memcpy(d + (size_t)dx * c, s + (size_t)(w - 1 - dx) * c, c);
        }
        return CIMG_OK;
    }
    /* 5-8: the destination is h wide and w tall; destination (dx, dy) reads source (sx, sy) */
    const uint32_t dw = h, dh = w;
    for (uint32_t dy = 0; dy < dh; dy++) {
        uint8_t *d = dst + (size_t)dy * dw * c;
        for (uint32_t dx = 0; dx < dw; dx++) {
            uint32_t sx, sy;
            switch (orientation) {
            case 5: sx = dy; sy = dx; break;                    /* transpose */
            case 6: sx = dy; sy = h - 1 - dx; break;            /* rotate 90° clockwise */
            case 7: sx = w - 1 - dy; sy = h - 1 - dx; break;    /* transverse */
            default: sx = w - 1 - dy; sy = dx; break;           /* 8: rotate 90° counter-clockwise */
            }
            memcpy(d + (size_t)dx * c, src + ((size_t)sy * w + sx) * c, c);
        }
    }
    return CIMG_OK;
}
