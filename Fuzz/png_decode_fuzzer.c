/*
 * libFuzzer target: the PNG decoding entry points of the C shim (header, iCCP, transforms, row
 * reads for plain and interlaced images, the chunks after IDAT).
 */
#include "cimg.h"

#include <stdint.h>
#include <stdlib.h>

#define FUZZ_MAX_PIXELS (4u * 1024u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cimg_png_decoder *dec = cimg_png_decoder_create();
    if (!dec) return 0;
    cimg_png_info info;
    if (cimg_png_decoder_read_header(dec, data, size, &info) == CIMG_OK) {
        const uint8_t *icc;
        size_t icc_size;
        (void)cimg_png_decoder_icc_profile(dec, &icc, &icc_size);
        if (cimg_png_decoder_start(dec, FUZZ_MAX_PIXELS, &info) == CIMG_OK) {
            size_t stride = (size_t)info.width * (size_t)info.output_channels;
            uint8_t *rows = malloc(stride * 4);
            if (rows) {
                uint32_t got = 0;
                cimg_status status;
                while ((status = cimg_png_decoder_read_rows(dec, rows, stride, 4, &got)) == CIMG_OK && got > 0) {}
                if (status == CIMG_OK) (void)cimg_png_decoder_finish(dec);
                free(rows);
            }
        }
    }
    (void)cimg_png_decoder_message(dec);
    cimg_png_decoder_destroy(dec);
    return 0;
}
