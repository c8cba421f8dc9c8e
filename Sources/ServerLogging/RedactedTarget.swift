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
            guard secretParameters.contains(name.lowercased()) else { return String(parameter) }
            return name + "=[REDACTED]"
        }
        return path + "?" + parameters.joined(separator: "&")
    }
}
