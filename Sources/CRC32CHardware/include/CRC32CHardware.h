#ifndef SUNDIAL_CRC32C_HARDWARE_H
#define SUNDIAL_CRC32C_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the SSE 4.2 CRC32 instruction (always 0 on other architectures).
int sundial_crc32c_hardware_available(void);

/// Continues a CRC-32C over `count` bytes with the CRC32 instruction. `crc` is the running value before the final
/// inversion (start with 0xFFFFFFFF, invert the result). Call only when `sundial_crc32c_hardware_available()`.
uint32_t sundial_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count);

#endif
