/*
 * cimg_internal.h: helpers shared by the codec files of the C shim. Not part of the public
 * contract (that is include/cimg.h); everything here is static inline so no symbol leaks.
 */
#ifndef CIMG_INTERNAL_H
#define CIMG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cimg.h"

/* How many row pointers one batch of libjpeg/libpng calls uses: a fixed array on the stack, so a
   huge max_rows never turns into a huge allocation. */
#define CIMG_ROW_BATCH 64

/* Lifecycle of every decoder and encoder object. FAILED is terminal: after the library jumped
   out of a call, its internal state is not safe to continue from, only to destroy. */
typedef enum {
    CIMG_STATE_NEW = 0,
    CIMG_STATE_HEADER = 1,   /* decoders: header read */
    CIMG_STATE_RUNNING = 2,  /* decoders: started; encoders: started */
    CIMG_STATE_DONE = 3,     /* every row handed out / file completed */
    CIMG_STATE_FAILED = 4
} cimg_state;

/* Copies a library message into a CIMG_MESSAGE_MAX buffer, always NUL-terminated. */
static inline void cimg_copy_message(char *dst, const char *src) {
    if (src == NULL) src = "";
    size_t n = strlen(src);
    if (n >= CIMG_MESSAGE_MAX) n = CIMG_MESSAGE_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* a * b / 255, rounded to nearest, for a, b in 0...255 (exact for every pair). */
static inline uint8_t cimg_mul_div255(unsigned a, unsigned b) {
    unsigned t = a * b + 128;
    return (uint8_t)((t + (t >> 8)) >> 8);
}

#endif /* CIMG_INTERNAL_H */
