/*
 * libFuzzer target: the streaming resizer and the orientation transform, with sizes and
 * channel counts taken from the input, checking that the push/pop protocol never over- or
 * under-runs, that the SIMD loops (SSE2, AVX2: whatever this CPU has) give exactly the bytes of
 * the portable ones, and that orienting band by band gives exactly the whole-image result.
 */
#include "cimg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pushes every row of `image` through `rs`, writing the output rows to `out`; aborts when the
 * push/pop protocol misbehaves. */
static void run(cimg_resizer *rs, const uint8_t *image, size_t in_row, uint32_t in_h, uint8_t *out,
                size_t out_row, uint32_t out_h) {
    uint32_t produced = 0;
    for (uint32_t y = 0; y < in_h; y++) {
        while (!cimg_resizer_push_row(rs, image + (size_t)y * in_row)) {
            if (produced >= out_h || !cimg_resizer_pop_row(rs, out + (size_t)produced * out_row))
                abort();   /* refused a row but had none to give */
            produced++;
        }
        while (produced < out_h && cimg_resizer_pop_row(rs, out + (size_t)produced * out_row)) produced++;
    }
    if (produced != out_h || cimg_resizer_rows_done(rs) != out_h) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 7) return 0;
    uint32_t in_w = 1 + data[0] % 64, in_h = 1 + data[1] % 64;
    uint32_t out_w = 1 + data[2] % 96, out_h = 1 + data[3] % 96;
    int channels = 1 + data[4] % 4;
    int orientation = 1 + data[5] % 8;
    uint32_t band = 1 + data[6] % 20;
    data += 7;
    size -= 7;
    size_t in_row = (size_t)in_w * (size_t)channels, out_row = (size_t)out_w * (size_t)channels;
    size_t in_bytes = in_row * in_h, out_bytes = out_row * out_h;
    uint8_t *image = malloc(in_bytes);
    uint8_t *oriented = malloc(in_bytes);
    uint8_t *banded = malloc(in_bytes);
    uint8_t *out = malloc(out_bytes);
    uint8_t *out_portable = malloc(out_bytes);
    cimg_resizer *rs = cimg_resizer_create(in_w, in_h, out_w, out_h, channels, 1);
    cimg_resizer *portable = cimg_resizer_create(in_w, in_h, out_w, out_h, channels, 1);
    if (!image || !oriented || !banded || !out || !out_portable || !rs || !portable) goto done;
    if (cimg_resizer_limit_simd(portable, 0) != 0) abort();
    for (size_t i = 0; i < in_bytes; i++) image[i] = size ? data[i % size] : (uint8_t)i;

    if (cimg_orient(image, in_w, in_h, channels, orientation, oriented) != CIMG_OK) abort();
    const uint32_t up_h = orientation >= 5 ? in_w : in_h;
    const size_t up_row = (size_t)(orientation >= 5 ? in_h : in_w) * (size_t)channels;
    for (uint32_t first = 0; first < up_h; first += band) {
        uint32_t rows = up_h - first < band ? up_h - first : band;
        if (cimg_orient_rows(image, in_w, in_h, channels, orientation, first, rows, banded + first * up_row) != CIMG_OK)
            abort();
    }
    if (memcmp(oriented, banded, in_bytes) != 0) abort();
    if (cimg_orient_rows(image, in_w, in_h, channels, orientation, up_h, 1, banded) != CIMG_ERR_ARGUMENT) abort();

    /* the oriented bytes, read as in_w x in_h rows: any bytes will do for the resizer */
    run(rs, oriented, in_row, in_h, out, out_row, out_h);
    run(portable, oriented, in_row, in_h, out_portable, out_row, out_h);
    if (memcmp(out, out_portable, out_bytes) != 0) abort();
done:
    cimg_resizer_destroy(rs);
    cimg_resizer_destroy(portable);
    free(image);
    free(oriented);
    free(banded);
    free(out);
    free(out_portable);
    return 0;
}
