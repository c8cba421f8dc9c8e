#include "SnappyBridge.h"

#include <limits.h>
#include <snappy-c.h>

long snappy_bridge_uncompressed_length(const char *input, size_t length) {
    size_t result = 0;
    if (snappy_uncompressed_length(input, length, &result) != SNAPPY_OK || result > LONG_MAX) return -1;
    return (long)result;
}

long snappy_bridge_uncompress(const char *input, size_t length, char *output, size_t capacity) {
    size_t written = capacity;
    if (snappy_uncompress(input, length, output, &written) != SNAPPY_OK || written > LONG_MAX) return -1;
    return (long)written;
}

size_t snappy_bridge_max_compressed_length(size_t length) { return snappy_max_compressed_length(length); }

long snappy_bridge_compress(const char *input, size_t length, char *output, size_t capacity) {
    size_t written = capacity;
    if (snappy_compress(input, length, output, &written) != SNAPPY_OK || written > LONG_MAX) return -1;
    return (long)written;
}
