/*
 * cimg_jpeg_decode.c: streaming JPEG decoding over libjpeg-turbo.
 *
 * libjpeg reports fatal errors through error_exit, which by default prints and exit()s the
 * process, and prints warnings to stderr. Here error_exit formats the message and longjmps back
 * into the cimg_ call that is running; warnings are counted silently. Every public function that
 * calls into libjpeg sets its own jump point, and nothing it reads after a jump was changed after
 * setjmp unless it is volatile or lives in the decoder object.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>

#include <jerror.h>
#include <jpeglib.h>

#include "cimg_internal.h"

/* Memory libjpeg may use beyond what max_pixels implies: Huffman tables, row buffers, markers. */
#define CIMG_JPEG_MEMORY_SLACK ((uint64_t)64 << 20)
/* Bytes of whole-image buffers per pixel at worst: a progressive 4:4:4 CMYK file keeps four
   16-bit DCT coefficients per pixel. */
#define CIMG_JPEG_MEMORY_PER_PIXEL 8

typedef struct {
    struct jpeg_error_mgr pub; /* first member: libjpeg's j_common_ptr->err points here */
    jmp_buf escape;
    cimg_status status;        /* what the jump means */
    int fail_on_truncation;
    int warnings;
    char message[CIMG_MESSAGE_MAX];
    char first_warning[CIMG_MESSAGE_MAX];
} cimg_jpeg_error;

struct cimg_jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    cimg_jpeg_error err;
    int created;          /* jpeg_create_decompress succeeded */
    cimg_state state;
    int keep_cmyk;        /* hand out CMYK as stored (for a colour-managed conversion) */
    int convert_cmyk;     /* libjpeg delivers 4-channel CMYK that we turn into RGB */
    int inverted_cmyk;    /* Adobe marker: the stored CMYK values are inverted */
    uint8_t *scratch;     /* CMYK rows, rec_outbuf_height of them */
    JOCTET *icc;          /* from jpeg_read_icc_profile (malloc'd), NULL when none */
    unsigned int icc_size;
    const uint8_t *data;  /* the input given to read_header */
    size_t size;
    int release_input;    /* data is a private file mapping: give back what was read */
    size_t released;      /* bytes of data given back so far */
};

/* ---------------------------------------------------------------- error manager ---------- */

static cimg_status cimg_jpeg_status_for(int msg_code) {
    switch (msg_code) {
    case JERR_OUT_OF_MEMORY:
        return CIMG_ERR_NOMEM;
    case JERR_NO_BACKING_STORE: /* whole-image buffers over max_memory_to_use */
        return CIMG_ERR_LIMIT;
    case JERR_BAD_PRECISION:
    case JERR_IMAGE_TOO_BIG:
    case JERR_WIDTH_OVERFLOW:
    case JERR_ARITH_NOTIMPL:
    case JERR_NOTIMPL:
    case JERR_NOT_COMPILED:
        return CIMG_ERR_UNSUPPORTED;
    case JERR_INPUT_EMPTY:
        return CIMG_ERR_TRUNCATED;
    default:
        return CIMG_ERR_CORRUPT;
    }
}

static void cimg_jpeg_error_exit(j_common_ptr c) {
    cimg_jpeg_error *e = (cimg_jpeg_error *)c->err;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    cimg_copy_message(e->message, buffer);
    e->status = cimg_jpeg_status_for(c->err->msg_code);
    longjmp(e->escape, 1);
}

/* msg_level -1 is a warning (corrupt data worked around); 0 and up are trace messages. */
static void cimg_jpeg_emit_message(j_common_ptr c, int msg_level) {
    cimg_jpeg_error *e = (cimg_jpeg_error *)c->err;
    if (msg_level >= 0) return;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    if (c->err->msg_code == JWRN_JPEG_EOF && e->fail_on_truncation) {
        cimg_copy_message(e->message, buffer);
        e->status = CIMG_ERR_TRUNCATED;
        longjmp(e->escape, 1);
    }
    if (e->warnings == 0) cimg_copy_message(e->first_warning, buffer);
    e->warnings++;
    c->err->num_warnings++;
}

static void cimg_jpeg_output_message(j_common_ptr c) {
    (void)c; /* never print */
}

/* ---------------------------------------------------------------- lifecycle -------------- */

