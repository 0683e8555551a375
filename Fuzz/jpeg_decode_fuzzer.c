/*
 * libFuzzer target: the JPEG decoding entry points of the C shim (header, ICC reassembly, start
 * with a pixel limit, scaled and full-size row reads) and, at 1/8 scale, the colour conversion
 * from whatever ICC profile the file embeds (Little CMS 2 parsing it, rows converted to sRGB). Any crash, sanitizer report, leak or hang
 * here is a bug in how the shim drives libjpeg.
 */
#include "cimg.h"

#include <stdint.h>
#include <stdlib.h>

/* keep each input cheap: a real decode limit would be far higher */
#define FUZZ_MAX_PIXELS (4u * 1024u * 1024u)

static void decode(const uint8_t *data, size_t size, int scale) {
    cimg_jpeg_decoder *dec = cimg_jpeg_decoder_create();
    if (!dec) return;
    cimg_jpeg_decoder_set_fail_on_truncation(dec, scale == 1);
    cimg_jpeg_info info;
    if (cimg_jpeg_decoder_read_header(dec, data, size, &info) == CIMG_OK) {
        const uint8_t *icc;
        size_t icc_size;
        cimg_colour *colour = NULL;
        if (scale == 8 && cimg_jpeg_decoder_icc_profile(dec, &icc, &icc_size)) {
            colour = cimg_colour_create();
            if (colour && cimg_colour_open_profile(colour, icc, icc_size) == CIMG_OK) {
                (void)cimg_colour_description(colour);
                (void)cimg_colour_is_srgb(colour);
                if (cimg_colour_profile_space(colour) == CIMG_COLOUR_CMYK) cimg_jpeg_decoder_set_keep_cmyk(dec, 1);
            } else {
                cimg_colour_destroy(colour);
                colour = NULL;
            }
        }
        if (cimg_jpeg_decoder_start(dec, scale, FUZZ_MAX_PIXELS, &info) == CIMG_OK) {
            size_t stride = (size_t)info.output_width * (size_t)info.output_channels;
            int out_channels = 0;
            if (colour && cimg_colour_start(colour, info.output_channels, info.adobe_marker, &out_channels) != CIMG_OK) {
                (void)cimg_colour_message(colour);
                cimg_colour_destroy(colour);
                colour = NULL;
            }
            size_t out_stride = (size_t)info.output_width * (size_t)(out_channels > 0 ? out_channels : 1);
            uint8_t *rows = malloc(stride * 8);
            uint8_t *converted = colour ? malloc(out_stride * 8) : NULL;
            if (rows) {
                uint32_t got = 0;
                while (cimg_jpeg_decoder_read_rows(dec, rows, stride, 8, &got) == CIMG_OK && got > 0) {
                    if (colour && converted)
                        (void)cimg_colour_convert_rows(colour, rows, stride, converted, out_stride, info.output_width, got);
                }
            }
            free(rows);
            free(converted);
        }
        cimg_colour_destroy(colour);
    }
    (void)cimg_jpeg_decoder_message(dec);
    (void)cimg_jpeg_decoder_first_warning(dec);
    cimg_jpeg_decoder_destroy(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    decode(data, size, 1);
    decode(data, size, 8);
    return 0;
}
