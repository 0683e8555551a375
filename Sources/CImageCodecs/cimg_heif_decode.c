/*
 * cimg_heif_decode.c: HEIF (HEIC, AVIF and other codings) decoding over libheif 1.15.
 *
 * libheif returns a heif_error from every call and never prints or exits; its own security
 * limits (image size, boxes, items, memory blocks) stay at their defaults. The primary image is
 * decoded whole (grid tiles assembled, the alpha auxiliary image attached, more than 8 bits
 * brought down to 8) with geometric transformations NOT applied: rows come out as stored, and the
 * caller applies the orientation that irot/imir amount to, exactly once, like an EXIF tag. An
 * EXIF orientation inside the file is not looked at here. Thumbnails and depth images are ignored.
 *
 * libheif is loaded on first use (dlopen of libheif.so.1), not linked: loading it loads libde265,
 * whose start-up work alone costs about 10-15 ms, and every process would pay that, a JPEG
 * `preflight` included. Each decoder object looks the functions up into its own table (no global
 * state); RTLD_NODELETE keeps the library loaded once loaded, so later decoders find it at once.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libheif/heif.h>

#include "cimg_internal.h"

/* The library and sonames tried, in order. */
static const char *const cimg_heif_libraries[] = {"libheif.so.1", "libheif.so"};

/* The libheif functions this file calls, looked up by name (types taken from heif.h). */
typedef struct {
    __typeof__(heif_init) *init;
    __typeof__(heif_deinit) *deinit;
    __typeof__(heif_context_alloc) *context_alloc;
    __typeof__(heif_context_free) *context_free;
    __typeof__(heif_context_read_from_memory_without_copy) *context_read_from_memory_without_copy;
    __typeof__(heif_context_get_primary_image_handle) *context_get_primary_image_handle;
    __typeof__(heif_context_get_number_of_top_level_images) *context_get_number_of_top_level_images;
    __typeof__(heif_image_handle_release) *image_handle_release;
    __typeof__(heif_image_handle_get_width) *image_handle_get_width;
    __typeof__(heif_image_handle_get_height) *image_handle_get_height;
    __typeof__(heif_image_handle_get_ispe_width) *image_handle_get_ispe_width;
    __typeof__(heif_image_handle_get_ispe_height) *image_handle_get_ispe_height;
    __typeof__(heif_image_handle_has_alpha_channel) *image_handle_has_alpha_channel;
    __typeof__(heif_image_handle_is_premultiplied_alpha) *image_handle_is_premultiplied_alpha;
    __typeof__(heif_image_handle_get_luma_bits_per_pixel) *image_handle_get_luma_bits_per_pixel;
    __typeof__(heif_image_handle_get_color_profile_type) *image_handle_get_color_profile_type;
    __typeof__(heif_image_handle_get_raw_color_profile_size) *image_handle_get_raw_color_profile_size;
    __typeof__(heif_image_handle_get_raw_color_profile) *image_handle_get_raw_color_profile;
    __typeof__(heif_decoding_options_alloc) *decoding_options_alloc;
    __typeof__(heif_decoding_options_free) *decoding_options_free;
    __typeof__(heif_decode_image) *decode_image;
    __typeof__(heif_image_release) *image_release;
    __typeof__(heif_image_get_decoding_warnings) *image_get_decoding_warnings;
    __typeof__(heif_image_get_plane_readonly) *image_get_plane_readonly;
    __typeof__(heif_image_get_plane) *image_get_plane;
    __typeof__(heif_image_get_width) *image_get_width;
    __typeof__(heif_image_get_height) *image_get_height;
    __typeof__(heif_image_get_bits_per_pixel_range) *image_get_bits_per_pixel_range;
} cimg_heif_api;

struct cimg_heif_decoder {
    void *library;              /* dlopen handle, NULL when libheif could not be loaded */
    cimg_heif_api api;
    struct heif_context *context;
    struct heif_image_handle *handle;
    struct heif_image *image;   /* after start, until every row was handed out */
    int initialized;            /* heif_init succeeded: heif_deinit owed */
    char load_error[CIMG_MESSAGE_MAX]; /* why libheif is unavailable, when it is */
    cimg_state state;
    int warnings;
    char message[CIMG_MESSAGE_MAX];
    char first_warning[CIMG_MESSAGE_MAX];
    uint32_t width, height;     /* as stored (ispe), transformations not applied */
    int channels;
    uint8_t *icc;               /* raw ICC profile (prof or rICC), when present */
    size_t icc_size;
    const uint8_t *plane;       /* interleaved rows of `image` */
    size_t plane_stride;
    uint32_t next_row;
};