/* jpeg_create_decompress fails only when out of memory, and cleans up after itself. */
static int cimg_jpeg_create(cimg_jpeg_decoder *dec) {
    if (setjmp(dec->err.escape)) return 0;
    jpeg_create_decompress(&dec->cinfo);
    dec->created = 1;
    return 1;
}

cimg_jpeg_decoder *cimg_jpeg_decoder_create(void) {
    cimg_jpeg_decoder *dec = calloc(1, sizeof *dec);
    if (dec == NULL) return NULL;
    dec->cinfo.err = jpeg_std_error(&dec->err.pub);
    dec->err.pub.error_exit = cimg_jpeg_error_exit;
    dec->err.pub.emit_message = cimg_jpeg_emit_message;
    dec->err.pub.output_message = cimg_jpeg_output_message;
    dec->err.fail_on_truncation = 1;
    if (!cimg_jpeg_create(dec)) {
        free(dec);
        return NULL;
    }
    return dec;
}

void cimg_jpeg_decoder_release_input(cimg_jpeg_decoder *dec, int enabled) {
    if (dec != NULL) dec->release_input = enabled != 0;
}

void cimg_jpeg_decoder_destroy(cimg_jpeg_decoder *dec) {
    if (dec == NULL) return;
    if (dec->created) jpeg_destroy_decompress(&dec->cinfo); /* frees every libjpeg pool */
    free(dec->icc);
    free(dec->scratch);
    free(dec);
}

const char *cimg_jpeg_decoder_message(const cimg_jpeg_decoder *dec) {
    return dec != NULL ? dec->err.message : "";
}

int cimg_jpeg_decoder_warning_count(const cimg_jpeg_decoder *dec) {
    return dec != NULL ? dec->err.warnings : 0;
}

const char *cimg_jpeg_decoder_first_warning(const cimg_jpeg_decoder *dec) {
    return dec != NULL ? dec->err.first_warning : "";
}

void cimg_jpeg_decoder_set_keep_cmyk(cimg_jpeg_decoder *dec, int keep) {
    if (dec != NULL) dec->keep_cmyk = keep != 0;
}

void cimg_jpeg_decoder_set_fail_on_truncation(cimg_jpeg_decoder *dec, int fail) {
    if (dec != NULL) dec->err.fail_on_truncation = fail != 0;
}

/* Records a failure detected by the shim itself (not by libjpeg). */
static cimg_status cimg_jpeg_fail(cimg_jpeg_decoder *dec, cimg_status status, const char *message) {
    cimg_copy_message(dec->err.message, message);
    dec->err.status = status;
    return status;
}

/* ---------------------------------------------------------------- header ----------------- */

static cimg_jpeg_colorspace cimg_jpeg_colorspace_of(J_COLOR_SPACE cs) {
    switch (cs) {
    case JCS_GRAYSCALE: return CIMG_JCS_GRAY;
    case JCS_YCbCr: return CIMG_JCS_YCBCR;
    case JCS_RGB: return CIMG_JCS_RGB;
    case JCS_CMYK: return CIMG_JCS_CMYK;
    case JCS_YCCK: return CIMG_JCS_YCCK;
    default: return CIMG_JCS_UNKNOWN;
    }
}

static void cimg_jpeg_fill_header(const struct jpeg_decompress_struct *cinfo, cimg_jpeg_info *info) {
    info->width = cinfo->image_width;
    info->height = cinfo->image_height;
    info->components = cinfo->num_components;
    info->colorspace = cimg_jpeg_colorspace_of(cinfo->jpeg_color_space);
    info->progressive = cinfo->progressive_mode ? 1 : 0;
    info->arithmetic = cinfo->arith_code ? 1 : 0;
    info->adobe_marker = cinfo->saw_Adobe_marker ? 1 : 0;
    info->data_precision = cinfo->data_precision;
    info->output_width = 0;
    info->output_height = 0;
    info->output_channels = 0;
}

