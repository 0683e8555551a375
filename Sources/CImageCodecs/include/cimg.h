/*
 * cimg.h: the C boundary of venice-edit.
 *
 * libjpeg and libpng report fatal errors through callbacks that, by default, print to stderr and
 * exit() the process (libjpeg) or longjmp to a caller-provided buffer (libpng). Neither may cross
 * into Swift. This shim owns every setjmp/longjmp: each cimg_ function returns a cimg_status and,
 * on failure, leaves the library's own message in the object it was called on. Nothing here
 * prints, exits or aborts.
 *
 * Objects are not thread-safe; use one object per thread. Every object is destroyed with its
 * _destroy function, which accepts NULL.
 */
#ifndef CIMG_H
#define CIMG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Result of every fallible cimg_ call. */
typedef enum {
    CIMG_OK = 0,
    CIMG_ERR_CORRUPT = 1,     /* the library rejected the data; the message says why */
    CIMG_ERR_TRUNCATED = 2,   /* the data ended before the image did */
    CIMG_ERR_UNSUPPORTED = 3, /* well-formed, but not a kind this shim decodes (e.g. 12-bit JPEG) */
    CIMG_ERR_LIMIT = 4,       /* over a caller-given limit (pixels, dimensions, chunk size) */
    CIMG_ERR_NOMEM = 5,       /* an allocation failed */
    CIMG_ERR_ARGUMENT = 6,    /* the caller passed something invalid */
    CIMG_ERR_STATE = 7        /* called out of order (e.g. read before start) */
} cimg_status;

/** Longest message an object keeps, terminating NUL included. */
#define CIMG_MESSAGE_MAX 256

/* ---------------------------------------------------------------- JPEG decoding ---------- */

typedef enum {
    CIMG_JCS_UNKNOWN = 0,
    CIMG_JCS_GRAY = 1,
    CIMG_JCS_YCBCR = 2,
    CIMG_JCS_RGB = 3,
    CIMG_JCS_CMYK = 4,
    CIMG_JCS_YCCK = 5
} cimg_jpeg_colorspace;

/** What a JPEG header says, and (after start) what the decoder will deliver. */
typedef struct {
    uint32_t width, height;          /* as stored in the frame header */
    int components;                  /* 1, 3 or 4 */
    cimg_jpeg_colorspace colorspace; /* as libjpeg guessed it from JFIF/Adobe markers */
    int progressive;                 /* 1 for progressive (SOF2) */
    int arithmetic;                  /* 1 for arithmetic coding */
    int adobe_marker;                /* 1 when an Adobe APP14 marker is present (inverted CMYK) */
    int data_precision;              /* 8 in practice; 12 is refused */
    /* filled by cimg_jpeg_decoder_start: */
    uint32_t output_width, output_height;
    int output_channels;             /* 1 (gray) or 3 (RGB); CMYK/YCCK are converted to RGB, or
                                        4 (CMYK) with cimg_jpeg_decoder_set_keep_cmyk */
} cimg_jpeg_info;

typedef struct cimg_jpeg_decoder cimg_jpeg_decoder;

/** Allocates a decoder; NULL only when out of memory. */
cimg_jpeg_decoder *cimg_jpeg_decoder_create(void);
void cimg_jpeg_decoder_destroy(cimg_jpeg_decoder *dec);
/** Declares that the data given to read_header is a private, read-only mapping of a file, page
 *  aligned, that nobody else in the process needs paged in: the decoder then gives back the pages
 *  it has read past as it goes (madvise MADV_DONTNEED; touched again, they are re-read from the
 *  file), so a big input does not count towards memory. Never use on any other kind of memory. */
void cimg_jpeg_decoder_release_input(cimg_jpeg_decoder *dec, int enabled);

/** The message of the last failure (empty string when none). Valid until the next call. */
const char *cimg_jpeg_decoder_message(const cimg_jpeg_decoder *dec);
/** How many recoverable warnings (corrupt data the library worked around) were seen so far. */
int cimg_jpeg_decoder_warning_count(const cimg_jpeg_decoder *dec);
/** The text of the first warning, or "" when none. */
const char *cimg_jpeg_decoder_first_warning(const cimg_jpeg_decoder *dec);

/** When nonzero (the default), data ending early fails with CIMG_ERR_TRUNCATED; when zero it is
 *  a warning and the missing rows come out grey. Call before read_header. */
void cimg_jpeg_decoder_set_fail_on_truncation(cimg_jpeg_decoder *dec, int fail);

