/*
 * cimg_jpeg_encode.c: streaming baseline JPEG encoding into memory over libjpeg-turbo.
 *
 * Same error handling as the decoder: error_exit jumps back into the running cimg_ call with the
 * library's message, nothing is printed. The output grows in a buffer owned by this object,
 * through a destination manager of our own: libjpeg's jpeg_mem_dest reallocates its buffer and
 * publishes the new pointer only when compression finishes, so an encoder abandoned half-way
 * (an error upstream) would be left holding a pointer that was already freed.
 */
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>

#include <jerror.h>
#include <jpeglib.h>

#include "cimg_internal.h"

typedef struct {
    struct jpeg_error_mgr pub; /* first member */
    jmp_buf escape;
    cimg_status status;
    char message[CIMG_MESSAGE_MAX];
} cimg_jpeg_enc_error;

struct cimg_jpeg_encoder {
    struct jpeg_compress_struct cinfo;
    cimg_jpeg_enc_error err;
    int created;
    cimg_state state;
    int channels;
    struct jpeg_destination_mgr dest;
    unsigned char *out;       /* the output buffer, always current */
    size_t out_capacity;
    size_t out_size;          /* set when compression finishes */
};

/* The destination manager's callbacks find the encoder from cinfo (cinfo is its first member). */
static void cimg_jpeg_dest_init(j_compress_ptr cinfo) {
    cimg_jpeg_encoder *enc = (cimg_jpeg_encoder *)cinfo;
    if (enc->out == NULL) {
        enc->out = malloc(1u << 16);
        if (enc->out == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
        enc->out_capacity = 1u << 16;
    }
    enc->dest.next_output_byte = enc->out;
    enc->dest.free_in_buffer = enc->out_capacity;
}

/* Called when the buffer is full: double it. */
static boolean cimg_jpeg_dest_grow(j_compress_ptr cinfo) {
    cimg_jpeg_encoder *enc = (cimg_jpeg_encoder *)cinfo;
    size_t used = enc->out_capacity;
    if (used > SIZE_MAX / 2) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
    unsigned char *bigger = realloc(enc->out, used * 2);
    if (bigger == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
    enc->out = bigger;
    enc->out_capacity = used * 2;
    enc->dest.next_output_byte = bigger + used;
    enc->dest.free_in_buffer = enc->out_capacity - used;
    return TRUE;
}

static void cimg_jpeg_dest_term(j_compress_ptr cinfo) {
    cimg_jpeg_encoder *enc = (cimg_jpeg_encoder *)cinfo;
    enc->out_size = enc->out_capacity - enc->dest.free_in_buffer;
}

static void cimg_jpeg_enc_error_exit(j_common_ptr c) {
    cimg_jpeg_enc_error *e = (cimg_jpeg_enc_error *)c->err;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    cimg_copy_message(e->message, buffer);
    e->status = c->err->msg_code == JERR_OUT_OF_MEMORY ? CIMG_ERR_NOMEM : CIMG_ERR_ARGUMENT;
    longjmp(e->escape, 1);
}

static void cimg_jpeg_enc_emit_message(j_common_ptr c, int msg_level) {
    (void)c; /* the compressor's warnings are about its own use; nothing to report */
    (void)msg_level;
}

static void cimg_jpeg_enc_output_message(j_common_ptr c) {
    (void)c;
}

static cimg_status cimg_jpeg_enc_fail(cimg_jpeg_encoder *enc, cimg_status status, const char *message) {
    cimg_copy_message(enc->err.message, message);
    return status;
}

/* jpeg_create_compress fails only when out of memory, and cleans up after itself. */
static int cimg_jpeg_create_compress(cimg_jpeg_encoder *enc) {
    if (setjmp(enc->err.escape)) return 0;
    jpeg_create_compress(&enc->cinfo);
    enc->created = 1;
    return 1;
}

cimg_jpeg_encoder *cimg_jpeg_encoder_create(void) {
    cimg_jpeg_encoder *enc = calloc(1, sizeof *enc);
    if (enc == NULL) return NULL;
    enc->cinfo.err = jpeg_std_error(&enc->err.pub);
    enc->err.pub.error_exit = cimg_jpeg_enc_error_exit;
    enc->err.pub.emit_message = cimg_jpeg_enc_emit_message;
    enc->err.pub.output_message = cimg_jpeg_enc_output_message;
    if (!cimg_jpeg_create_compress(enc)) {
        free(enc);
        return NULL;
    }
    return enc;
}

void cimg_jpeg_encoder_destroy(cimg_jpeg_encoder *enc) {
    if (enc == NULL) return;
    if (enc->created) jpeg_destroy_compress(&enc->cinfo);
    free(enc->out);
    free(enc);
}

const char *cimg_jpeg_encoder_message(const cimg_jpeg_encoder *enc) {
    return enc != NULL ? enc->err.message : "";
}

cimg_status cimg_jpeg_encoder_start(cimg_jpeg_encoder *enc, uint32_t width, uint32_t height,
                                    int channels, int quality, int subsample,
                                    const uint8_t *icc, size_t icc_size) {
    if (enc == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state != CIMG_STATE_NEW) return cimg_jpeg_enc_fail(enc, CIMG_ERR_STATE, "start may be called once");
    if (width == 0 || height == 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION)
        return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "JPEG dimensions must be 1 to 65500");
    if (channels != 1 && channels != 3) return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "JPEG channels must be 1 or 3");
    if (quality < 1 || quality > 100) return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "JPEG quality must be 1 to 100");
    if (icc != NULL && (icc_size == 0 || icc_size > UINT32_MAX))
        return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "ICC profile size out of range");

    if (setjmp(enc->err.escape)) {
        enc->state = CIMG_STATE_FAILED;
        return enc->err.status;
    }
    struct jpeg_compress_struct *cinfo = &enc->cinfo;
    enc->dest.init_destination = cimg_jpeg_dest_init;
    enc->dest.empty_output_buffer = cimg_jpeg_dest_grow;
    enc->dest.term_destination = cimg_jpeg_dest_term;
    cinfo->dest = &enc->dest;
    cinfo->image_width = width;
    cinfo->image_height = height;
    cinfo->input_components = channels;
    cinfo->in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(cinfo); /* baseline, Huffman, JFIF header without thumbnail, ISLOW DCT */
    jpeg_set_quality(cinfo, quality, TRUE);
    cinfo->optimize_coding = FALSE;
    if (channels == 3) {
        int factor = subsample ? 2 : 1;
        cinfo->comp_info[0].h_samp_factor = factor;
        cinfo->comp_info[0].v_samp_factor = factor;
        for (int c = 1; c < 3; c++) {
            cinfo->comp_info[c].h_samp_factor = 1;
            cinfo->comp_info[c].v_samp_factor = 1;
        }
    }
    jpeg_start_compress(cinfo, TRUE);
    if (icc != NULL) jpeg_write_icc_profile(cinfo, icc, (unsigned int)icc_size);
    enc->channels = channels;
    enc->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

