import Foundation

/// `{{ .NAME }}` placeholders in a resource file, filled from the environment before the JSON is read. Values are
/// JSON-escaped (they stand inside JSON strings), not HTML-escaped as Chronograf's `html/template` does, so a
/// password with `&` or `+` arrives as it was set.
enum EnvironmentTemplate {
    struct MissingVariable: Error, CustomStringConvertible {
        let name: String
        var description: String { "environment variable \(name) is not set" }
    }

    static func fill(_ text: String, environment: [String: String]) throws(MissingVariable) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard inside.hasPrefix("."), inside.count > 1 else {
                output += rest[open.lowerBound..<close.upperBound]
                rest = rest[close.upperBound...]
                continue
            }
            let name = String(inside.dropFirst())
            guard let value = environment[name] else { throw MissingVariable(name: name) }
            output += escape(value)
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The value as it must appear inside a JSON string.
    private static func escape(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let quoted = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return String(quoted.dropFirst().dropLast())
    }
}