/** When nonzero, a CMYK or YCCK file comes out as its 4-channel CMYK samples, as stored (Adobe
 *  files inverted: 255 means no ink), for a colour-managed conversion; when zero (the default)
 *  they are turned into RGB by the naive formula. Call before start. */
void cimg_jpeg_decoder_set_keep_cmyk(cimg_jpeg_decoder *dec, int keep);

/** Reads the header from `size` bytes at `data` (which must outlive the decoder). */
cimg_status cimg_jpeg_decoder_read_header(cimg_jpeg_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_jpeg_info *info);

/** The embedded ICC profile after read_header, reassembled from its APP2 chunks. Returns 1 and
 *  sets *data and *size (owned by the decoder) when there is one, else 0. */
int cimg_jpeg_decoder_icc_profile(cimg_jpeg_decoder *dec, const uint8_t **data, size_t *size);

/** Starts decompression at 1/scale_denom (1, 2, 4 or 8: libjpeg-turbo's fast DCT scalings).
 *  Refuses with CIMG_ERR_LIMIT when the stored width*height exceeds max_pixels (checked before any
 *  large allocation). Fills the output_ fields of *info. */
cimg_status cimg_jpeg_decoder_start(cimg_jpeg_decoder *dec, int scale_denom, uint64_t max_pixels,
                                    cimg_jpeg_info *info);

/** Decodes up to max_rows further rows into dst (rows `stride` bytes apart, output_channels bytes
 *  per pixel). *rows_read is set to the number written (0 once every row has been read). */
cimg_status cimg_jpeg_decoder_read_rows(cimg_jpeg_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read);

/* ---------------------------------------------------------------- PNG decoding ----------- */

/** What a PNG header says, and (after start) what the decoder will deliver. */
typedef struct {
    uint32_t width, height;
    int bit_depth;         /* 1, 2, 4, 8 or 16 */
    int color_type;        /* 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA (the PNG codes) */
    int interlaced;        /* 1 for Adam7 */
    int has_trns;          /* a tRNS chunk came before IDAT */
    /* filled by cimg_png_decoder_start: */
    int output_channels;   /* 1 gray, 3 RGB, or 4 RGBA: 8 bits each, alpha straight (not premultiplied) */
} cimg_png_info;

typedef struct cimg_png_decoder cimg_png_decoder;

cimg_png_decoder *cimg_png_decoder_create(void);
void cimg_png_decoder_destroy(cimg_png_decoder *dec);
/** As cimg_jpeg_decoder_release_input, for the data given to the PNG decoder. */
void cimg_png_decoder_release_input(cimg_png_decoder *dec, int enabled);
const char *cimg_png_decoder_message(const cimg_png_decoder *dec);
int cimg_png_decoder_warning_count(const cimg_png_decoder *dec);
const char *cimg_png_decoder_first_warning(const cimg_png_decoder *dec);

/** Reads the signature and every chunk before the first IDAT. */
cimg_status cimg_png_decoder_read_header(cimg_png_decoder *dec, const uint8_t *data, size_t size,
                                         cimg_png_info *info);

/** The iCCP profile, decompressed, when present (owned by the decoder). Returns 1 or 0. */
int cimg_png_decoder_icc_profile(cimg_png_decoder *dec, const uint8_t **data, size_t *size);

/** Sets up the transforms to 8-bit gray, RGB or RGBA (palette and tRNS expanded, 16 bits scaled
 *  to 8, gray+alpha widened to RGBA). CIMG_ERR_LIMIT above max_pixels, before allocating. */
cimg_status cimg_png_decoder_start(cimg_png_decoder *dec, uint64_t max_pixels, cimg_png_info *info);

/** Like cimg_jpeg_decoder_read_rows. Non-interlaced images stream row by row; an interlaced one
 *  is decoded whole into a buffer owned by the decoder on the first call, then handed out. */
cimg_status cimg_png_decoder_read_rows(cimg_png_decoder *dec, uint8_t *dst, size_t stride,
                                       uint32_t max_rows, uint32_t *rows_read);

/** Reads the chunks after the image data (CRC errors, missing IEND are reported here). */
cimg_status cimg_png_decoder_finish(cimg_png_decoder *dec);

/* ---------------------------------------------------------------- HEIF decoding ---------- */