cimg_status cimg_jpeg_encoder_write_rows(cimg_jpeg_encoder *enc, const uint8_t *src, size_t stride,
                                         uint32_t rows) {
    if (enc == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state != CIMG_STATE_RUNNING) return cimg_jpeg_enc_fail(enc, CIMG_ERR_STATE, "write_rows before a successful start");
    struct jpeg_compress_struct *cinfo = &enc->cinfo;
    if (rows > cinfo->image_height - cinfo->next_scanline)
        return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "more rows than the image height");
    if (rows > 0 && (src == NULL || stride < (size_t)cinfo->image_width * (size_t)enc->channels))
        return cimg_jpeg_enc_fail(enc, CIMG_ERR_ARGUMENT, "source stride is shorter than a row");

    if (setjmp(enc->err.escape)) {
        enc->state = CIMG_STATE_FAILED;
        return enc->err.status;
    }
    uint32_t done = 0;
    while (done < rows) {
        JSAMPROW pointers[CIMG_ROW_BATCH];
        uint32_t batch = rows - done < CIMG_ROW_BATCH ? rows - done : CIMG_ROW_BATCH;
        for (uint32_t i = 0; i < batch; i++) pointers[i] = (JSAMPROW)(src + (size_t)(done + i) * stride);
        JDIMENSION written = jpeg_write_scanlines(cinfo, pointers, batch);
        if (written == 0) break; /* cannot happen with a memory destination */
        done += written;
    }
    return CIMG_OK;
}

cimg_status cimg_jpeg_encoder_finish(cimg_jpeg_encoder *enc, const uint8_t **data, size_t *size) {
    if (enc == NULL || data == NULL || size == NULL) return CIMG_ERR_ARGUMENT;
    if (enc->state == CIMG_STATE_DONE) {
        *data = enc->out;
        *size = enc->out_size;
        return CIMG_OK;
    }
    if (enc->state != CIMG_STATE_RUNNING) return cimg_jpeg_enc_fail(enc, CIMG_ERR_STATE, "finish before a successful start");
    if (enc->cinfo.next_scanline < enc->cinfo.image_height)
        return cimg_jpeg_enc_fail(enc, CIMG_ERR_STATE, "finish before every row was written");
    if (setjmp(enc->err.escape)) {
        enc->state = CIMG_STATE_FAILED;
        return enc->err.status;
    }
    jpeg_finish_compress(&enc->cinfo); /* sets out/out_size */
    enc->state = CIMG_STATE_DONE;
    *data = enc->out;
    *size = enc->out_size;
    return CIMG_OK;
}
