// A C interface to RE2 for Swift: compile a pattern once, match texts against it in linear time.
#ifndef SUNDIAL_RE2_BRIDGE_H
#define SUNDIAL_RE2_BRIDGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled pattern; immutable after compilation and safe to match from several threads at once.
typedef struct sundial_re2 sundial_re2;

/// Compiles `pattern` (UTF-8, `length` bytes). On failure returns NULL and sets `*error_code` to RE2's error code
/// and `*error_argument` to a malloc'd copy of the offending part of the pattern (the caller frees it).
sundial_re2 *sundial_re2_compile(const char *pattern, size_t length, int *error_code, char **error_argument);

/// 1 if `text` (UTF-8, `length` bytes) contains a match anywhere, else 0.
int sundial_re2_partial_match(const sundial_re2 *regex, const char *text, size_t length);

/// The number of capturing groups.
int sundial_re2_group_count(const sundial_re2 *regex);

/// The number of the group named `name` (NUL-terminated), or -1.
int sundial_re2_named_group(const sundial_re2 *regex, const char *name);

/// Finds the leftmost match in `text` at or after byte `start` (the text before it still counts as context for `^`
/// and `\b`). Returns 1 and fills `offsets` with `2 * (group_count + 1)` byte offsets (start and end of the match,
/// then of each group; -1 for a group that did not take part), or returns 0 when there is no match.
int sundial_re2_match(
    const sundial_re2 *regex, const char *text, size_t length, size_t start, long *offsets, int group_count);

void sundial_re2_free(sundial_re2 *regex);

#ifdef __cplusplus
}
#endif

#endif