/* HEIF (HEIC, AVIF, other codings) over libheif. libheif never prints or exits; its own security
 * limits stay on. The primary image is decoded whole by start (grid tiles assembled, the alpha
 * auxiliary image attached, more than 8 bits brought to 8), thumbnails and depth ignored, and
 * handed out row by row. Geometric transformations (irot, imir, clap) are NOT applied: rows come
 * out as stored, and the caller applies the orientation they amount to. */

/** What the primary image of a HEIF file says, and (after start) what the decoder delivers. */
typedef struct {
    uint32_t width, height;    /* as stored (ispe), before any transformation */
    int has_alpha;             /* an alpha auxiliary image is attached */
    int premultiplied_alpha;   /* colour is premultiplied by it (the decoder undoes that) */
    int bit_depth;             /* luma bits per sample as coded (8, 10, 12) */
    int image_count;           /* top-level images in the file; only the primary is decoded */
    /* filled by cimg_heif_decoder_start: */
    int output_channels;       /* 3 RGB or 4 RGBA, 8 bits, alpha straight */
} cimg_heif_info;

typedef struct cimg_heif_decoder cimg_heif_decoder;

/** Allocates a decoder; NULL only when out of memory. libheif (libheif.so.1) is loaded here on
 *  first use, not linked; when it cannot be loaded, read_header fails with CIMG_ERR_UNSUPPORTED
 *  and says so. */
cimg_heif_decoder *cimg_heif_decoder_create(void);
void cimg_heif_decoder_destroy(cimg_heif_decoder *dec);
const char *cimg_heif_decoder_message(const cimg_heif_decoder *dec);
/** Warnings: more than one top-level image in the file (only the primary is decoded), and
 *  decoding warnings libheif attached to the image (damaged but decodable data). */
int cimg_heif_decoder_warning_count(const cimg_heif_decoder *dec);
const char *cimg_heif_decoder_first_warning(const cimg_heif_decoder *dec);

/** Parses the boxes of `size` bytes at `data` (which must outlive the decoder, not copied) and
 *  reads the primary image's properties. No pixel data is decoded. */
cimg_status cimg_heif_decoder_read_header(cimg_heif_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_heif_info *info);

/** The primary image's ICC profile ('prof' or 'rICC') after read_header. Returns 1 and sets
 *  *data and *size (owned by the decoder) when there is one, else 0 (an nclx-only file). */
int cimg_heif_decoder_icc_profile(cimg_heif_decoder *dec, const uint8_t **data, size_t *size);

/** Decodes the primary image whole. Refuses with CIMG_ERR_LIMIT, before decoding anything, when
 *  width*height as stored (or as transformed) exceeds max_pixels. Memory: one decoded frame
 *  (plus the codec's planes while decoding), freed once every row was read. */
cimg_status cimg_heif_decoder_start(cimg_heif_decoder *dec, uint64_t max_pixels, cimg_heif_info *info);

/** Like cimg_jpeg_decoder_read_rows, output_channels bytes per pixel. */
cimg_status cimg_heif_decoder_read_rows(cimg_heif_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read);

/* ---------------------------------------------------------------- WebP decoding ---------- */

/* WebP (VP8, VP8L, VP8X) over libwebp and libwebpdemux. The image is decoded whole by start into
 * a buffer the decoder owns and handed out row by row. An animation gives its first frame,
 * composed on the canvas, with a warning. EXIF orientation is not applied (the caller does). */

/** What a WebP header says, and (after start) what the decoder delivers. */
typedef struct {
    uint32_t width, height;    /* the canvas (VP8X) or the bitstream's size */
    int has_alpha;             /* VP8X alpha flag, or an alpha channel in the bitstream */
    int has_animation;         /* VP8X animation flag */
    int frame_count;           /* 1 for a still image */
    int lossless;              /* VP8L (for a still image) */
    /* filled by cimg_webp_decoder_start: */
    int output_channels;       /* 3 RGB or 4 RGBA, 8 bits, alpha straight */
} cimg_webp_info;

typedef struct cimg_webp_decoder cimg_webp_decoder;

cimg_webp_decoder *cimg_webp_decoder_create(void);
void cimg_webp_decoder_destroy(cimg_webp_decoder *dec);
const char *cimg_webp_decoder_message(const cimg_webp_decoder *dec);
/** Warnings (e.g. "animated: only the first of N frames is used"). */
int cimg_webp_decoder_warning_count(const cimg_webp_decoder *dec);
const char *cimg_webp_decoder_first_warning(const cimg_webp_decoder *dec);

/** Reads the RIFF chunks and the bitstream header from `size` bytes at `data` (which must
 *  outlive the decoder, not copied). No pixel data is decoded. */
