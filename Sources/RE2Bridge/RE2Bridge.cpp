#include "RE2Bridge.h"

#include <re2/re2.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

struct sundial_re2 {
    re2::RE2 regex;
    sundial_re2(re2::StringPiece pattern, const re2::RE2::Options &options) : regex(pattern, options) {}
};

extern "C" sundial_re2 *sundial_re2_compile(const char *pattern, size_t length, int *error_code, char **error_argument) {
    re2::RE2::Options options;
    options.set_log_errors(false);  // errors go back to the caller, never to the server's stderr
    auto *compiled = new (std::nothrow) sundial_re2(re2::StringPiece(pattern, length), options);
    if (compiled == nullptr) {
        *error_code = re2::RE2::ErrorPatternTooLarge;
        *error_argument = nullptr;
        return nullptr;
    }
    if (!compiled->regex.ok()) {
        *error_code = compiled->regex.error_code();
        const std::string &argument = compiled->regex.error_arg();
        *error_argument = static_cast<char *>(std::malloc(argument.size() + 1));
        if (*error_argument != nullptr) {
            std::memcpy(*error_argument, argument.data(), argument.size());
            (*error_argument)[argument.size()] = '\0';
        }
        delete compiled;
        return nullptr;
    }
    return compiled;
}

extern "C" int sundial_re2_partial_match(const sundial_re2 *regex, const char *text, size_t length) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, length), regex->regex) ? 1 : 0;
}

extern "C" void sundial_re2_free(sundial_re2 *regex) { delete regex; }

extern "C" int sundial_re2_group_count(const sundial_re2 *regex) { return regex->regex.NumberOfCapturingGroups(); }

extern "C" int sundial_re2_named_group(const sundial_re2 *regex, const char *name) {
    const auto &groups = regex->regex.NamedCapturingGroups();
    auto found = groups.find(name);
    return found == groups.end() ? -1 : found->second;
}

extern "C" int sundial_re2_match(
    const sundial_re2 *regex, const char *text, size_t length, size_t start, long *offsets, int group_count) {
    re2::StringPiece whole(text, length);
    std::vector<re2::StringPiece> groups(static_cast<size_t>(group_count) + 1);
    if (!regex->regex.Match(whole, start, length, re2::RE2::UNANCHORED, groups.data(), group_count + 1)) return 0;
    for (int index = 0; index <= group_count; index++) {
        const re2::StringPiece &group = groups[static_cast<size_t>(index)];
        offsets[2 * index] = group.data() == nullptr ? -1 : static_cast<long>(group.data() - text);
        offsets[2 * index + 1] = group.data() == nullptr ? -1 : static_cast<long>(group.data() - text + group.size());
    }
    return 1;
}
