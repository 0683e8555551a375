/*
 * cimg_internal.h: helpers shared by the codec files of the C shim. Not part of the public
 * contract (that is include/cimg.h); everything here is static inline so no symbol leaks.
 */
#ifndef CIMG_INTERNAL_H
#define CIMG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* Input consumed by a decoder is handed back in steps of at least this many bytes. */
#define CIMG_RELEASE_STEP ((size_t)4 << 20)

/* Gives back the pages of `data` (a private read-only file mapping, page aligned: see
   cimg_*_decoder_release_input) that lie wholly before byte `consumed`, from *released on, once
   there are CIMG_RELEASE_STEP bytes of them. They stay readable: touched again, they are read
   from the file again. Keeps a mapped 125 MB PNG from counting 125 MB towards peak memory. */
static inline void cimg_release_consumed(const uint8_t *data, size_t consumed, size_t *released) {
    long page = sysconf(_SC_PAGESIZE);
    if (data == NULL || page <= 0 || ((uintptr_t)data % (uintptr_t)page) != 0) return;
    size_t end = consumed - consumed % (size_t)page;
    if (end <= *released || end - *released < CIMG_RELEASE_STEP) return;
    if (madvise((void *)(uintptr_t)(data + *released), end - *released, MADV_DONTNEED) == 0) *released = end;
}

#endif /* CIMG_INTERNAL_H */
