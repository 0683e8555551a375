/*
 * cimg_colour.c: conversion of decoded rows from an embedded ICC profile to sRGB (Little CMS 2).
 *
 * lcms2 reports problems through a log handler rather than by jumping, so nothing here needs
 * setjmp. Each cimg_colour object owns its own lcms2 context, whose user data points back at the
 * object: the handler keeps the last message there, and no state is shared between objects.
 *
 * Rendering: relative colorimetric with black-point compensation, the choice of vips and sharp.
 * Gray sources are converted through a 256-entry table (their samples are 8-bit), to sRGB-curve
 * gray when they stay one channel, or to neutral sRGB when the decoder widened them to RGB(A).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

#include "cimg_internal.h"

#define CIMG_COLOUR_INTENT INTENT_RELATIVE_COLORIMETRIC
#define CIMG_COLOUR_FLAGS cmsFLAGS_BLACKPOINTCOMPENSATION

struct cimg_colour {
    cmsContext context;
    cmsHPROFILE profile;        /* the source profile, once opened */
    cmsHPROFILE srgb;           /* lcms2's built-in sRGB */
    cmsHTRANSFORM transform;    /* RGB and CMYK sources, after start */
    cimg_colour_space space;
    int is_srgb;
    int started;
    int in_channels, out_channels;
    int gray_table;             /* gray source: rows go through `table` */
    uint8_t table[256][3];
    char description[CIMG_MESSAGE_MAX];
    char message[CIMG_MESSAGE_MAX];
};

static void cimg_colour_log(cmsContext context, cmsUInt32Number code, const char *text) {
    (void)code;
    cimg_colour *c = cmsGetContextUserData(context);
    if (c != NULL) cimg_copy_message(c->message, text);
}

static cimg_status cimg_colour_fail(cimg_colour *c, cimg_status status, const char *message) {
    /* keep lcms2's own words when it gave some */
    if (c->message[0] == '\0') cimg_copy_message(c->message, message);
    return status;
}

cimg_colour *cimg_colour_create(void) {
    cimg_colour *c = calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    c->context = cmsCreateContext(NULL, c);
    if (c->context == NULL) {
        free(c);
        return NULL;
    }
    cmsSetLogErrorHandlerTHR(c->context, cimg_colour_log);
    return c;
}

void cimg_colour_destroy(cimg_colour *c) {
    if (c == NULL) return;
    if (c->transform != NULL) cmsDeleteTransform(c->transform);
    if (c->profile != NULL) cmsCloseProfile(c->profile);
    if (c->srgb != NULL) cmsCloseProfile(c->srgb);
    cmsDeleteContext(c->context);
    free(c);
}

const char *cimg_colour_message(const cimg_colour *c) {
    return c != NULL ? c->message : "";
}

const char *cimg_colour_description(const cimg_colour *c) {
    return c != NULL ? c->description : "";
}

cimg_colour_space cimg_colour_profile_space(const cimg_colour *c) {
    return c != NULL ? c->space : CIMG_COLOUR_OTHER;
}

int cimg_colour_is_srgb(const cimg_colour *c) {
    return c != NULL && c->is_srgb;
}

/* A one-channel profile with sRGB's tone curve and D50 white: what gray output is taken to be. */
static cmsHPROFILE cimg_colour_srgb_gray(cmsContext context) {
    /* IEC 61966-2-1: Y = ((X + 0.055) / 1.055)^2.4 above 0.04045, X / 12.92 below */
    const cmsFloat64Number params[5] = {2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045};
    cmsToneCurve *curve = cmsBuildParametricToneCurve(context, 4, params);
    if (curve == NULL) return NULL;
    cmsHPROFILE gray = cmsCreateGrayProfileTHR(context, cmsD50_xyY(), curve);
    cmsFreeToneCurve(curve);
    return gray;
}

