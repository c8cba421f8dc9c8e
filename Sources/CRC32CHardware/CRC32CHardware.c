// The CRC32 instruction computes CRC-32C eight bytes per instruction, several times faster than any table-driven
// loop; TSM block reads checksum every block they decode, so this is on the query path. Swift cannot emit the
// instruction itself, hence this one small C file. Only the instruction lives here: the checksum's definition,
// and the portable fallback, are in WriteAheadLog/CRC32C.swift.
#include "CRC32CHardware.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int sundial_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

__attribute__((target("sse4.2")))
uint32_t sundial_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = bytes;
    uint64_t wide = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, next, sizeof word);  // unaligned load
        wide = _mm_crc32_u64(wide, word);
        next += 8;
        count -= 8;
    }
    uint32_t narrow = (uint32_t)wide;
    while (count > 0) {
        narrow = _mm_crc32_u8(narrow, *next);
        next += 1;
        count -= 1;
    }
    return narrow;
}

#else

int sundial_crc32c_hardware_available(void) { return 0; }

uint32_t sundial_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
