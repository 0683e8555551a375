/*
 * cimg_png_decode.c: streaming PNG decoding over libpng 1.6.
 *
 * libpng reports fatal errors by calling the error callback and then longjmp-ing to png_jmpbuf;
 * the default callbacks print to stderr. Here both callbacks are silent: errors keep their message
 * and jump back into the cimg_ call that is running, warnings are counted. Input comes from memory
 * through a read callback that fails with "PNG data ended early" when the data runs out.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "cimg_internal.h"

/* libpng's own caps: dimensions far above anything max_pixels allows (the real limit), and a bound
   on what one ancillary chunk (iCCP, zTXt, ...) may make it allocate. */
#define CIMG_PNG_MAX_DIMENSION 1000000u
#define CIMG_PNG_CHUNK_MALLOC_MAX ((png_alloc_size_t)64 << 20)
#define CIMG_PNG_CHUNK_CACHE_MAX 1000u

static const char cimg_png_ended_early[] = "PNG data ended early";

struct cimg_png_decoder {
    png_structp png;
    png_infop info;
    cimg_state state;
    const uint8_t *data;
    size_t size, pos;
    int release_input;     /* data is a private file mapping: give back what was read */
    size_t released;       /* bytes of data given back so far */
    int ran_out;           /* the read callback hit the end of the data */
    int warnings;
    char message[CIMG_MESSAGE_MAX];
    char first_warning[CIMG_MESSAGE_MAX];
    uint32_t width, height;
    int channels;
    int passes;            /* >1: interlaced, decoded whole into `image` */
    size_t row_bytes;
    uint8_t *image;        /* interlaced images only */
    uint32_t next_row;     /* rows handed out so far */
};

/* ---------------------------------------------------------------- callbacks -------------- */

static void cimg_png_error(png_structp png, png_const_charp message) {
    cimg_png_decoder *dec = png_get_error_ptr(png);
    cimg_copy_message(dec->message, message);
    png_longjmp(png, 1);
}

static void cimg_png_warning(png_structp png, png_const_charp message) {
    cimg_png_decoder *dec = png_get_error_ptr(png);
    if (dec->warnings == 0) cimg_copy_message(dec->first_warning, message);
    dec->warnings++;
}

static void cimg_png_read(png_structp png, png_bytep out, size_t length) {
    cimg_png_decoder *dec = png_get_io_ptr(png);
    if (length > dec->size - dec->pos) {
        dec->ran_out = 1;
        png_error(png, cimg_png_ended_early);
    }
    memcpy(out, dec->data + dec->pos, length);
    dec->pos += length;
    if (dec->release_input) cimg_release_consumed(dec->data, dec->pos, &dec->released);
}

/* The status a libpng failure stands for, after its message was kept. */
static cimg_status cimg_png_status_after_jump(cimg_png_decoder *dec) {
    dec->state = CIMG_STATE_FAILED;
    if (dec->ran_out) return CIMG_ERR_TRUNCATED;
    if (strcasestr(dec->message, "memory") != NULL) return CIMG_ERR_NOMEM;
    /* libpng warns "Image width exceeds user limit in IHDR", then fails with "Invalid IHDR data". */
    if (strcasestr(dec->message, "too large") != NULL || strcasestr(dec->first_warning, "user limit") != NULL)
        return CIMG_ERR_LIMIT;
    return CIMG_ERR_CORRUPT;
}

static cimg_status cimg_png_fail(cimg_png_decoder *dec, cimg_status status, const char *message) {
    cimg_copy_message(dec->message, message);
    return status;
}

/* ---------------------------------------------------------------- lifecycle -------------- */