/* Whether `transform` (16-bit, `channels` in and out) leaves a grid of colours where they were,
   within one 8-bit level: the profile is sRGB in all but name. */
static int cimg_colour_is_identity(cmsHTRANSFORM transform, int channels) {
    enum { LEVELS = 9 };
    static const uint8_t grid[LEVELS] = {0, 32, 64, 96, 128, 160, 192, 224, 255};
    uint16_t in[LEVELS * LEVELS * LEVELS * 3], out[LEVELS * LEVELS * LEVELS * 3];
    size_t n = 0;
    if (channels == 1) {
        for (int v = 0; v < 256; v++) in[n++] = (uint16_t)(v * 257);
    } else {
        for (int r = 0; r < LEVELS; r++)
            for (int g = 0; g < LEVELS; g++)
                for (int b = 0; b < LEVELS; b++) {
                    in[n * 3] = (uint16_t)(grid[r] * 257);
                    in[n * 3 + 1] = (uint16_t)(grid[g] * 257);
                    in[n * 3 + 2] = (uint16_t)(grid[b] * 257);
                    n++;
                }
    }
    cmsDoTransform(transform, in, out, (cmsUInt32Number)n);
    for (size_t i = 0; i < n * (size_t)channels; i++) {
        if (fabs((double)out[i] - (double)in[i]) > 257.0) return 0;
    }
    return 1;
}

cimg_status cimg_colour_open_profile(cimg_colour *c, const uint8_t *data, size_t size) {
    if (c == NULL || data == NULL || size == 0) return CIMG_ERR_ARGUMENT;
    if (c->profile != NULL) return cimg_colour_fail(c, CIMG_ERR_STATE, "a profile is already open");
    if (size > UINT32_MAX) return cimg_colour_fail(c, CIMG_ERR_LIMIT, "the ICC profile is too large");
    c->message[0] = '\0';
    c->profile = cmsOpenProfileFromMemTHR(c->context, data, (cmsUInt32Number)size);
    if (c->profile == NULL) return cimg_colour_fail(c, CIMG_ERR_CORRUPT, "not a valid ICC profile");
    char text[CIMG_MESSAGE_MAX];
    if (cmsGetProfileInfoASCII(c->profile, cmsInfoDescription, "en", "US", text, sizeof text) > 0) {
        text[sizeof text - 1] = '\0';
        cimg_copy_message(c->description, text);
    }
    c->srgb = cmsCreate_sRGBProfileTHR(c->context);
    if (c->srgb == NULL) return cimg_colour_fail(c, CIMG_ERR_NOMEM, "cannot build the sRGB profile");

    cmsColorSpaceSignature space = cmsGetColorSpace(c->profile);
    cmsUInt32Number format;
    cmsHPROFILE target = c->srgb, gray = NULL;
    int channels;
    switch (space) {
    case cmsSigGrayData:
        c->space = CIMG_COLOUR_GRAY;
        gray = cimg_colour_srgb_gray(c->context);
        if (gray == NULL) return cimg_colour_fail(c, CIMG_ERR_NOMEM, "cannot build the sRGB gray profile");
        target = gray;
        format = TYPE_GRAY_16;
        channels = 1;
        break;
    case cmsSigRgbData:
        c->space = CIMG_COLOUR_RGB;
        format = TYPE_RGB_16;
        channels = 3;
        break;
    case cmsSigCmykData:
        c->space = CIMG_COLOUR_CMYK;
        format = 0;
        channels = 4;
        break;
    default:
        c->space = CIMG_COLOUR_OTHER;
        return cimg_colour_fail(c, CIMG_ERR_UNSUPPORTED, "the ICC profile is for neither gray, RGB nor CMYK data");
    }
    /* a profile that cannot be converted from counts as rejected: find out now, not mid-image */
    if (channels == 4) {
        cmsHTRANSFORM t = cmsCreateTransformTHR(c->context, c->profile, TYPE_CMYK_16, c->srgb, TYPE_RGB_16,
                                                CIMG_COLOUR_INTENT, CIMG_COLOUR_FLAGS | cmsFLAGS_NOCACHE);
        if (t == NULL) return cimg_colour_fail(c, CIMG_ERR_CORRUPT, "cannot convert from this CMYK profile");
        cmsDeleteTransform(t);
        return CIMG_OK;
    }
    cmsHTRANSFORM t = cmsCreateTransformTHR(c->context, c->profile, format, target, format, CIMG_COLOUR_INTENT,
                                            CIMG_COLOUR_FLAGS | cmsFLAGS_NOCACHE | cmsFLAGS_NOOPTIMIZE);
    if (gray != NULL) cmsCloseProfile(gray);
    if (t == NULL) return cimg_colour_fail(c, CIMG_ERR_CORRUPT, "cannot convert from this profile");
    c->is_srgb = cimg_colour_is_identity(t, channels);
    cmsDeleteTransform(t);
    return CIMG_OK;
}

