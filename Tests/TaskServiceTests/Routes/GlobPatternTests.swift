import Testing

@testable import TaskService

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("cpu_alert", "cpu*", true), ("cpu_alert", "*alert", true), ("cpu_alert", "c?u_*", true), ("cpu_alert", "mem*", false),
        ("cpu", "[a-c]pu", true), ("dpu", "[a-c]pu", false), ("dpu", "[!a-c]pu", true), ("a*b", "a\\*b", true),
        ("", "*", true), ("x", "", false), ("abc", "a*b*c*", true), ("abc", "a*d", false),
    ])
    func matchesAsGoFilepathMatchDoes(_ id: String, _ pattern: String, _ expected: Bool) {
        #expect(GlobPattern.matches(id, pattern: pattern) == expected)
    }

    @Test func aBackwardsRangeMatchesNothingInsteadOfTrapping() {
        #expect(!GlobPattern.matches("m", pattern: "[z-a]"))
        #expect(GlobPattern.matches("m", pattern: "[!z-a]"))
    }

    @Test func aLongIdAndManyStarsNeedNoRecursion() {
        let id = String(repeating: "a", count: 5_000)
        let pattern = String(repeating: "*a", count: 500) + "b"
        #expect(!GlobPattern.matches(id, pattern: pattern))
        #expect(GlobPattern.matches(id + "b", pattern: pattern))
    }
}
