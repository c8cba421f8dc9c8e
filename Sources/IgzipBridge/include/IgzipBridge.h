// A gzip stream compressed with Intel's ISA-L (Debian's libisal-dev), level 1: several times faster than zlib's
// fastest level at a similar size, which keeps compressed query answers within a few percent of plain ones.
#ifndef IGZIP_BRIDGE_H
#define IGZIP_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct igzip_bridge_stream igzip_bridge_stream;

/// A new stream (one gzip member), or NULL when memory is short. Free it with igzip_bridge_free.
igzip_bridge_stream *igzip_bridge_new(void);

/// Starts a new gzip member on a stream that finished or was abandoned.
void igzip_bridge_reset(igzip_bridge_stream *stream);

void igzip_bridge_free(igzip_bridge_stream *stream);

/// The most bytes igzip_bridge_compress can write for `input_length` bytes of input.
size_t igzip_bridge_bound(size_t input_length);

/// Compresses `input` and flushes it (sync flush), or, when `last` is non-zero, ends the member (trailer written).
/// `output` must hold igzip_bridge_bound(input_length) bytes. Returns the bytes written, or -1 on failure.
long igzip_bridge_compress(
    igzip_bridge_stream *stream, const uint8_t *input, size_t input_length, int last, uint8_t *output,
    size_t output_capacity);

#endif
