/*
 * libFuzzer target: the streaming resizer and the orientation transform, with sizes and
 * channel counts taken from the input, checking the push/pop protocol never over- or under-runs.
 */
#include "cimg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 6) return 0;
    uint32_t in_w = 1 + data[0] % 64, in_h = 1 + data[1] % 64;
    uint32_t out_w = 1 + data[2] % 96, out_h = 1 + data[3] % 96;
    int channels = 1 + data[4] % 4;
    int orientation = 1 + data[5] % 8;
    data += 6;
    size -= 6;
    size_t in_row = (size_t)in_w * (size_t)channels, out_row = (size_t)out_w * (size_t)channels;
    uint8_t *image = malloc(in_row * in_h);
    uint8_t *oriented = malloc(in_row * in_h);
    uint8_t *out = malloc(out_row);
    cimg_resizer *rs = cimg_resizer_create(in_w, in_h, out_w, out_h, channels, 1);
    if (!image || !oriented || !out || !rs) goto done;
    for (size_t i = 0; i < in_row * in_h; i++) image[i] = size ? data[i % size] : (uint8_t)i;
    if (cimg_orient(image, in_w, in_h, channels, orientation, oriented) != CIMG_OK) abort();
    uint32_t produced = 0;
    for (uint32_t y = 0; y < in_h; y++) {
        while (!cimg_resizer_push_row(rs, oriented + (size_t)y * in_row)) {
            if (!cimg_resizer_pop_row(rs, out)) abort();   /* refused a row but had none to give */
            produced++;
        }
        while (cimg_resizer_pop_row(rs, out)) produced++;
    }
    if (produced != out_h || cimg_resizer_rows_done(rs) != out_h) abort();
done:
    cimg_resizer_destroy(rs);
    free(image);
    free(oriented);
    free(out);
    return 0;
}
