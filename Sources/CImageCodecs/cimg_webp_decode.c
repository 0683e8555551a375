/*
 * cimg_webp_decode.c: WebP decoding over libwebp 1.2 (still images) and libwebpdemux (the RIFF
 * container: ICCP chunk, animation).
 *
 * libwebp returns a status from every call and never prints or exits. A still image is decoded
 * whole into a buffer this decoder allocates (after the size was checked against the caller's
 * limit); an animation is decoded by WebPAnimDecoder, which composes the first frame on the
 * canvas, and only that frame is kept. Rows are then handed out as stored: an EXIF orientation is
 * the caller's to apply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "cimg_internal.h"

struct cimg_webp_decoder {
    WebPDemuxer *demux;         /* the container, parsed by read_header */
    cimg_state state;
    const uint8_t *data;
    size_t size;
    int warnings;
    char message[CIMG_MESSAGE_MAX];
    char first_warning[CIMG_MESSAGE_MAX];
    uint32_t width, height;
    int has_alpha, has_animation, frame_count;
    int channels;
    uint8_t *image;             /* width * height * channels, after start */
    uint32_t next_row;
};

/* ---------------------------------------------------------------- errors ----------------- */

static cimg_status cimg_webp_fail(cimg_webp_decoder *dec, cimg_status status, const char *message) {
    cimg_copy_message(dec->message, message);
    if (status != CIMG_ERR_ARGUMENT && status != CIMG_ERR_STATE) dec->state = CIMG_STATE_FAILED;
    return status;
}

/* The status and message for a libwebp status code. */
static cimg_status cimg_webp_status(cimg_webp_decoder *dec, VP8StatusCode code, const char *what) {
    char message[CIMG_MESSAGE_MAX];
    switch (code) {
    case VP8_STATUS_NOT_ENOUGH_DATA:
        snprintf(message, sizeof message, "%s: the WebP data ends early", what);
        return cimg_webp_fail(dec, CIMG_ERR_TRUNCATED, message);
    case VP8_STATUS_OUT_OF_MEMORY:
        snprintf(message, sizeof message, "%s: out of memory", what);
        return cimg_webp_fail(dec, CIMG_ERR_NOMEM, message);
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        snprintf(message, sizeof message, "%s: a WebP feature libwebp does not support", what);
        return cimg_webp_fail(dec, CIMG_ERR_UNSUPPORTED, message);
    case VP8_STATUS_INVALID_PARAM:
        snprintf(message, sizeof message, "%s: invalid parameter", what);
        return cimg_webp_fail(dec, CIMG_ERR_ARGUMENT, message);
    default:
        snprintf(message, sizeof message, "%s: invalid WebP bitstream (libwebp status %d)", what, (int)code);
        return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, message);
    }
}

static void cimg_webp_warn(cimg_webp_decoder *dec, const char *message) {
    if (dec->warnings == 0) cimg_copy_message(dec->first_warning, message);
    dec->warnings++;
}

/* ---------------------------------------------------------------- lifecycle -------------- */

cimg_webp_decoder *cimg_webp_decoder_create(void) {
    return calloc(1, sizeof(cimg_webp_decoder));
}

void cimg_webp_decoder_destroy(cimg_webp_decoder *dec) {
    if (dec == NULL) return;
    WebPDemuxDelete(dec->demux);
    free(dec->image);
    free(dec);
}

const char *cimg_webp_decoder_message(const cimg_webp_decoder *dec) {
    return dec != NULL ? dec->message : "";
}

int cimg_webp_decoder_warning_count(const cimg_webp_decoder *dec) {
    return dec != NULL ? dec->warnings : 0;
}

const char *cimg_webp_decoder_first_warning(const cimg_webp_decoder *dec) {
    return dec != NULL ? dec->first_warning : "";
}

/* ---------------------------------------------------------------- header ----------------- */

