/*
 * cimg_png_encode.c: streaming PNG encoding into memory over libpng 1.6.
 *
 * libpng's error callback keeps the message and jumps back into the running cimg_ call; nothing is
 * printed. Output goes through a write callback into a buffer that doubles as it fills.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <png.h>

#include "cimg_internal.h"

#define CIMG_PNG_INITIAL_CAPACITY ((size_t)64 << 10)

struct cimg_png_encoder {
    png_structp png;
    png_infop info;
    cimg_state state;
    cimg_status fail_status;   /* set by callbacks that fail for a reason other than the data */
    char message[CIMG_MESSAGE_MAX];
    uint32_t width, height, rows_written;
    int channels;
    int bit_depth;
    uint8_t *packed;           /* one 1-bit row, for bit_depth 1 */
    uint8_t *out;
    size_t out_size, out_capacity;
};

static void cimg_png_enc_error(png_structp png, png_const_charp message) {
    cimg_png_encoder *enc = png_get_error_ptr(png);
    cimg_copy_message(enc->message, message);
    png_longjmp(png, 1);
}

static void cimg_png_enc_warning(png_structp png, png_const_charp message) {
    (void)png; /* e.g. an ICC profile libpng finds questionable; the file is still written */
    (void)message;
}

static void cimg_png_enc_write(png_structp png, png_bytep data, size_t length) {
    cimg_png_encoder *enc = png_get_io_ptr(png);
    if (length > SIZE_MAX - enc->out_size) {
        enc->fail_status = CIMG_ERR_LIMIT;
        png_error(png, "PNG output too large");
    }
    size_t needed = enc->out_size + length;
    if (needed > enc->out_capacity) {
        size_t capacity = enc->out_capacity > 0 ? enc->out_capacity : CIMG_PNG_INITIAL_CAPACITY;
        while (capacity < needed) capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
        uint8_t *grown = realloc(enc->out, capacity);
        if (grown == NULL) {
            enc->fail_status = CIMG_ERR_NOMEM;
            png_error(png, "out of memory for the PNG output");
        }
        enc->out = grown;
        enc->out_capacity = capacity;
    }
    memcpy(enc->out + enc->out_size, data, length);
    enc->out_size = needed;
}

static void cimg_png_enc_flush(png_structp png) {
    (void)png;
}

static cimg_status cimg_png_enc_fail(cimg_png_encoder *enc, cimg_status status, const char *message) {
    cimg_copy_message(enc->message, message);
    return status;
}

static cimg_status cimg_png_enc_status_after_jump(cimg_png_encoder *enc) {
    enc->state = CIMG_STATE_FAILED;
    if (enc->fail_status != CIMG_OK) return enc->fail_status;
    return strstr(enc->message, "emory") != NULL ? CIMG_ERR_NOMEM : CIMG_ERR_ARGUMENT;
}

cimg_png_encoder *cimg_png_encoder_create(void) {
    cimg_png_encoder *enc = calloc(1, sizeof *enc);
    if (enc == NULL) return NULL;
    enc->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, enc, cimg_png_enc_error, cimg_png_enc_warning);
    if (enc->png == NULL) {
        free(enc);
        return NULL;
    }
    enc->info = png_create_info_struct(enc->png);
    if (enc->info == NULL) {
        png_destroy_write_struct(&enc->png, NULL);
        free(enc);
        return NULL;
    }
    png_set_write_fn(enc->png, enc, cimg_png_enc_write, cimg_png_enc_flush);
    return enc;
}

void cimg_png_encoder_destroy(cimg_png_encoder *enc) {
    if (enc == NULL) return;
    png_destroy_write_struct(&enc->png, &enc->info);
    free(enc->packed);
    free(enc->out);
    free(enc);
}

const char *cimg_png_encoder_message(const cimg_png_encoder *enc) {
    return enc != NULL ? enc->message : "";
}

static int cimg_png_filter_mask(cimg_png_filter filter) {
    switch (filter) {
    case CIMG_PNG_FILTER_NONE: return PNG_FILTER_NONE;
    case CIMG_PNG_FILTER_SUB: return PNG_FILTER_SUB;
    case CIMG_PNG_FILTER_UP: return PNG_FILTER_UP;
    case CIMG_PNG_FILTER_AVG: return PNG_FILTER_AVG;
    case CIMG_PNG_FILTER_PAETH: return PNG_FILTER_PAETH;
    case CIMG_PNG_FILTER_ADAPTIVE: return PNG_ALL_FILTERS;
    default: return -1;
    }
}

