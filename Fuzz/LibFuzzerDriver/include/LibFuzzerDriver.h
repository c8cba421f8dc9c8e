// libFuzzer's entry for programs that have their own main (SwiftPM executables do): runs the fuzzing loop.
#ifndef SUNDIAL_LIBFUZZER_DRIVER_H
#define SUNDIAL_LIBFUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
