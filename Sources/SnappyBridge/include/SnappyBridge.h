// Snappy's block format (Debian's libsnappy-dev), as Prometheus' remote write and read bodies use it.
#ifndef SNAPPY_BRIDGE_H
#define SNAPPY_BRIDGE_H

#include <stddef.h>

/// The length `input` says it uncompresses to, or -1 when its header is not valid.
long snappy_bridge_uncompressed_length(const char *input, size_t length);

/// Uncompresses into `output` (which must hold the length above); the bytes written, or -1.
long snappy_bridge_uncompress(const char *input, size_t length, char *output, size_t capacity);

/// The most bytes compressing `length` bytes can make.
size_t snappy_bridge_max_compressed_length(size_t length);

/// Compresses into `output` (which must hold the bound above); the bytes written, or -1.
long snappy_bridge_compress(const char *input, size_t length, char *output, size_t capacity);

#endif
