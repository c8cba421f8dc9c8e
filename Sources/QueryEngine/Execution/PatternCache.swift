import RE2Regex

/// The regexes of one statement's WHERE clause, each compiled once however many series and rows it is tested on.
/// A statement runs on one task, so the cache needs no lock.
final class PatternCache {
    private var compiled: [String: RE2Regex] = [:]

    func regex(_ pattern: String) throws -> RE2Regex {
        if let regex = compiled[pattern] { return regex }
        let regex = try RE2Regex(pattern)
        compiled[pattern] = regex
        return regex
    }
}
