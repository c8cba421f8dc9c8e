/// The regexes of one statement's WHERE clause, each compiled once however many series and rows it is tested on.
/// A statement runs on one task, so the cache needs no lock.
final class PatternCache {
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        if let regex = compiled[pattern] { return regex }
        let regex = try Regex(pattern)
        compiled[pattern] = regex
        return regex
    }
}