/* ---------------------------------------------------------------- errors ----------------- */

static cimg_status cimg_heif_fail(cimg_heif_decoder *dec, cimg_status status, const char *message) {
    cimg_copy_message(dec->message, message);
    return status;
}

/* The status a libheif error stands for; keeps its message. Every failure is terminal. */
static cimg_status cimg_heif_status(cimg_heif_decoder *dec, struct heif_error error) {
    cimg_copy_message(dec->message, error.message);
    size_t n = strlen(dec->message); /* libheif ends some messages with a newline */
    while (n > 0 && (dec->message[n - 1] == '\n' || dec->message[n - 1] == ' ')) dec->message[--n] = '\0';
    dec->state = CIMG_STATE_FAILED;
    if (error.subcode == heif_suberror_End_of_data) return CIMG_ERR_TRUNCATED;
    if (error.subcode == heif_suberror_Security_limit_exceeded) return CIMG_ERR_LIMIT;
    switch (error.code) {
    case heif_error_Memory_allocation_error: return CIMG_ERR_NOMEM;
    case heif_error_Unsupported_feature:
    case heif_error_Unsupported_filetype: return CIMG_ERR_UNSUPPORTED;
    case heif_error_Usage_error: return CIMG_ERR_ARGUMENT;
    default: return CIMG_ERR_CORRUPT;
    }
}

static void cimg_heif_warn(cimg_heif_decoder *dec, const char *message) {
    if (dec->warnings == 0) cimg_copy_message(dec->first_warning, message);
    dec->warnings++;
}

/* ---------------------------------------------------------------- lifecycle -------------- */