/* Fills the gray table: source level -> sRGB gray level (one channel out) or neutral RGB. */
static cimg_status cimg_colour_fill_gray_table(cimg_colour *c, int to_rgb) {
    cmsHPROFILE gray = NULL, target = c->srgb;
    if (!to_rgb) {
        gray = cimg_colour_srgb_gray(c->context);
        if (gray == NULL) return cimg_colour_fail(c, CIMG_ERR_NOMEM, "cannot build the sRGB gray profile");
        target = gray;
    }
    cmsHTRANSFORM t = cmsCreateTransformTHR(c->context, c->profile, TYPE_GRAY_8, target,
                                            to_rgb ? TYPE_RGB_8 : TYPE_GRAY_8, CIMG_COLOUR_INTENT,
                                            CIMG_COLOUR_FLAGS | cmsFLAGS_NOCACHE);
    if (gray != NULL) cmsCloseProfile(gray);
    if (t == NULL) return cimg_colour_fail(c, CIMG_ERR_CORRUPT, "cannot convert from this gray profile");
    uint8_t levels[256], out[256 * 3];
    for (int v = 0; v < 256; v++) levels[v] = (uint8_t)v;
    cmsDoTransform(t, levels, out, 256);
    cmsDeleteTransform(t);
    for (int v = 0; v < 256; v++) {
        if (to_rgb) {
            c->table[v][0] = out[v * 3];
            c->table[v][1] = out[v * 3 + 1];
            c->table[v][2] = out[v * 3 + 2];
        } else {
            c->table[v][0] = c->table[v][1] = c->table[v][2] = out[v];
        }
    }
    c->gray_table = 1;
    return CIMG_OK;
}