cimg_status cimg_webp_decoder_read_header(cimg_webp_decoder *dec, const uint8_t *data, size_t size,
                                          cimg_webp_info *info);

/** The ICCP chunk after read_header: 1 with *data, *size (owned by the decoder), or 0. */
int cimg_webp_decoder_icc_profile(cimg_webp_decoder *dec, const uint8_t **data, size_t *size);

/** Decodes the image (an animation: its first frame). CIMG_ERR_LIMIT, before any allocation, when
 *  the canvas width*height exceeds max_pixels. Memory: one RGB(A) frame (two for an animation). */
cimg_status cimg_webp_decoder_start(cimg_webp_decoder *dec, uint64_t max_pixels, cimg_webp_info *info);

/** Like cimg_jpeg_decoder_read_rows, output_channels bytes per pixel. */
cimg_status cimg_webp_decoder_read_rows(cimg_webp_decoder *dec, uint8_t *dst, size_t stride,
                                        uint32_t max_rows, uint32_t *rows_read);

/* ---------------------------------------------------------------- JPEG encoding ---------- */

typedef struct cimg_jpeg_encoder cimg_jpeg_encoder;

cimg_jpeg_encoder *cimg_jpeg_encoder_create(void);
void cimg_jpeg_encoder_destroy(cimg_jpeg_encoder *enc);
const char *cimg_jpeg_encoder_message(const cimg_jpeg_encoder *enc);

/** Begins a baseline JPEG in memory: channels 1 (gray) or 3 (RGB), quality 1-100, chroma 4:2:0
 *  when subsample is nonzero (else 4:4:4), an ICC profile embedded when icc is not NULL. */
cimg_status cimg_jpeg_encoder_start(cimg_jpeg_encoder *enc, uint32_t width, uint32_t height,
                                    int channels, int quality, int subsample,
                                    const uint8_t *icc, size_t icc_size);
cimg_status cimg_jpeg_encoder_write_rows(cimg_jpeg_encoder *enc, const uint8_t *src, size_t stride,
                                         uint32_t rows);
/** Completes the file; *data and *size stay owned by the encoder until destroy. */
cimg_status cimg_jpeg_encoder_finish(cimg_jpeg_encoder *enc, const uint8_t **data, size_t *size);

/* ---------------------------------------------------------------- PNG encoding ----------- */

typedef enum {
    CIMG_PNG_FILTER_NONE = 0,
    CIMG_PNG_FILTER_SUB = 1,
    CIMG_PNG_FILTER_UP = 2,
    CIMG_PNG_FILTER_AVG = 3,
    CIMG_PNG_FILTER_PAETH = 4,
    CIMG_PNG_FILTER_ADAPTIVE = 5   /* libpng's per-row heuristic over all five */
} cimg_png_filter;

typedef struct cimg_png_encoder cimg_png_encoder;

cimg_png_encoder *cimg_png_encoder_create(void);
void cimg_png_encoder_destroy(cimg_png_encoder *enc);
const char *cimg_png_encoder_message(const cimg_png_encoder *enc);

/** Begins a PNG in memory. channels: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA, 8-bit input rows.
 *  bit_depth 8, or 1 for channels == 1 (a pixel >= 128 becomes 1). level: zlib 0-9. */
cimg_status cimg_png_encoder_start(cimg_png_encoder *enc, uint32_t width, uint32_t height,
                                   int channels, int bit_depth, int level, cimg_png_filter filter,
                                   const uint8_t *icc, size_t icc_size);
cimg_status cimg_png_encoder_write_rows(cimg_png_encoder *enc, const uint8_t *src, size_t stride,
                                        uint32_t rows);
cimg_status cimg_png_encoder_finish(cimg_png_encoder *enc, const uint8_t **data, size_t *size);

/* ---------------------------------------------------------------- resampling ------------- */

typedef struct cimg_resizer cimg_resizer;

/** A streaming separable Lanczos-3 resizer from in_w x in_h to out_w x out_h, 8-bit samples with
 *  `channels` interleaved (1-4). With alpha_last nonzero and channels 2 or 4, colour is resampled
 *  premultiplied by the last channel, so transparent pixels leave no dark fringes.
 *  Returns NULL for invalid sizes or when out of memory. */
cimg_resizer *cimg_resizer_create(uint32_t in_w, uint32_t in_h, uint32_t out_w, uint32_t out_h,
                                  int channels, int alpha_last);