cimg_status cimg_webp_decoder_read_header(cimg_webp_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_webp_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_NEW) return cimg_webp_fail(dec, CIMG_ERR_STATE, "read_header called twice");
    memset(info, 0, sizeof *info);
    if (data == NULL || size == 0) return cimg_webp_fail(dec, CIMG_ERR_TRUNCATED, "no data");
    dec->data = data;
    dec->size = size;

    WebPBitstreamFeatures features;
    VP8StatusCode code = WebPGetFeatures(data, size, &features);
    if (code != VP8_STATUS_OK) return cimg_webp_status(dec, code, "header");
    if (features.width <= 0 || features.height <= 0)
        return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "the header declares no pixels");

    /* the container: a complete one, or one cut short (reported as truncated) */
    WebPData webp = {data, size};
    WebPDemuxState state = WEBP_DEMUX_PARSE_ERROR;
    dec->demux = WebPDemuxPartial(&webp, &state);
    if (dec->demux == NULL || state == WEBP_DEMUX_PARSE_ERROR) {
        if (state == WEBP_DEMUX_PARSING_HEADER) return cimg_webp_fail(dec, CIMG_ERR_TRUNCATED, "the WebP container ends early");
        return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "invalid WebP container (RIFF chunks)");
    }
    if (state != WEBP_DEMUX_DONE) return cimg_webp_fail(dec, CIMG_ERR_TRUNCATED, "the WebP container ends early");

    dec->width = WebPDemuxGetI(dec->demux, WEBP_FF_CANVAS_WIDTH);
    dec->height = WebPDemuxGetI(dec->demux, WEBP_FF_CANVAS_HEIGHT);
    uint32_t flags = WebPDemuxGetI(dec->demux, WEBP_FF_FORMAT_FLAGS);
    dec->frame_count = (int)WebPDemuxGetI(dec->demux, WEBP_FF_FRAME_COUNT);
    dec->has_animation = features.has_animation || (flags & ANIMATION_FLAG) != 0;
    dec->has_alpha = features.has_alpha || (flags & ALPHA_FLAG) != 0;
    if (dec->width == 0 || dec->height == 0) return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "the canvas has no pixels");
    if (dec->frame_count < 1) return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "the file holds no frame");

    info->width = dec->width;
    info->height = dec->height;
    info->has_alpha = dec->has_alpha;
    info->has_animation = dec->has_animation;
    info->frame_count = dec->frame_count;
    info->lossless = !dec->has_animation && features.format == 2;
    dec->state = CIMG_STATE_HEADER;
    return CIMG_OK;
}

int cimg_webp_decoder_icc_profile(cimg_webp_decoder *dec, const uint8_t **data, size_t *size) {
    if (dec == NULL || dec->demux == NULL || dec->state == CIMG_STATE_NEW) return 0;
    WebPChunkIterator chunk;
    if (!WebPDemuxGetChunk(dec->demux, "ICCP", 1, &chunk)) return 0;
    int found = chunk.chunk.bytes != NULL && chunk.chunk.size > 0;
    if (found) {
        if (data != NULL) *data = chunk.chunk.bytes; /* points into the caller's data */
        if (size != NULL) *size = chunk.chunk.size;
    }
    WebPDemuxReleaseChunkIterator(&chunk);
    return found;
}

/* ---------------------------------------------------------------- decoding --------------- */

/* Decodes a still image straight into dec->image. */
static cimg_status cimg_webp_decode_still(cimg_webp_decoder *dec) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return cimg_webp_fail(dec, CIMG_ERR_UNSUPPORTED, "libwebp version mismatch");
    size_t stride = (size_t)dec->width * (size_t)dec->channels;
    config.output.colorspace = dec->channels == 4 ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = dec->image;
    config.output.u.RGBA.stride = (int)stride;
    config.output.u.RGBA.size = stride * dec->height;
    VP8StatusCode code = WebPDecode(dec->data, dec->size, &config);
    WebPFreeDecBuffer(&config.output); /* external memory: frees nothing of ours */
    if (code != VP8_STATUS_OK) return cimg_webp_status(dec, code, "image data");
    return CIMG_OK;
}

