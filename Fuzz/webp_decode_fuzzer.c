/*
 * libFuzzer target: the WebP decoding entry points of the C shim (RIFF chunks, VP8/VP8L/VP8X
 * headers, ICCP, start with a pixel limit, an animation's first frame, row reads). Any crash,
 * sanitizer report, leak or hang here is a bug in how the shim drives libwebp.
 */
#include "cimg.h"

#include <stdint.h>
#include <stdlib.h>

/* keep each input cheap: a real decode limit would be far higher */
#define FUZZ_MAX_PIXELS (4u * 1024u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cimg_webp_decoder *dec = cimg_webp_decoder_create();
    if (!dec) return 0;
    cimg_webp_info info;
    if (cimg_webp_decoder_read_header(dec, data, size, &info) == CIMG_OK) {
        const uint8_t *icc;
        size_t icc_size;
        (void)cimg_webp_decoder_icc_profile(dec, &icc, &icc_size);
        if (cimg_webp_decoder_start(dec, FUZZ_MAX_PIXELS, &info) == CIMG_OK) {
            size_t stride = (size_t)info.width * (size_t)info.output_channels;
            uint8_t *rows = malloc(stride * 8);
            if (rows) {
                uint32_t got = 0;
                while (cimg_webp_decoder_read_rows(dec, rows, stride, 8, &got) == CIMG_OK && got > 0) {}
                free(rows);
            }
        }
    }
    (void)cimg_webp_decoder_message(dec);
    (void)cimg_webp_decoder_first_warning(dec);
    cimg_webp_decoder_destroy(dec);
    return 0;
}
