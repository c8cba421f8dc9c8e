import RE2Bridge

#if canImport(Glibc)
    import Glibc
#endif

/// A regular expression in Go's syntax (InfluxQL's `=~ /…/`, TICKscript's `=~ /…/` and `regex` values), compiled by
/// RE2 and matched in time linear in the text: no pattern a client sends can backtrack exponentially, as
/// `/^(a+)+$/` does in a backtracking engine.
public final class RE2Regex: Sendable {
    // RE2 objects are immutable once compiled and documented as safe to share between threads.
    nonisolated(unsafe) let compiled: OpaquePointer
    public let pattern: String
    /// How many capturing groups the pattern has.
    public let groupCount: Int

    /// Compiles `pattern`; a pattern RE2 (and so Go) refuses throws Go's message for it.
    public init(_ pattern: String) throws(RE2RegexError) {
        var code: Int32 = 0
        var argument: UnsafeMutablePointer<CChar>?
        var text = pattern
        let compiled = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { sundial_re2_compile($0.baseAddress, $0.count, &code, &argument) }
        }
        guard let compiled else {
            let fragment = argument.map { String(cString: $0) } ?? pattern
            free(argument)
            throw RE2RegexError(code: Int(code), fragment: fragment)
        }
        self.compiled = compiled
        self.pattern = pattern
        groupCount = Int(sundial_re2_group_count(compiled))
    }

    deinit {
        sundial_re2_free(compiled)
    }

    /// Whether `text` contains a match anywhere (Go's `MatchString`).
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { sundial_re2_partial_match(compiled, $0.baseAddress, $0.count) != 0 }
        }
    }
}

/// A pattern that does not compile, in Go's words: ``error parsing regexp: missing closing ): `(a` ``.
public struct RE2RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Go's name for the problem (`missing closing )`).
    public let reason: String
    /// The part of the pattern the problem is in.
    public let fragment: String

    init(code: Int, fragment: String) {
        // RE2's error codes in order (re2.h `RE2::ErrorCode`), with the text Go's regexp/syntax gives each.
        let reasons = [
            "regexp/syntax: internal error", "regexp/syntax: internal error", "invalid escape sequence", "invalid character class",
            "invalid character class range", "missing closing ]", "missing closing )", "unexpected )",
            "trailing backslash at end of expression", "missing argument to repetition operator", "invalid repeat count",
            "invalid nested repetition operator", "invalid or unsupported Perl syntax", "invalid UTF-8", "invalid named capture",
            "expression too large",
        ]
        reason = reasons.indices.contains(code) ? reasons[code] : "regexp/syntax: internal error"
        self.fragment = fragment
    }

    public var description: String { "error parsing regexp: \(reason): `\(fragment)`" }
}
