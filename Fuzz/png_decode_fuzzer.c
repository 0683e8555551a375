/*
 * libFuzzer target: the PNG decoding entry points of the C shim (header, iCCP, transforms, row
 * reads for plain and interlaced images, the chunks after IDAT), and the rows converted to sRGB
 * through the iCCP profile when Little CMS 2 accepts it.
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
        cimg_colour *colour = NULL;
        if (cimg_png_decoder_icc_profile(dec, &icc, &icc_size)) {
            colour = cimg_colour_create();
            if (colour && cimg_colour_open_profile(colour, icc, icc_size) != CIMG_OK) {
                (void)cimg_colour_message(colour);
                cimg_colour_destroy(colour);
                colour = NULL;
            }
        }
        if (cimg_png_decoder_start(dec, FUZZ_MAX_PIXELS, &info) == CIMG_OK) {
            size_t stride = (size_t)info.width * (size_t)info.output_channels;
            int out_channels = 0;
            if (colour && cimg_colour_start(colour, info.output_channels, 0, &out_channels) != CIMG_OK) {
                cimg_colour_destroy(colour);
                colour = NULL;
            }
            size_t out_stride = (size_t)info.width * (size_t)(out_channels > 0 ? out_channels : 1);
            uint8_t *rows = malloc(stride * 4);
            uint8_t *converted = colour ? malloc(out_stride * 4) : NULL;
            if (rows) {
                uint32_t got = 0;
                cimg_status status;
                while ((status = cimg_png_decoder_read_rows(dec, rows, stride, 4, &got)) == CIMG_OK && got > 0) {
                    if (colour && converted)
                        (void)cimg_colour_convert_rows(colour, rows, stride, converted, out_stride, info.width, got);
                }
                if (status == CIMG_OK) (void)cimg_png_decoder_finish(dec);
            }
            free(rows);
            free(converted);
        }
        cimg_colour_destroy(colour);
    }
    (void)cimg_png_decoder_message(dec);
    cimg_png_decoder_destroy(dec);
    return 0;
}
