/*
 * cimg_pipeline.c: decode → resize → encode on two threads.
 *
 * A decoder is serial (libjpeg-turbo's is the critical path of `prepare`), so the second core
 * takes everything else while it runs: the source (decoder) runs on a thread of its own and fills
 * a small ring of input rows; the calling thread filters them horizontally into a ring of int16
 * rows, makes each output row with the vertical pass as soon as its kernel's rows are there, and
 * hands bands of output rows to the sink (encoder). Whenever the decoder thread finds the input
 * ring full it takes horizontal-pass rows too, so the work splits itself between the cores
 * whatever the image (the best fixed split differs per image).
 *
 * With a colour converter, each input row is converted to sRGB by the thread that filters it,
 * into a row of its own, just before its horizontal pass: the conversion is shared between the
 * cores like the pass itself instead of lengthening the decoder's critical path.
 *
 * Memory: the input ring (band * 4 rows), the filtered ring (kernel + 2 bands) and one output
 * band, a few MB at 100 MP. One mutex and one condition variable guard the counters; the rows
 * themselves are only touched by the thread that claimed them.
 */
#include "cimg.h"
#include "cimg_resize_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cimg_resizer *rs;
    cimg_row_source source;
    void *source_context;
    cimg_row_sink sink;
    void *sink_context;
    cimg_colour *colour;        /* converts each input row before its horizontal pass, or NULL */
    int threaded;
    uint32_t band;              /* rows per source call and per sink call */
    uint32_t in_rows;           /* input ring rows, a multiple of band */
    size_t in_stride;
    uint8_t *in_ring;
    uint32_t mid_rows;          /* filtered ring rows */
    int16_t *mid_ring;
    uint32_t *mid_row_of;       /* which input row each filtered slot holds (UINT32_MAX: none) */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    /* guarded by lock */
    uint32_t decoded;           /* input rows in the ring so far */
    uint32_t claimed;           /* next input row to filter */
    uint32_t filtered;          /* every row below this one is filtered */
    uint32_t rows_out;          /* output rows made */
    int source_ended;           /* the source returned 0 rows, failed, or gave every row */
    cimg_status status;         /* first failure */
} cimg_pipe;

static inline uint8_t *cimg_pipe_in_row(const cimg_pipe *p, uint32_t r) {
    return p->in_ring + (size_t)(r % p->in_rows) * p->in_stride;
}

static inline int16_t *cimg_pipe_mid_row(const cimg_pipe *p, uint32_t r) {
    return p->mid_ring + (size_t)(r % p->mid_rows) * p->rs->mid_samples;
}

/* With the lock held: may row `claimed` be filtered now? It must be decoded, and its filtered
 * slot's previous row no longer needed by any output row still to come. */
static int cimg_pipe_can_claim(const cimg_pipe *p) {
    const cimg_resizer *rs = p->rs;
    uint32_t r = p->claimed;
    if (r >= p->decoded) return 0;
    if (r < p->mid_rows || p->rows_out >= rs->out_h) return 1;
    return rs->v.start[p->rows_out] > r - p->mid_rows;
}

/* Filters row r (claimed under the lock) without the lock, then records it. `converted`: this
 * thread's row for the colour conversion (unused without a converter). */
static void cimg_pipe_filter(cimg_pipe *p, uint32_t r, int16_t *scratch, uint8_t *converted) {
    pthread_mutex_unlock(&p->lock);
    const uint8_t *row = cimg_pipe_in_row(p, r);
    cimg_status converting = CIMG_OK;
    if (p->colour != NULL) {
        converting = cimg_colour_convert_rows(p->colour, row, p->in_stride, converted, p->in_stride, p->rs->in_w, 1);
        row = converted;
    }
    cimg_resize_hrow(p->rs, row, scratch, cimg_pipe_mid_row(p, r));
    pthread_mutex_lock(&p->lock);
    if (converting != CIMG_OK && p->status == CIMG_OK) p->status = CIMG_ERR_STATE;
    p->mid_row_of[r % p->mid_rows] = r;
    while (p->filtered < p->claimed && p->mid_row_of[p->filtered % p->mid_rows] == p->filtered) p->filtered++;
    pthread_cond_broadcast(&p->changed);
}