void cimg_resizer_destroy(cimg_resizer *rs);
/** How many input rows the resizer still expects. */
uint32_t cimg_resizer_rows_wanted(const cimg_resizer *rs);
/** Feeds the next input row (in_w * channels bytes). Returns 1 when taken; 0 when every input row
 *  was already given, or when output rows that still need the oldest buffered row are waiting:
 *  pop rows until cimg_resizer_pop_row returns 0 after each push. */
int cimg_resizer_push_row(cimg_resizer *rs, const uint8_t *row);
/** Writes the next output row (out_w * channels bytes) to dst when the rows it depends on have
 *  arrived; returns 1 when a row was written, 0 when more input is needed or all were delivered. */
int cimg_resizer_pop_row(cimg_resizer *rs, uint8_t *dst);
/** How many output rows have been delivered so far. */
uint32_t cimg_resizer_rows_done(const cimg_resizer *rs);
/** Limits the inner loops to a SIMD level (0 portable C, 1 SSE2, 2 AVX2) before the first row;
 *  returns the level in effect, never above what this CPU and build have. Every level gives the
 *  same bytes: this exists so that tests can check that. */
int cimg_resizer_limit_simd(cimg_resizer *rs, int level);

/* ---------------------------------------------------------------- pipeline --------------- */

/** Supplies up to max_rows further rows into dst (rows `stride` bytes apart) and sets *rows_read
 *  (0: no more rows). Returns 0, or nonzero to stop the pipeline (the callee keeps why). */
typedef int (*cimg_row_source)(void *context, uint8_t *dst, size_t stride, uint32_t max_rows,
                               uint32_t *rows_read);
/** Takes `count` rows (out_w * channels bytes each, `stride` apart). Returns 0, or nonzero to
 *  stop the pipeline. */
typedef int (*cimg_row_sink)(void *context, const uint8_t *rows, size_t stride, uint32_t count);

/** Streams every input row from `source` through `rs` (which must not have been pushed to) into
 *  `sink`, in bands of band_rows rows (0: 16). With threads >= 2 the source runs on a second
 *  thread and the horizontal pass is shared between the two; the sink always runs on the calling
 *  thread. Memory: a few bands of rows. Returns CIMG_OK; CIMG_ERR_STATE when a callback stopped
 *  it; CIMG_ERR_TRUNCATED when the source ran out of rows early; CIMG_ERR_NOMEM. */
cimg_status cimg_resize_pipeline(cimg_resizer *rs, int threads, uint32_t band_rows,
                                 cimg_row_source source, void *source_context,
                                 cimg_row_sink sink, void *sink_context);

typedef struct cimg_colour cimg_colour;

/** cimg_resize_pipeline with every input row converted by `colour` (started, with as many
 *  channels out as in, which must be the resizer's) just before its horizontal pass, on whichever
 *  thread filters it: the conversion is shared between the threads. NULL: no conversion. */
cimg_status cimg_resize_pipeline_colour(cimg_resizer *rs, int threads, uint32_t band_rows, cimg_colour *colour,
                                        cimg_row_source source, void *source_context,
                                        cimg_row_sink sink, void *sink_context);

/* ---------------------------------------------------------------- colour ----------------- */

/** The data an ICC profile describes. */
typedef enum {
    CIMG_COLOUR_OTHER = 0,
    CIMG_COLOUR_GRAY = 1,
    CIMG_COLOUR_RGB = 2,
    CIMG_COLOUR_CMYK = 3
} cimg_colour_space;

/** Allocates a converter from an embedded ICC profile to sRGB (Little CMS 2, relative
 *  colorimetric with black-point compensation); NULL only when out of memory. */
cimg_colour *cimg_colour_create(void);
void cimg_colour_destroy(cimg_colour *c);
/** lcms2's message (or the shim's) for the last failure; "" when none. */
const char *cimg_colour_message(const cimg_colour *c);

/** Parses `size` bytes of ICC profile (copied; need not outlive the call) and checks that a
 *  conversion from it can be built. CIMG_ERR_CORRUPT when lcms2 rejects the profile or cannot
 *  convert from it; CIMG_ERR_UNSUPPORTED for a profile of other data than gray, RGB or CMYK. */
cimg_status cimg_colour_open_profile(cimg_colour *c, const uint8_t *data, size_t size);
/** After open: the profile's description text ("" when it has none), its data colour space, and
 *  whether it is sRGB in all but name (its conversion to sRGB, or for gray to sRGB-curve gray,
 *  moves no colour of a 9x9x9 grid, or no gray level, by more than one 8-bit level). */
