import Foundation

/// Request targets as they may be logged: the values of credential parameters replaced by `[REDACTED]`.
///
/// InfluxDB 1.x clients send the password as `p=` in the query string and Chronograf-style tools may send
/// `password=` or `token=`; none of them may reach a log.
public enum RedactedTarget {
    /// Query parameter names whose values are secrets (compared case-insensitively).
    public static let secretParameters: Set<String> = ["p", "password", "token", "secret", "shared-secret", "api-key"]

    public static func redacting(_ target: String) -> String {
        guard let questionMark = target.firstIndex(of: "?") else { return target }
        let path = target[..<questionMark]
        let query = target[target.index(after: questionMark)...]
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "=") else { return String(parameter) }
            let name = parameter[..<equals]
            // Names are compared as the server reads them, decoded (`%70=` is `p=`); one that does not decode is
            // treated as a secret.
            guard let decoded = String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                return name + "=[REDACTED]"
            }
            if decoded == "q" { return name + "=" + redactingPasswords(inQuery: parameter[parameter.index(after: equals)...]) }
            guard secretParameters.contains(decoded.lowercased()) else { return String(parameter) }
            return name + "=[REDACTED]"
        }
        return path + "?" + parameters.joined(separator: "&")
    }

    /// `CREATE USER u WITH PASSWORD '…'`, `SET PASSWORD FOR u = '…'` and `'http://user:password@…'` in a
    /// (percent-encoded) InfluxQL query, with the password replaced, as InfluxDB sanitizes queries before logging.
    static func redactingPasswords(inQuery encoded: Substring) -> String {
        let query = String(encoded).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(encoded)
        guard query.range(of: "password", options: .caseInsensitive) != nil || query.contains("@") else { return String(encoded) }
        let redacted = query.replacing(passwordClause) { match in match.output.1 + "[REDACTED]" }
            .replacing(urlCredentials) { match in match.output.1 + "[REDACTED]@" }
        return redacted.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "+", "="])) ?? "[REDACTED]"
    }

    /// The password of `scheme://user:password@host` (subscription destinations).
    nonisolated(unsafe) private static let urlCredentials = #/([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s']*:)[^@/\s']*@/#

    /// `password` (and `for <user> =`), then the secret: a quoted string or a bare word.
    nonisolated(unsafe) private static let passwordClause =
        #/(?i)(password\s+(?:for\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s*=\s*)?)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)/#
}