/* With the lock held: the next source call's row count, or 0 when the ring has no room for it. */
static uint32_t cimg_pipe_room(const cimg_pipe *p) {
    uint32_t left = p->rs->in_h - p->decoded;
    uint32_t n = p->band < left ? p->band : left;
    uint32_t to_wrap = p->in_rows - p->decoded % p->in_rows;
    if (n > to_wrap) n = to_wrap;
    /* rows decoded .. decoded + n - 1 overwrite rows in_rows earlier, which must be filtered */
    if ((uint64_t)p->decoded + n > (uint64_t)p->filtered + p->in_rows) return 0;
    return n;
}

/* Reads one band (lock held on entry and exit, released during the call). */
static void cimg_pipe_read(cimg_pipe *p, uint32_t n) {
    uint32_t start = p->decoded;
    pthread_mutex_unlock(&p->lock);
    uint32_t got = 0;
    int failed = p->source(p->source_context, cimg_pipe_in_row(p, start), p->in_stride, n, &got) != 0;
    pthread_mutex_lock(&p->lock);
    if (got > n) got = n;
    p->decoded += got;
    if (failed) {
        if (p->status == CIMG_OK) p->status = CIMG_ERR_STATE;
        p->source_ended = 1;
    } else if (got == 0 || p->decoded >= p->rs->in_h) {
        p->source_ended = 1;
    }
    pthread_cond_broadcast(&p->changed);
}

static void *cimg_pipe_source_thread(void *arg) {
    cimg_pipe *p = arg;
    int16_t *scratch = calloc(p->rs->in_samples, sizeof(int16_t));
    uint8_t *converted = p->colour != NULL ? malloc(p->in_stride) : NULL;
    pthread_mutex_lock(&p->lock);
    if ((scratch == NULL || (p->colour != NULL && converted == NULL)) && p->status == CIMG_OK) p->status = CIMG_ERR_NOMEM;
    while (p->status == CIMG_OK) {
        uint32_t n = p->source_ended ? 0 : cimg_pipe_room(p);
        if (n > 0) {
            cimg_pipe_read(p, n);
        } else if (cimg_pipe_can_claim(p)) {
            /* the ring is full (or the source is done): take horizontal-pass rows meanwhile */
            cimg_pipe_filter(p, p->claimed++, scratch, converted);
        } else if (p->source_ended && p->claimed >= p->decoded) {
            break;
        } else {
            pthread_cond_wait(&p->changed, &p->lock);
        }
    }
    p->source_ended = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    free(scratch);
    free(converted);
    return NULL;
}