cimg_status cimg_colour_start(cimg_colour *c, int in_channels, int inverted_cmyk, int *out_channels) {
    if (c == NULL || out_channels == NULL) return CIMG_ERR_ARGUMENT;
    if (c->profile == NULL || c->started) return cimg_colour_fail(c, CIMG_ERR_STATE, "start needs an open profile and may be called once");
    c->message[0] = '\0';
    cmsUInt32Number in_format = 0, out_format = 0, flags = CIMG_COLOUR_FLAGS;
    switch (c->space) {
    case CIMG_COLOUR_GRAY:
        if (in_channels < 1 || in_channels > 4)
            return cimg_colour_fail(c, CIMG_ERR_ARGUMENT, "a gray profile needs 1 to 4 channels");
        {
            cimg_status status = cimg_colour_fill_gray_table(c, in_channels >= 3);
            if (status != CIMG_OK) return status;
        }
        c->in_channels = c->out_channels = in_channels;
        c->started = 1;
        *out_channels = in_channels;
        return CIMG_OK;
    case CIMG_COLOUR_RGB:
        if (in_channels == 3) {
            in_format = out_format = TYPE_RGB_8;
        } else if (in_channels == 4) {
            in_format = out_format = TYPE_RGBA_8;
            flags |= cmsFLAGS_COPY_ALPHA;
        } else {
            return cimg_colour_fail(c, CIMG_ERR_ARGUMENT, "an RGB profile on data that is not RGB");
        }
        break;
    case CIMG_COLOUR_CMYK:
        if (in_channels != 4) return cimg_colour_fail(c, CIMG_ERR_ARGUMENT, "a CMYK profile on data that is not CMYK");
        in_format = inverted_cmyk ? TYPE_CMYK_8_REV : TYPE_CMYK_8;
        out_format = TYPE_RGB_8;
        break;
    default:
        return cimg_colour_fail(c, CIMG_ERR_UNSUPPORTED, "the ICC profile is for neither gray, RGB nor CMYK data");
    }
    /* no one-pixel cache: it is the only state a transform changes, and the pipeline converts
       rows on two threads at once (measured: no slower, 80-84 MP/s either way) */
    c->transform = cmsCreateTransformTHR(c->context, c->profile, in_format, c->srgb, out_format,
                                         CIMG_COLOUR_INTENT, flags | cmsFLAGS_NOCACHE);
    if (c->transform == NULL) return cimg_colour_fail(c, CIMG_ERR_CORRUPT, "cannot convert from this profile");
    c->in_channels = in_channels;
    c->out_channels = T_CHANNELS(out_format) + T_EXTRA(out_format);
    c->started = 1;
    *out_channels = c->out_channels;
    return CIMG_OK;
}

static void cimg_colour_gray_rows(const cimg_colour *c, const uint8_t *src, size_t src_stride, uint8_t *dst,
                                  size_t dst_stride, uint32_t width, uint32_t rows) {
    const int n = c->in_channels;
    for (uint32_t y = 0; y < rows; y++) {
        const uint8_t *s = src + (size_t)y * src_stride;
        uint8_t *d = dst + (size_t)y * dst_stride;
        switch (n) {
        case 1:
            for (uint32_t x = 0; x < width; x++) d[x] = c->table[s[x]][0];
            break;
        case 2:
            for (uint32_t x = 0; x < width; x++, s += 2, d += 2) {
                d[0] = c->table[s[0]][0];
                d[1] = s[1];
            }
            break;
        default: /* gray widened to RGB(A) by the decoder: every channel holds the level */
            for (uint32_t x = 0; x < width; x++, s += n, d += n) {
                const uint8_t *rgb = c->table[s[0]];
                d[0] = rgb[0];
                d[1] = rgb[1];
                d[2] = rgb[2];
                if (n == 4) d[3] = s[3];
            }
            break;
        }
    }
}

cimg_status cimg_colour_convert_rows(cimg_colour *c, const uint8_t *src, size_t src_stride, uint8_t *dst,
                                     size_t dst_stride, uint32_t width, uint32_t rows) {
    if (c == NULL || src == NULL || dst == NULL) return CIMG_ERR_ARGUMENT;
    if (!c->started) return cimg_colour_fail(c, CIMG_ERR_STATE, "convert_rows before start");
    if (src_stride < (size_t)width * (size_t)c->in_channels || dst_stride < (size_t)width * (size_t)c->out_channels)
        return cimg_colour_fail(c, CIMG_ERR_ARGUMENT, "a stride is shorter than a row");
    if (width == 0 || rows == 0) return CIMG_OK;
    if (c->gray_table) {
        cimg_colour_gray_rows(c, src, src_stride, dst, dst_stride, width, rows);
        return CIMG_OK;
    }
    if (src_stride > UINT32_MAX || dst_stride > UINT32_MAX)
        return cimg_colour_fail(c, CIMG_ERR_LIMIT, "rows too long for the colour transform");
    cmsDoTransformLineStride(c->transform, src, dst, width, rows, (cmsUInt32Number)src_stride,
                             (cmsUInt32Number)dst_stride, 0, 0);
    return CIMG_OK;
}
