/// Finds a table header whose name does not start with a bare-key character or a quote (`[!x]`, `[é]`), before the
/// text reaches TOMLKit: its parser (toml++) asserts instead of reporting an error there, which would stop
/// `sundial serve` or `check-config` on a mistyped config file.
///
/// Scans once, tracking strings, comments and the brackets of values, so only real headers are checked: a `[` that
/// starts a line inside a multi-line array value is not a header.
enum TOMLHeaderCheck {
    /// The line and column (1-based, in characters) of the first bad header name, if any.
    static func firstBadHeader(_ text: String) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var valueDepth = 0  // open `[` and `{` of values
        var isLineStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                lineStart = index + 1
                isLineStart = true
                index += 1
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                index = endOfString(scalars, from: index, line: &line, lineStart: &lineStart)
            case "[" where isLineStart && valueDepth == 0:
                var name = index + 1
                if name < scalars.count && scalars[name] == "[" { name += 1 }
                while name < scalars.count && (scalars[name] == " " || scalars[name] == "\t") { name += 1 }
                if name < scalars.count, !isKeyStart(scalars[name]), scalars[name] != "]" {
                    return (line, name - lineStart + 1)
                }
                index = name
            case "[", "{":
                valueDepth += 1
                index += 1
            case "]", "}":
                valueDepth = max(0, valueDepth - 1)
                index += 1
            default:
                index += 1
            }
            isLineStart = false
        }
        return nil
    }

    /// A bare-key character (TOML 1.0: ASCII letters, digits, `-`, `_`) or a quote.
    private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_\"'".unicodeScalars.contains(scalar))
    }

    /// The index after the string starting at `start` (basic, literal, or either multi-line form), counting lines.
    private static func endOfString(_ scalars: [Unicode.Scalar], from start: Int, line: inout Int, lineStart: inout Int) -> Int {
        let quote = scalars[start]
        let isMultiline = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (isMultiline ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" && quote == "\"" {
                index += 2
                continue
            }
            if scalar == "\n" {
                guard isMultiline else { return index }  // an unterminated string: TOMLKit reports it
                line += 1
                lineStart = index + 1
            }
            if scalar == quote {
                if !isMultiline { return index + 1 }
                if index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote { return index + 3 }
            }
            index += 1
        }
        return index
    }
}
