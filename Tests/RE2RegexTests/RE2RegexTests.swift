import RE2Regex
import Testing

@Suite struct RE2RegexTests {
    @Test(arguments: [
        ("cpu.*", "cpu_total", true), ("^cpu$", "cpu_total", false), ("(?i)CPU", "cpu", true), ("a|b", "xxbxx", true),
        ("\\d+", "abc", false), ("^$", "", true), ("é.", "éa", true), ("(?P<host>web\\d)", "web3", true),
    ])
    func matchesAnywhereAsGosMatchString(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try RE2Regex(pattern).matches(text) == expected)
    }

    @Test func catastrophicPatternsRunInLinearTime() throws {
        // A backtracking engine needs about 2^n steps for these; RE2 answers at once (no timing: the count of
        // steps is what the test would otherwise hang on).
        let regex = try RE2Regex("^(a+)+$")
        #expect(!regex.matches(String(repeating: "a", count: 5_000) + "!"))
        #expect(try !RE2Regex("(a*)*b").matches(String(repeating: "a", count: 5_000)))
    }

    @Test(arguments: [
        ("(a", "error parsing regexp: missing closing ): `(a`"), ("a)", "error parsing regexp: unexpected ): `a)`"),
        ("[a", "error parsing regexp: missing closing ]: `[a`"), ("a**", "error parsing regexp: invalid nested repetition operator: `**`"),
        ("x{2,1}", "error parsing regexp: invalid repeat count: `{2,1}`"),
        ("\\", "error parsing regexp: trailing backslash at end of expression: ``"),
        ("(?<n>a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?<`"),
    ])
    func compileErrorsUseGosWords(_ pattern: String, _ message: String) {
        #expect(throws: (any Error).self) { try RE2Regex(pattern) }
        do {
            _ = try RE2Regex(pattern)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        ("a(x*)b", "-ab-axxb-", "T", "-T-T-"), ("a(x*)b", "-ab-axxb-", "$1", "--xx-"), ("a(x*)b", "-ab-axxb-", "$1W", "---"),
        ("a(x*)b", "-ab-axxb-", "${1}W", "-W-xxW-"), ("a(?P<x>x*)b", "-axxb-", "[${x}]", "-[xx]-"), ("x*", "abc", "-", "-a-b-c-"),
        ("a+", "baaac", "$$", "b$c"), ("(a)", "a", "$2", ""), ("b", "abc", "$", "a$c"), ("é", "aéb", "<$0>", "a<é>b"),
    ])
    func replacesAllAsGosReplaceAllString(_ pattern: String, _ text: String, _ template: String, _ expected: String) throws {
        #expect(try RE2Regex(pattern).replacingAll(in: text, with: template) == expected)
    }
}