cimg_png_decoder *cimg_png_decoder_create(void) {
    cimg_png_decoder *dec = calloc(1, sizeof *dec);
    if (dec == NULL) return NULL;
    dec->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, dec, cimg_png_error, cimg_png_warning);
    if (dec->png == NULL) {
        free(dec);
        return NULL;
    }
    dec->info = png_create_info_struct(dec->png);
    if (dec->info == NULL) {
        png_destroy_read_struct(&dec->png, NULL, NULL);
        free(dec);
        return NULL;
    }
    png_set_user_limits(dec->png, CIMG_PNG_MAX_DIMENSION, CIMG_PNG_MAX_DIMENSION);
    png_set_chunk_malloc_max(dec->png, CIMG_PNG_CHUNK_MALLOC_MAX);
    png_set_chunk_cache_max(dec->png, CIMG_PNG_CHUNK_CACHE_MAX);
    png_set_read_fn(dec->png, dec, cimg_png_read);
    return dec;
}

void cimg_png_decoder_release_input(cimg_png_decoder *dec, int enabled) {
    if (dec != NULL) dec->release_input = enabled != 0;
}

void cimg_png_decoder_destroy(cimg_png_decoder *dec) {
    if (dec == NULL) return;
    png_destroy_read_struct(&dec->png, &dec->info, NULL);
    free(dec->image);
    free(dec);
}

const char *cimg_png_decoder_message(const cimg_png_decoder *dec) {
    return dec != NULL ? dec->message : "";
}

int cimg_png_decoder_warning_count(const cimg_png_decoder *dec) {
    return dec != NULL ? dec->warnings : 0;
}

const char *cimg_png_decoder_first_warning(const cimg_png_decoder *dec) {
    return dec != NULL ? dec->first_warning : "";
}

/* ---------------------------------------------------------------- header ----------------- */

cimg_status cimg_png_decoder_read_header(cimg_png_decoder *dec, const uint8_t *data, size_t size,
                                         cimg_png_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_NEW) return cimg_png_fail(dec, CIMG_ERR_STATE, "read_header called twice");
    if (data == NULL && size > 0) return cimg_png_fail(dec, CIMG_ERR_ARGUMENT, "no data");
    dec->data = data;
    dec->size = size;
    dec->pos = 0;
    dec->message[0] = '\0';
    if (setjmp(png_jmpbuf(dec->png))) return cimg_png_status_after_jump(dec);
    png_read_info(dec->png, dec->info); /* checks the signature, reads every chunk up to IDAT */
    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(dec->png, dec->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    dec->width = width;
    dec->height = height;
    info->width = width;
    info->height = height;
    info->bit_depth = bit_depth;
    info->color_type = color_type;
    info->interlaced = interlace == PNG_INTERLACE_ADAM7;
    info->has_trns = png_get_valid(dec->png, dec->info, PNG_INFO_tRNS) != 0;
    info->output_channels = 0;
    dec->state = CIMG_STATE_HEADER;
    return CIMG_OK;
}

int cimg_png_decoder_icc_profile(cimg_png_decoder *dec, const uint8_t **data, size_t *size) {
    if (dec == NULL || dec->state == CIMG_STATE_NEW || dec->state == CIMG_STATE_FAILED) return 0;
    png_charp name = NULL;
    int compression = 0;
    png_bytep profile = NULL;
    png_uint_32 length = 0;
    if (png_get_iCCP(dec->png, dec->info, &name, &compression, &profile, &length) == 0 || profile == NULL || length == 0)
        return 0;
    if (data != NULL) *data = profile;
    if (size != NULL) *size = length;
    return 1;
}

/* ---------------------------------------------------------------- decoding --------------- */

cimg_status cimg_png_decoder_start(cimg_png_decoder *dec, uint64_t max_pixels, cimg_png_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_HEADER) return cimg_png_fail(dec, CIMG_ERR_STATE, "start needs a header and may be called once");
    if ((uint64_t)dec->width * dec->height > max_pixels) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "%ux%u is over the limit of %llu pixels",
                 (unsigned)dec->width, (unsigned)dec->height, (unsigned long long)max_pixels);
        return cimg_png_fail(dec, CIMG_ERR_LIMIT, message);
    }
    if (setjmp(png_jmpbuf(dec->png))) return cimg_png_status_after_jump(dec);
    png_structp png = dec->png;
    int color_type = png_get_color_type(png, dec->info);
    int bit_depth = png_get_bit_depth(png, dec->info);
    int has_trns = png_get_valid(png, dec->info, PNG_INFO_tRNS) != 0;
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (has_trns) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY_ALPHA || (color_type == PNG_COLOR_TYPE_GRAY && has_trns))
        png_set_gray_to_rgb(png);
    dec->passes = png_set_interlace_handling(png);
    png_read_update_info(png, dec->info);
    dec->channels = png_get_channels(png, dec->info);
    dec->row_bytes = png_get_rowbytes(png, dec->info);
    if (png_get_bit_depth(png, dec->info) != 8 || dec->row_bytes != (size_t)dec->width * (size_t)dec->channels ||
        (dec->channels != 1 && dec->channels != 3 && dec->channels != 4)) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_png_fail(dec, CIMG_ERR_UNSUPPORTED, "PNG layout the transforms could not bring to 8-bit gray, RGB or RGBA");
    }
    info->output_channels = dec->channels;
    dec->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