cimg_status cimg_jpeg_decoder_read_header(cimg_jpeg_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_jpeg_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_NEW) return cimg_jpeg_fail(dec, CIMG_ERR_STATE, "read_header called twice");
    if (data == NULL && size > 0) return cimg_jpeg_fail(dec, CIMG_ERR_ARGUMENT, "no data");
    if (size > ULONG_MAX) return cimg_jpeg_fail(dec, CIMG_ERR_LIMIT, "input too large");
    dec->err.message[0] = '\0';
    if (setjmp(dec->err.escape)) {
        dec->state = CIMG_STATE_FAILED;
        return dec->err.status;
    }
    jpeg_mem_src(&dec->cinfo, data, (unsigned long)size);
    dec->data = data;
    dec->size = size;
    jpeg_save_markers(&dec->cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&dec->cinfo, TRUE); /* TRUE: a tables-only stream is an error */
    if (jpeg_read_icc_profile(&dec->cinfo, &dec->icc, &dec->icc_size) == FALSE) {
        dec->icc = NULL; /* none, or its chunks were inconsistent (that was a warning) */
        dec->icc_size = 0;
    }
    cimg_jpeg_fill_header(&dec->cinfo, info);
    if (dec->cinfo.data_precision != 8) {
        /* libjpeg-turbo 2.1 already refuses this in jpeg_read_header; kept as the contract. */
        dec->state = CIMG_STATE_FAILED;
        return cimg_jpeg_fail(dec, CIMG_ERR_UNSUPPORTED, "JPEG data precision other than 8 bits");
    }
    dec->state = CIMG_STATE_HEADER;
    return CIMG_OK;
}

int cimg_jpeg_decoder_icc_profile(cimg_jpeg_decoder *dec, const uint8_t **data, size_t *size) {
    if (dec == NULL || dec->icc == NULL || dec->icc_size == 0) return 0;
    if (data != NULL) *data = dec->icc;
    if (size != NULL) *size = dec->icc_size;
    return 1;
}

/* ---------------------------------------------------------------- decoding --------------- */

cimg_status cimg_jpeg_decoder_start(cimg_jpeg_decoder *dec, int scale_denom, uint64_t max_pixels,
                                    cimg_jpeg_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_HEADER) return cimg_jpeg_fail(dec, CIMG_ERR_STATE, "start needs a header and may be called once");
    if (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8)
        return cimg_jpeg_fail(dec, CIMG_ERR_ARGUMENT, "scale denominator must be 1, 2, 4 or 8");
    struct jpeg_decompress_struct *cinfo = &dec->cinfo;

    uint64_t pixels = (uint64_t)cinfo->image_width * cinfo->image_height;
    if (pixels > max_pixels) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "%ux%u is over the limit of %llu pixels",
                 (unsigned)cinfo->image_width, (unsigned)cinfo->image_height, (unsigned long long)max_pixels);
        return cimg_jpeg_fail(dec, CIMG_ERR_LIMIT, message);
    }

    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE:
        cinfo->out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        cinfo->out_color_space = JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        cinfo->out_color_space = JCS_CMYK; /* libjpeg turns YCCK into CMYK; RGB is ours */
        dec->convert_cmyk = !dec->keep_cmyk;
        dec->inverted_cmyk = cinfo->saw_Adobe_marker ? 1 : 0;
        break;
    default:
        return cimg_jpeg_fail(dec, CIMG_ERR_UNSUPPORTED, "JPEG colour space is neither gray, RGB nor CMYK");
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)scale_denom;
    cinfo->dct_method = JDCT_ISLOW;
    cinfo->do_fancy_upsampling = TRUE;
    uint64_t budget = CIMG_JPEG_MEMORY_SLACK;
    if (max_pixels < (uint64_t)(LONG_MAX - CIMG_JPEG_MEMORY_SLACK) / CIMG_JPEG_MEMORY_PER_PIXEL)
        budget += max_pixels * CIMG_JPEG_MEMORY_PER_PIXEL;
    else
        budget = LONG_MAX;
    cinfo->mem->max_memory_to_use = (long)budget;

    if (setjmp(dec->err.escape)) {
        dec->state = CIMG_STATE_FAILED;
        return dec->err.status;
    }
    jpeg_start_decompress(cinfo); /* a progressive file is read whole here */
    if (dec->convert_cmyk) {
        size_t row = (size_t)cinfo->output_width * 4;
        size_t rows = cinfo->rec_outbuf_height > 0 ? (size_t)cinfo->rec_outbuf_height : 1;
        dec->scratch = malloc(row * rows);
        if (dec->scratch == NULL) {
            dec->state = CIMG_STATE_FAILED;
            return cimg_jpeg_fail(dec, CIMG_ERR_NOMEM, "out of memory for the CMYK row buffer");
        }
    }
    info->output_width = cinfo->output_width;
    info->output_height = cinfo->output_height;
    info->output_channels = dec->convert_cmyk ? 3 : cinfo->output_components;
    dec->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