/* Loads libheif and looks up every function into dec->api; on failure keeps why in load_error. */
static int cimg_heif_load(cimg_heif_decoder *dec) {
    for (size_t i = 0; i < sizeof cimg_heif_libraries / sizeof cimg_heif_libraries[0] && dec->library == NULL; i++)
        dec->library = dlopen(cimg_heif_libraries[i], RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (dec->library == NULL) {
        const char *why = dlerror();
        snprintf(dec->load_error, sizeof dec->load_error, "libheif could not be loaded (%s): install libheif1",
                 why != NULL ? why : "libheif.so.1 not found");
        return 0;
    }
#define CIMG_HEIF_LOOKUP(field, symbol)                                                          \
    do {                                                                                         \
        *(void **)(&dec->api.field) = dlsym(dec->library, #symbol);                              \
        if (dec->api.field == NULL) {                                                            \
            snprintf(dec->load_error, sizeof dec->load_error, "libheif lacks %s (1.15 or later needed)", #symbol); \
            return 0;                                                                            \
        }                                                                                        \
    } while (0)
    CIMG_HEIF_LOOKUP(init, heif_init);
    CIMG_HEIF_LOOKUP(deinit, heif_deinit);
    CIMG_HEIF_LOOKUP(context_alloc, heif_context_alloc);
    CIMG_HEIF_LOOKUP(context_free, heif_context_free);
    CIMG_HEIF_LOOKUP(context_read_from_memory_without_copy, heif_context_read_from_memory_without_copy);
    CIMG_HEIF_LOOKUP(context_get_primary_image_handle, heif_context_get_primary_image_handle);
    CIMG_HEIF_LOOKUP(context_get_number_of_top_level_images, heif_context_get_number_of_top_level_images);
    CIMG_HEIF_LOOKUP(image_handle_release, heif_image_handle_release);
    CIMG_HEIF_LOOKUP(image_handle_get_width, heif_image_handle_get_width);
    CIMG_HEIF_LOOKUP(image_handle_get_height, heif_image_handle_get_height);
    CIMG_HEIF_LOOKUP(image_handle_get_ispe_width, heif_image_handle_get_ispe_width);
    CIMG_HEIF_LOOKUP(image_handle_get_ispe_height, heif_image_handle_get_ispe_height);
    CIMG_HEIF_LOOKUP(image_handle_has_alpha_channel, heif_image_handle_has_alpha_channel);
    CIMG_HEIF_LOOKUP(image_handle_is_premultiplied_alpha, heif_image_handle_is_premultiplied_alpha);
    CIMG_HEIF_LOOKUP(image_handle_get_luma_bits_per_pixel, heif_image_handle_get_luma_bits_per_pixel);
    CIMG_HEIF_LOOKUP(image_handle_get_color_profile_type, heif_image_handle_get_color_profile_type);
    CIMG_HEIF_LOOKUP(image_handle_get_raw_color_profile_size, heif_image_handle_get_raw_color_profile_size);
    CIMG_HEIF_LOOKUP(image_handle_get_raw_color_profile, heif_image_handle_get_raw_color_profile);
    CIMG_HEIF_LOOKUP(decoding_options_alloc, heif_decoding_options_alloc);
    CIMG_HEIF_LOOKUP(decoding_options_free, heif_decoding_options_free);
    CIMG_HEIF_LOOKUP(decode_image, heif_decode_image);
    CIMG_HEIF_LOOKUP(image_release, heif_image_release);
    CIMG_HEIF_LOOKUP(image_get_decoding_warnings, heif_image_get_decoding_warnings);
    CIMG_HEIF_LOOKUP(image_get_plane_readonly, heif_image_get_plane_readonly);
    CIMG_HEIF_LOOKUP(image_get_plane, heif_image_get_plane);
    CIMG_HEIF_LOOKUP(image_get_width, heif_image_get_width);
    CIMG_HEIF_LOOKUP(image_get_height, heif_image_get_height);
    CIMG_HEIF_LOOKUP(image_get_bits_per_pixel_range, heif_image_get_bits_per_pixel_range);
#undef CIMG_HEIF_LOOKUP
    return 1;
}

cimg_heif_decoder *cimg_heif_decoder_create(void) {
    cimg_heif_decoder *dec = calloc(1, sizeof *dec);
    if (dec == NULL) return NULL;
    if (!cimg_heif_load(dec)) return dec; /* read_header reports load_error */
    struct heif_error error = dec->api.init(NULL); /* reference-counted inside libheif */
    if (error.code != heif_error_Ok) {
        cimg_copy_message(dec->load_error, error.message);
        return dec;
    }
    dec->initialized = 1;
    dec->context = dec->api.context_alloc();
    if (dec->context == NULL) {
        dec->api.deinit();
        free(dec);
        return NULL;
    }
    return dec;
}

void cimg_heif_decoder_destroy(cimg_heif_decoder *dec) {
    if (dec == NULL) return;
    if (dec->image != NULL) dec->api.image_release(dec->image);
    if (dec->handle != NULL) dec->api.image_handle_release(dec->handle);
    if (dec->context != NULL) dec->api.context_free(dec->context);
    free(dec->icc);
    if (dec->initialized) dec->api.deinit();
    if (dec->library != NULL) dlclose(dec->library); /* RTLD_NODELETE: stays mapped */
    free(dec);
}

const char *cimg_heif_decoder_message(const cimg_heif_decoder *dec) {
    return dec != NULL ? dec->message : "";
}

int cimg_heif_decoder_warning_count(const cimg_heif_decoder *dec) {
    return dec != NULL ? dec->warnings : 0;
}

const char *cimg_heif_decoder_first_warning(const cimg_heif_decoder *dec) {
    return dec != NULL ? dec->first_warning : "";
}

/* ---------------------------------------------------------------- header ----------------- */

cimg_status cimg_heif_decoder_read_header(cimg_heif_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_heif_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_NEW) return cimg_heif_fail(dec, CIMG_ERR_STATE, "read_header called twice");
    if (!dec->initialized) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_UNSUPPORTED, dec->load_error);
    }
    if (data == NULL || size == 0) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_TRUNCATED, "no data");
    }
    memset(info, 0, sizeof *info);
    dec->message[0] = '\0';
    struct heif_error error = dec->api.context_read_from_memory_without_copy(dec->context, data, size, NULL);
    if (error.code != heif_error_Ok) return cimg_heif_status(dec, error);
    error = dec->api.context_get_primary_image_handle(dec->context, &dec->handle);
    if (error.code != heif_error_Ok) return cimg_heif_status(dec, error);

    int width = dec->api.image_handle_get_ispe_width(dec->handle);
    int height = dec->api.image_handle_get_ispe_height(dec->handle);
    if (width <= 0 || height <= 0) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "the primary image declares a size of %dx%d", width, height);
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_CORRUPT, message);
    }
    dec->width = (uint32_t)width;
    dec->height = (uint32_t)height;
    info->width = dec->width;
    info->height = dec->height;
    info->has_alpha = dec->api.image_handle_has_alpha_channel(dec->handle) != 0;
    info->premultiplied_alpha = info->has_alpha && dec->api.image_handle_is_premultiplied_alpha(dec->handle) != 0;
    info->bit_depth = dec->api.image_handle_get_luma_bits_per_pixel(dec->handle);
    info->image_count = dec->api.context_get_number_of_top_level_images(dec->context);

    /* the ICC profile ('prof' or 'rICC'); an nclx-only file has none */
    enum heif_color_profile_type type = dec->api.image_handle_get_color_profile_type(dec->handle);
    if (type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC) {
        size_t icc_size = dec->api.image_handle_get_raw_color_profile_size(dec->handle);
        if (icc_size > 0 && icc_size <= ((size_t)64 << 20)) {
            dec->icc = malloc(icc_size);
            if (dec->icc != NULL) {
                error = dec->api.image_handle_get_raw_color_profile(dec->handle, dec->icc);
                if (error.code == heif_error_Ok) {
                    dec->icc_size = icc_size;
                } else {
                    free(dec->icc);
                    dec->icc = NULL;
                    cimg_heif_warn(dec, error.message);
                }
            }
        }
    }
    dec->state = CIMG_STATE_HEADER;
    return CIMG_OK;
}

