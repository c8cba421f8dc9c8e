#include "IgzipBridge.h"

#include <isa-l/igzip_lib.h>
#include <stdlib.h>

struct igzip_bridge_stream {
    struct isal_zstream zstream;
    uint8_t level_buffer[ISAL_DEF_LVL1_DEFAULT];
};

static void configure(igzip_bridge_stream *stream) {
    stream->zstream.level = 1;
    stream->zstream.level_buf = stream->level_buffer;
    stream->zstream.level_buf_size = sizeof(stream->level_buffer);
    stream->zstream.gzip_flag = IGZIP_GZIP;
}

igzip_bridge_stream *igzip_bridge_new(void) {
    igzip_bridge_stream *stream = malloc(sizeof(igzip_bridge_stream));
    if (stream == NULL) return NULL;
    isal_deflate_init(&stream->zstream);
    configure(stream);
    return stream;
}

void igzip_bridge_reset(igzip_bridge_stream *stream) {
    isal_deflate_reset(&stream->zstream);
    configure(stream);
}

void igzip_bridge_free(igzip_bridge_stream *stream) { free(stream); }

size_t igzip_bridge_bound(size_t input_length) {
    // Stored blocks at worst (5 bytes per 64 KiB), the gzip header and trailer, a sync flush's empty block.
    return input_length + 5 * (input_length / 65535 + 2) + 64;
}

long igzip_bridge_compress(
    igzip_bridge_stream *stream, const uint8_t *input, size_t input_length, int last, uint8_t *output,
    size_t output_capacity) {
    if (input_length > UINT32_MAX || output_capacity > UINT32_MAX) return -1;
    struct isal_zstream *z = &stream->zstream;
    z->next_in = (uint8_t *)input;
    z->avail_in = (uint32_t)input_length;
    z->next_out = output;
    z->avail_out = (uint32_t)output_capacity;
    z->end_of_stream = last ? 1 : 0;
    z->flush = SYNC_FLUSH;
    for (;;) {
        uint32_t in_before = z->avail_in, out_before = z->avail_out;
        if (isal_deflate(z) != COMP_OK) return -1;
        int finished = last ? z->internal_state.state == ZSTATE_END : z->avail_in == 0 && z->avail_out > 0;
        if (finished) break;
        // Out of room, or no progress: the bound was wrong; fail rather than loop.
        if (z->avail_out == 0 || (z->avail_in == in_before && z->avail_out == out_before)) return -1;
    }
    return (long)(output_capacity - z->avail_out);
}