/* Decodes every pass of an interlaced image into dec->image. */
static cimg_status cimg_png_decode_whole(cimg_png_decoder *dec) {
    if (dec->height != 0 && dec->row_bytes > SIZE_MAX / dec->height) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_png_fail(dec, CIMG_ERR_LIMIT, "interlaced image too large for memory");
    }
    dec->image = malloc(dec->row_bytes * dec->height);
    if (dec->image == NULL) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_png_fail(dec, CIMG_ERR_NOMEM, "out of memory for the interlaced image");
    }
    if (setjmp(png_jmpbuf(dec->png))) return cimg_png_status_after_jump(dec);
    for (int pass = 0; pass < dec->passes; pass++)
        for (uint32_t y = 0; y < dec->height; y++) png_read_row(dec->png, dec->image + (size_t)y * dec->row_bytes, NULL);
    return CIMG_OK;
}

cimg_status cimg_png_decoder_read_rows(cimg_png_decoder *dec, uint8_t *dst, size_t stride,
                                       uint32_t max_rows, uint32_t *rows_read) {
    if (dec == NULL || rows_read == NULL) return CIMG_ERR_ARGUMENT;
    *rows_read = 0;
    if (dec->state == CIMG_STATE_DONE) return CIMG_OK;
    if (dec->state != CIMG_STATE_RUNNING) return cimg_png_fail(dec, CIMG_ERR_STATE, "read_rows before a successful start");
    if (dst == NULL || stride < dec->row_bytes) return cimg_png_fail(dec, CIMG_ERR_ARGUMENT, "destination stride is shorter than a row");
    uint32_t left = dec->height - dec->next_row;
    uint32_t want = max_rows < left ? max_rows : left;

    if (dec->passes > 1) {
        if (dec->image == NULL) {
            cimg_status status = cimg_png_decode_whole(dec);
            if (status != CIMG_OK) return status;
        }
        for (uint32_t i = 0; i < want; i++)
            memcpy(dst + (size_t)i * stride, dec->image + (size_t)(dec->next_row + i) * dec->row_bytes, dec->row_bytes);
        dec->next_row += want;
    } else {
        uint32_t first = dec->next_row; /* set before setjmp, never changed after it */
        if (setjmp(png_jmpbuf(dec->png))) {
            *rows_read = dec->next_row - first; /* the rows before the failure are valid */
            return cimg_png_status_after_jump(dec);
        }
        for (uint32_t i = 0; i < want; i++) {
            png_read_row(dec->png, dst + (size_t)i * stride, NULL);
            dec->next_row++; /* lives in the decoder object, so it survives a jump */
        }
    }
    if (dec->next_row == dec->height) {
        dec->state = CIMG_STATE_DONE;
        free(dec->image); /* every row was handed out */
        dec->image = NULL;
    }
    *rows_read = want;
    return CIMG_OK;
}

cimg_status cimg_png_decoder_finish(cimg_png_decoder *dec) {
    if (dec == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_DONE) return cimg_png_fail(dec, CIMG_ERR_STATE, "finish before every row was read");
    if (setjmp(png_jmpbuf(dec->png))) return cimg_png_status_after_jump(dec);
    png_read_end(dec->png, NULL); /* NULL: chunks after IDAT are checked, not kept */
    return CIMG_OK;
}