/* Decodes the first frame of an animation, composed on the canvas, into dec->image. */
static cimg_status cimg_webp_decode_first_frame(cimg_webp_decoder *dec) {
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) return cimg_webp_fail(dec, CIMG_ERR_UNSUPPORTED, "libwebpdemux version mismatch");
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    WebPData webp = {dec->data, dec->size};
    WebPAnimDecoder *anim = WebPAnimDecoderNew(&webp, &options);
    if (anim == NULL) return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "invalid WebP animation");
    uint8_t *canvas = NULL;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(anim, &canvas, &timestamp) || canvas == NULL) {
        WebPAnimDecoderDelete(anim);
        return cimg_webp_fail(dec, CIMG_ERR_CORRUPT, "the first frame of the animation does not decode");
    }
    size_t pixels = (size_t)dec->width * dec->height;
    if (dec->channels == 4) {
        memcpy(dec->image, canvas, pixels * 4);
    } else {
        for (size_t i = 0; i < pixels; i++) memcpy(dec->image + i * 3, canvas + i * 4, 3);
    }
    WebPAnimDecoderDelete(anim);
    if (dec->frame_count > 1) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "animated WebP: only the first of %d frames is used", dec->frame_count);
        cimg_webp_warn(dec, message);
    }
    return CIMG_OK;
}

cimg_status cimg_webp_decoder_start(cimg_webp_decoder *dec, uint64_t max_pixels, cimg_webp_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_HEADER) return cimg_webp_fail(dec, CIMG_ERR_STATE, "start needs a header and may be called once");
    if ((uint64_t)dec->width * dec->height > max_pixels) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "%ux%u is over the limit of %llu pixels",
                 (unsigned)dec->width, (unsigned)dec->height, (unsigned long long)max_pixels);
        cimg_copy_message(dec->message, message);
        return CIMG_ERR_LIMIT;
    }
    dec->channels = dec->has_alpha ? 4 : 3;
    /* width and height are at most 2^24 each (VP8X), so the product fits */
    size_t bytes = (size_t)dec->width * dec->height * (size_t)dec->channels;
    dec->image = malloc(bytes);
    if (dec->image == NULL) return cimg_webp_fail(dec, CIMG_ERR_NOMEM, "out of memory for the decoded image");
    cimg_status status = dec->has_animation ? cimg_webp_decode_first_frame(dec) : cimg_webp_decode_still(dec);
    if (status != CIMG_OK) {
        dec->state = CIMG_STATE_FAILED;
        return status;
    }
    info->output_channels = dec->channels;
    dec->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

cimg_status cimg_webp_decoder_read_rows(cimg_webp_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read) {
    if (dec == NULL || rows_read == NULL) return CIMG_ERR_ARGUMENT;
    *rows_read = 0;
    if (dec->state == CIMG_STATE_DONE) return CIMG_OK;
    if (dec->state != CIMG_STATE_RUNNING) return cimg_webp_fail(dec, CIMG_ERR_STATE, "read_rows before a successful start");
    size_t row_bytes = (size_t)dec->width * (size_t)dec->channels;
    if (dst == NULL || stride < row_bytes) return cimg_webp_fail(dec, CIMG_ERR_ARGUMENT, "destination stride is shorter than a row");
    uint32_t left = dec->height - dec->next_row;
    uint32_t want = max_rows < left ? max_rows : left;
    for (uint32_t i = 0; i < want; i++)
        memcpy(dst + (size_t)i * stride, dec->image + (size_t)(dec->next_row + i) * row_bytes, row_bytes);
    dec->next_row += want;
    if (dec->next_row == dec->height) {
        dec->state = CIMG_STATE_DONE;
        free(dec->image); /* every row was handed out */
        dec->image = NULL;
    }
    *rows_read = want;
    return CIMG_OK;
}