cimg_status cimg_png_encoder_start(cimg_png_encoder *enc, uint32_t width, uint32_t height,
                                   int channels, int bit_depth, int level, cimg_png_filter filter,
                                   const uint8_t *icc, size_t icc_size) {
    static const int color_types[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                       PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    if (enc == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state != CIMG_STATE_NEW) return cimg_png_enc_fail(enc, CIMG_ERR_STATE, "start may be called once");
    if (width == 0 || height == 0 || width > PNG_UINT_31_MAX || height > PNG_UINT_31_MAX)
        return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "PNG dimensions out of range");
    if (channels < 1 || channels > 4) return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "PNG channels must be 1 to 4");
    if (bit_depth != 8 && !(bit_depth == 1 && channels == 1))
        return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "PNG bit depth must be 8, or 1 for gray");
    if (level < 0 || level > 9) return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "PNG compression level must be 0 to 9");
    int filter_mask = cimg_png_filter_mask(filter);
    if (filter_mask < 0) return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "unknown PNG filter");
    if (icc != NULL && (icc_size == 0 || icc_size > PNG_UINT_31_MAX))
        return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "ICC profile size out of range");
    if ((uint64_t)width * (uint64_t)channels > PNG_UINT_31_MAX)
        return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "PNG row too long");
    if (bit_depth == 1) {
        enc->packed = malloc(((size_t)width + 7) / 8);
        if (enc->packed == NULL) return cimg_png_enc_fail(enc, CIMG_ERR_NOMEM, "out of memory for the packed row");
    }

    if (setjmp(png_jmpbuf(enc->png))) return cimg_png_enc_status_after_jump(enc);
    png_structp png = enc->png;
    png_set_IHDR(png, enc->info, width, height, bit_depth, color_types[channels], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filter_mask);
    if (icc != NULL) png_set_iCCP(png, enc->info, "ICC Profile", PNG_COMPRESSION_TYPE_BASE, icc, (png_uint_32)icc_size);
    png_write_info(png, enc->info);
    enc->width = width;
    enc->height = height;
    enc->channels = channels;
    enc->bit_depth = bit_depth;
    enc->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

/* One 8-bit gray row to 1-bit, most significant bit first: a sample >= 128 becomes 1. */
static void cimg_pack_1bit(const uint8_t *src, uint8_t *dst, uint32_t width) {
    uint32_t x = 0;
    for (; x + 8 <= width; x += 8, src += 8)
        *dst++ = (uint8_t)(((src[0] >> 7) << 7) | ((src[1] >> 7) << 6) | ((src[2] >> 7) << 5) | ((src[3] >> 7) << 4) |
                           ((src[4] >> 7) << 3) | ((src[5] >> 7) << 2) | ((src[6] >> 7) << 1) | (src[7] >> 7));
    if (x < width) {
        uint8_t byte = 0;
        for (int bit = 7; x < width; x++, src++, bit--) byte |= (uint8_t)((*src >> 7) << bit);
        *dst = byte;
    }
}

cimg_status cimg_png_encoder_write_rows(cimg_png_encoder *enc, const uint8_t *src, size_t stride,
                                        uint32_t rows) {
    if (enc == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state != CIMG_STATE_RUNNING) return cimg_png_enc_fail(enc, CIMG_ERR_STATE, "write_rows before a successful start");
    if (rows > enc->height - enc->rows_written) return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "more rows than the image height");
    if (rows > 0 && (src == NULL || stride < (size_t)enc->width * (size_t)enc->channels))
        return cimg_png_enc_fail(enc, CIMG_ERR_ARGUMENT, "source stride is shorter than a row");

    if (setjmp(png_jmpbuf(enc->png))) return cimg_png_enc_status_after_jump(enc);
    for (uint32_t y = 0; y < rows; y++) {
        const uint8_t *row = src + (size_t)y * stride;
        if (enc->bit_depth == 1) {
            cimg_pack_1bit(row, enc->packed, enc->width);
            row = enc->packed;
        }
        png_write_row(enc->png, row);
        enc->rows_written++;
    }
    return CIMG_OK;
}

cimg_status cimg_png_encoder_finish(cimg_png_encoder *enc, const uint8_t **data, size_t *size) {
    if (enc == NULL || data == NULL || size == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state == CIMG_STATE_DONE) {
        *data = enc->out;
        *size = enc->out_size;
        return CIMG_OK;
    }
    if (enc->state != CIMG_STATE_RUNNING) return cimg_png_enc_fail(enc, CIMG_ERR_STATE, "finish before a successful start");
    if (enc->rows_written < enc->height) return cimg_png_enc_fail(enc, CIMG_ERR_STATE, "finish before every row was written");
    if (setjmp(png_jmpbuf(enc->png))) return cimg_png_enc_status_after_jump(enc);
    png_write_end(enc->png, NULL);
    enc->state = CIMG_STATE_DONE;
    *data = enc->out;
    *size = enc->out_size;
    return CIMG_OK;
}