int cimg_heif_decoder_icc_profile(cimg_heif_decoder *dec, const uint8_t **data, size_t *size) {
    if (dec == NULL || dec->icc == NULL || dec->icc_size == 0) return 0;
    if (data != NULL) *data = dec->icc;
    if (size != NULL) *size = dec->icc_size;
    return 1;
}

/* ---------------------------------------------------------------- decoding --------------- */

/* Undoes premultiplication in place: colour = colour * 255 / alpha, rounded, at most 255. */
static void cimg_heif_unpremultiply(uint8_t *rows, size_t stride, uint32_t width, uint32_t height) {
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *p = rows + (size_t)y * stride;
        for (uint32_t x = 0; x < width; x++, p += 4) {
            unsigned a = p[3];
            if (a == 0 || a == 255) continue;
            for (int c = 0; c < 3; c++) {
                unsigned v = (p[c] * 255u + a / 2) / a;
                p[c] = (uint8_t)(v > 255 ? 255 : v);
            }
        }
    }
}

cimg_status cimg_heif_decoder_start(cimg_heif_decoder *dec, uint64_t max_pixels, cimg_heif_info *info) {
    if (dec == NULL || info == NULL) return CIMG_ERR_ARGUMENT;
    if (dec->state != CIMG_STATE_HEADER) return cimg_heif_fail(dec, CIMG_ERR_STATE, "start needs a header and may be called once");
    /* both the stored size and the size after transformations (a clap could claim more) */
    uint64_t shown = (uint64_t)(uint32_t)dec->api.image_handle_get_width(dec->handle) *
                     (uint64_t)(uint32_t)dec->api.image_handle_get_height(dec->handle);
    if ((uint64_t)dec->width * dec->height > max_pixels || shown > max_pixels) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "%ux%u is over the limit of %llu pixels",
                 (unsigned)dec->width, (unsigned)dec->height, (unsigned long long)max_pixels);
        return cimg_heif_fail(dec, CIMG_ERR_LIMIT, message);
    }
    int alpha = dec->api.image_handle_has_alpha_channel(dec->handle) != 0;
    struct heif_decoding_options *options = dec->api.decoding_options_alloc();
    if (options == NULL) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_NOMEM, "out of memory for the decoding options");
    }
    options->ignore_transformations = 1; /* the caller orients, once */
    options->convert_hdr_to_8bit = 1;
    struct heif_error error = dec->api.decode_image(dec->handle, &dec->image, heif_colorspace_RGB,
                                                alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB,
                                                options);
    dec->api.decoding_options_free(options);
    if (error.code != heif_error_Ok) return cimg_heif_status(dec, error);

    int images = dec->api.context_get_number_of_top_level_images(dec->context);
    if (images > 1) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "the file holds %d images: only the primary one is used", images);
        cimg_heif_warn(dec, message);
    }
    struct heif_error warning;
    int warnings = dec->api.image_get_decoding_warnings(dec->image, 0, NULL, 0);
    if (warnings > 0 && dec->api.image_get_decoding_warnings(dec->image, 0, &warning, 1) == 1) {
        cimg_heif_warn(dec, warning.message);
        dec->warnings += warnings - 1;
    }
    int stride = 0;
    dec->plane = dec->api.image_get_plane_readonly(dec->image, heif_channel_interleaved, &stride);
    int w = dec->api.image_get_width(dec->image, heif_channel_interleaved);
    int h = dec->api.image_get_height(dec->image, heif_channel_interleaved);
    int bits = dec->api.image_get_bits_per_pixel_range(dec->image, heif_channel_interleaved);
    dec->channels = alpha ? 4 : 3;
    if (dec->plane == NULL || stride <= 0 || bits != 8 || w <= 0 || h <= 0 ||
        (size_t)stride < (size_t)w * (size_t)dec->channels) {
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_UNSUPPORTED, "libheif did not deliver 8-bit interleaved RGB");
    }
    if ((uint32_t)w != dec->width || (uint32_t)h != dec->height) {
        char message[CIMG_MESSAGE_MAX];
        snprintf(message, sizeof message, "the image decoded to %dx%d but declares %ux%u", w, h,
                 (unsigned)dec->width, (unsigned)dec->height);
        dec->state = CIMG_STATE_FAILED;
        return cimg_heif_fail(dec, CIMG_ERR_CORRUPT, message);
    }
    dec->plane_stride = (size_t)stride;
    if (alpha && dec->api.image_handle_is_premultiplied_alpha(dec->handle)) {
        /* the plane is the image's own; libheif hands it out read-only to callers that share it,
           this decoder is its only user */
        int writable_stride = 0;
        uint8_t *writable = dec->api.image_get_plane(dec->image, heif_channel_interleaved, &writable_stride);
        if (writable != NULL) cimg_heif_unpremultiply(writable, (size_t)writable_stride, dec->width, dec->height);
    }
    info->output_channels = dec->channels;
    dec->state = CIMG_STATE_RUNNING;
    return CIMG_OK;
}