/* The calling thread: filter, vertical pass, sink; with one thread, the source too. */
static void cimg_pipe_main(cimg_pipe *p, int16_t *scratch, uint8_t *converted, const int16_t **vrows, int32_t *acc,
                           uint8_t *out) {
    cimg_resizer *rs = p->rs;
    const size_t out_stride = (size_t)rs->out_w * (size_t)rs->channels;
    uint32_t pending = 0;
    pthread_mutex_lock(&p->lock);
    while (p->status == CIMG_OK && p->rows_out < rs->out_h) {
        const uint32_t y = p->rows_out, first = rs->v.start[y], real = rs->v.real_taps;
        if (p->filtered >= first + real) {
            pthread_mutex_unlock(&p->lock);
            for (uint32_t k = 0; k < rs->v.taps; k++)
                vrows[k] = cimg_pipe_mid_row(p, first + (k < real ? k : real - 1));
            cimg_resize_vrow(rs, y, vrows, out + (size_t)pending * out_stride, acc);
            pending++;
            int sink_failed = 0;
            if (pending == p->band || y + 1 == rs->out_h) {
                sink_failed = p->sink(p->sink_context, out, out_stride, pending) != 0;
                pending = 0;
            }
            pthread_mutex_lock(&p->lock);
            p->rows_out++;
            if (sink_failed && p->status == CIMG_OK) p->status = CIMG_ERR_STATE;
            pthread_cond_broadcast(&p->changed);
        } else if (cimg_pipe_can_claim(p)) {
            cimg_pipe_filter(p, p->claimed++, scratch, converted);
        } else if (!p->threaded && !p->source_ended && cimg_pipe_room(p) > 0) {
            cimg_pipe_read(p, cimg_pipe_room(p));
        } else if (p->source_ended && p->filtered >= p->decoded) {
            /* nothing more will come, yet an output row still lacks input */
            if (p->status == CIMG_OK) p->status = CIMG_ERR_TRUNCATED;
        } else {
            pthread_cond_wait(&p->changed, &p->lock);
        }
    }
    /* let a waiting source thread see the end (on failure) */
    if (p->status != CIMG_OK) p->source_ended = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

cimg_status cimg_resize_pipeline(cimg_resizer *rs, int threads, uint32_t band_rows,
                                 cimg_row_source source, void *source_context,
                                 cimg_row_sink sink, void *sink_context) {
    return cimg_resize_pipeline_colour(rs, threads, band_rows, NULL, source, source_context, sink, sink_context);
}

cimg_status cimg_resize_pipeline_colour(cimg_resizer *rs, int threads, uint32_t band_rows, cimg_colour *colour,
                                        cimg_row_source source, void *source_context,
                                        cimg_row_sink sink, void *sink_context) {
    if (rs == NULL || source == NULL || sink == NULL) return CIMG_ERR_ARGUMENT;
    if (rs->rows_in != 0 || rs->rows_out != 0) return CIMG_ERR_STATE;
    if (band_rows == 0) band_rows = 16;
    if (band_rows > 256) band_rows = 256;
    cimg_pipe p;
    memset(&p, 0, sizeof p);
    p.rs = rs;
    p.source = source;
    p.source_context = source_context;
    p.sink = sink;
    p.sink_context = sink_context;
    p.colour = colour;
    p.threaded = threads >= 2;
    p.band = band_rows;
    p.in_rows = band_rows * 4;
    p.in_stride = (size_t)rs->in_w * (size_t)rs->channels;
    p.mid_rows = rs->v.real_taps + 2 * band_rows;
    p.status = CIMG_OK;
    p.in_ring = malloc(p.in_stride * p.in_rows);
    p.mid_ring = calloc(rs->mid_samples * p.mid_rows, sizeof(int16_t));
    p.mid_row_of = malloc(sizeof(uint32_t) * p.mid_rows);
    int16_t *scratch = calloc(rs->in_samples, sizeof(int16_t));
    const int16_t **vrows = malloc(sizeof(*vrows) * rs->v.taps);
    int32_t *acc = malloc(sizeof(int32_t) * (size_t)rs->out_w * (size_t)rs->channels);
    uint8_t *out = malloc((size_t)rs->out_w * (size_t)rs->channels * band_rows);
    uint8_t *converted = colour != NULL ? malloc(p.in_stride) : NULL;
    cimg_status status = CIMG_ERR_NOMEM;
    if (p.in_ring && p.mid_ring && p.mid_row_of && scratch && vrows && acc && out && (colour == NULL || converted)) {
        for (uint32_t i = 0; i < p.mid_rows; i++) p.mid_row_of[i] = UINT32_MAX;
        pthread_mutex_init(&p.lock, NULL);
        pthread_cond_init(&p.changed, NULL);
        pthread_t thread;
        int started = p.threaded && pthread_create(&thread, NULL, cimg_pipe_source_thread, &p) == 0;
        if (!started) p.threaded = 0;
        cimg_pipe_main(&p, scratch, converted, vrows, acc, out);
        if (started) pthread_join(thread, NULL);
        pthread_cond_destroy(&p.changed);
        pthread_mutex_destroy(&p.lock);
        status = p.status;
        if (status == CIMG_OK) {
            rs->rows_in = p.decoded;
            rs->rows_out = p.rows_out;
        }
    }
    free(p.in_ring);
    free(p.mid_ring);
    free(p.mid_row_of);
    free(scratch);
    free(vrows);
    free(acc);
    free(out);
    free(converted);
    return status;
}
