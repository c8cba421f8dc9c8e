/// Finds, before the text reaches TOMLKit, the two mistakes its parser (toml++) asserts on instead of reporting,
/// which would stop `sundial serve` or `check-config` on a mistyped config file: a table header whose name does not
/// start with a bare-key character or a quote (`[!x]`, `[é]`), and a `}` where an array expects a value
/// (`urls = [}`). Both were found by fuzzing the config loader.
///
/// Scans once, tracking strings, comments and the brackets of values, so only real headers are checked: a `[` that
/// starts a line inside a multi-line array value is not a header.
enum TOMLPreflight {
    /// The line and column (1-based, in characters) of the first such mistake, and what it is.
    static func firstProblem(_ text: String) -> (line: Int, column: Int, message: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var openValues: [Unicode.Scalar] = []  // the `[` and `{` of values still open
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
            case "[" where isLineStart && openValues.isEmpty:
                var name = index + 1
                if name < scalars.count && scalars[name] == "[" { name += 1 }
                while name < scalars.count && (scalars[name] == " " || scalars[name] == "\t") { name += 1 }
                if name < scalars.count, !isKeyStart(scalars[name]), scalars[name] != "]" {
                    return (line, name - lineStart + 1, "invalid table name: it must start with a letter, a digit, '-', '_' or a quote")
                }
                index = name
            case "[", "{":
                openValues.append(scalar)
                index += 1
            case "}" where openValues.last == "[":
                return (line, index - lineStart + 1, "expected a value or ']' in the array, saw '}'")
            case "]", "}":
                if !openValues.isEmpty { openValues.removeLast() }
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