const char *cimg_colour_description(const cimg_colour *c);
cimg_colour_space cimg_colour_profile_space(const cimg_colour *c);
int cimg_colour_is_srgb(const cimg_colour *c);

/** Builds the 8-bit transform for rows of `in_channels` samples: a gray profile takes 1-4 (1 and 2
 *  stay gray with sRGB's curve; 3 and 4 are gray widened to RGB(A), out as neutral sRGB), an RGB
 *  profile 3 or 4 (alpha copied), a CMYK profile 4 (inverted_cmyk nonzero: 255 means no ink, as
 *  in Adobe files) giving 3. Sets *out_channels. CIMG_ERR_ARGUMENT when the profile does not fit
 *  the data. */
cimg_status cimg_colour_start(cimg_colour *c, int in_channels, int inverted_cmyk, int *out_channels);
/** Converts `rows` rows of `width` pixels from src to dst (which must not overlap). Safe to call
 *  from several threads at once on different rows (the transform keeps no per-call cache). */
cimg_status cimg_colour_convert_rows(cimg_colour *c, const uint8_t *src, size_t src_stride, uint8_t *dst,
                                     size_t dst_stride, uint32_t width, uint32_t rows);

/* ---------------------------------------------------------------- geometry --------------- */

/** Writes src (w x h, channels interleaved, tightly packed) to dst transformed by EXIF
 *  orientation 1-8, so that it displays upright. dst must hold w*h*channels bytes; its size is
 *  w x h for orientations 1-4 and h x w for 5-8. src and dst must not overlap. */
cimg_status cimg_orient(const uint8_t *src, uint32_t w, uint32_t h, int channels, int orientation,
                        uint8_t *dst);
/** Rows first_row ..< first_row + rows of what cimg_orient would write, into dst (rows rows of
 *  the oriented width). Lets an encoder take an oriented image band by band without a second
 *  full-size copy. CIMG_ERR_ARGUMENT when the rows are not all inside the oriented image. */
cimg_status cimg_orient_rows(const uint8_t *src, uint32_t w, uint32_t h, int channels, int orientation,
                             uint32_t first_row, uint32_t rows, uint8_t *dst);

/* ---------------------------------------------------------------- masks ----------------- */

/* One-channel 8-bit planes, rows packed (stride = width). A value >= 128 counts as marked.
 * Functions that need scratch memory allocate it and return CIMG_ERR_NOMEM when they cannot;
 * src and dst must not overlap. */

/** dst = the mean of the (2r+1)^2 square around each pixel, edges replicated (two rounded
 *  separable passes, so within one level of the exact mean). */
cimg_status cimg_mask_box_blur(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r);

/** dst = the 3x3 mean of src (edges replicated, rounded), and histogram[v] = how many dst values
 *  are v. The sketch pre-filter: one pass. */
cimg_status cimg_mask_blur3_histogram(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h,
                                      uint64_t histogram[256]);

/** dst = on where src >= cut, else off (on = 255, off = 0; swapped when invert). With majority
 *  nonzero, a 3x3 majority vote of that (at least 5 of 9 at or above the cut, edges replicated)
 *  in the same pass. */
cimg_status cimg_mask_threshold(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint8_t cut,
                                int invert, int majority);

/** Dilation by the Euclidean disc x^2 + y^2 <= r^2: dst = 255 within distance r of a marked
 *  pixel, else 0. With invert nonzero, dilates the unmarked pixels and writes the complement
 *  (the erosion, the outside of the image counting as marked). O(w*h) whatever r: a column pass
 *  finds each pixel's vertical distance g to the nearest marked pixel, then each row is the union
 *  of the intervals [q - s(g), q + s(g)] around each column q, s(g) = floor(sqrt(r^2 - g^2)). */
cimg_status cimg_mask_dilate(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h, uint32_t r,
                             int invert);

/** Binary area resize: dst (ow x oh) = 255 where marked input covers at least half the output
 *  pixel, or where a thinner stroke would vanish (coverage > 0, no 4-neighbour covered half,
 *  and a ridge across x or y); else 0. Exact integer coverage for any scale. Returns
 *  CIMG_ERR_LIMIT when w*h is 2^31 or more. */
cimg_status cimg_mask_resize(const uint8_t *src, uint32_t w, uint32_t h, uint8_t *dst, uint32_t ow,
                             uint32_t oh);

#ifdef __cplusplus
}
#endif
#endif /* CIMG_H */