/* One CMYK row to RGB. Adobe files store inverted values (255 = no ink), so R = C*K/255 with the
   stored values; other files store ink amounts, R = (255-C)*(255-K)/255. */
static void cimg_cmyk_to_rgb(const uint8_t *src, uint8_t *dst, uint32_t width, int inverted) {
    if (inverted) {
        for (uint32_t x = 0; x < width; x++, src += 4, dst += 3) {
            dst[0] = cimg_mul_div255(src[0], src[3]);
            dst[1] = cimg_mul_div255(src[1], src[3]);
            dst[2] = cimg_mul_div255(src[2], src[3]);
        }
    } else {
        for (uint32_t x = 0; x < width; x++, src += 4, dst += 3) {
            unsigned k = 255u - src[3];
            dst[0] = cimg_mul_div255(255u - src[0], k);
            dst[1] = cimg_mul_div255(255u - src[1], k);
            dst[2] = cimg_mul_div255(255u - src[2], k);
        }
    }
}

cimg_status cimg_jpeg_decoder_read_rows(cimg_jpeg_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read) {
    if (dec == NULL || rows_read == NULL) return CIMG_ERR_ARGUMENT;
    *rows_read = 0;
    if (dec->state == CIMG_STATE_DONE) return CIMG_OK;
    if (dec->state != CIMG_STATE_RUNNING) return cimg_jpeg_fail(dec, CIMG_ERR_STATE, "read_rows before a successful start");
    struct jpeg_decompress_struct *cinfo = &dec->cinfo;
    size_t channels = dec->convert_cmyk ? 3 : (size_t)cinfo->output_components;
    if (dst == NULL || stride < (size_t)cinfo->output_width * channels)
        return cimg_jpeg_fail(dec, CIMG_ERR_ARGUMENT, "destination stride is shorter than a row");

    volatile uint32_t done = 0;
    if (setjmp(dec->err.escape)) {
        dec->state = CIMG_STATE_FAILED;
        *rows_read = done;
        return dec->err.status;
    }
    while (done < max_rows && cinfo->output_scanline < cinfo->output_height) {
        uint32_t want = max_rows - done;
        JDIMENSION got;
        if (dec->convert_cmyk) {
            JSAMPROW rows[CIMG_ROW_BATCH];
            uint32_t batch = cinfo->rec_outbuf_height > 0 ? (uint32_t)cinfo->rec_outbuf_height : 1;
            if (batch > CIMG_ROW_BATCH) batch = CIMG_ROW_BATCH;
            if (want > batch) want = batch;
            size_t row = (size_t)cinfo->output_width * 4;
            for (uint32_t i = 0; i < want; i++) rows[i] = dec->scratch + i * row;
            got = jpeg_read_scanlines(cinfo, rows, want);
            for (JDIMENSION i = 0; i < got; i++)
                cimg_cmyk_to_rgb(rows[i], dst + (size_t)(done + i) * stride, cinfo->output_width, dec->inverted_cmyk);
        } else {
            JSAMPROW rows[CIMG_ROW_BATCH];
            if (want > CIMG_ROW_BATCH) want = CIMG_ROW_BATCH;
            for (uint32_t i = 0; i < want; i++) rows[i] = dst + (size_t)(done + i) * stride;
            got = jpeg_read_scanlines(cinfo, rows, want);
        }
        if (got == 0) break; /* cannot happen with a memory source; no endless loop if it does */
        done += got;
    }
    if (cinfo->output_scanline >= cinfo->output_height) dec->state = CIMG_STATE_DONE;
    /* at the end of the data libjpeg's memory source points into a buffer of its own (a fake EOI
       marker): only a position inside the data says how much of it was read */
    const uint8_t *next = cinfo->src != NULL ? cinfo->src->next_input_byte : NULL;
    if (dec->release_input && dec->data != NULL && next != NULL && (uintptr_t)next >= (uintptr_t)dec->data &&
        (uintptr_t)next - (uintptr_t)dec->data <= dec->size)
        cimg_release_consumed(dec->data, (size_t)(next - dec->data), &dec->released);
    *rows_read = done;
    return CIMG_OK;
}