cimg_status cimg_heif_decoder_read_rows(cimg_heif_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read) {
    if (dec == NULL || rows_read == NULL) return CIMG_ERR_ARGUMENT;
    *rows_read = 0;
    if (dec->state == CIMG_STATE_DONE) return CIMG_OK;
    if (dec->state != CIMG_STATE_RUNNING) return cimg_heif_fail(dec, CIMG_ERR_STATE, "read_rows before a successful start");
    size_t row_bytes = (size_t)dec->width * (size_t)dec->channels;
    if (dst == NULL || stride < row_bytes) return cimg_heif_fail(dec, CIMG_ERR_ARGUMENT, "destination stride is shorter than a row");
    uint32_t left = dec->height - dec->next_row;
    uint32_t want = max_rows < left ? max_rows : left;
    for (uint32_t i = 0; i < want; i++)
        memcpy(dst + (size_t)i * stride, dec->plane + (size_t)(dec->next_row + i) * dec->plane_stride, row_bytes);
    dec->next_row += want;
    if (dec->next_row == dec->height) {
        dec->state = CIMG_STATE_DONE;
        dec->api.image_release(dec->image); /* every row was handed out */
        dec->image = NULL;
        dec->plane = NULL;
    }
    *rows_read = want;
    return CIMG_OK;
}
