/// Finds the line of each key and section header in TOML text, because TOMLKit reports positions only for
/// syntax errors and a user needs `line 7:` on every config message.
///
/// It runs only on text TOMLKit already accepted, so it can be a line scanner: it tracks the current section
/// (`[http]`, the n-th `[[influxdb]]`, or a sub-table like `[influxdb.subscriptions]`) and skips the inside of
/// multi-line strings and arrays.
struct TOMLKeyLocator {
    /// Where a key sits: section name ("" for the top level), element index for arrays of tables, key name.
    struct Location: Hashable {
        let section: String
        let index: Int
        let key: String
    }

    private var keyLines: [Location: Int] = [:]
    private var headerLines: [String: [Int]] = [:]

    init(source: String) {
        var scanner = LineState()
        var section = ""
        var elementCounts: [String: Int] = [:]
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let startsInsideValue = scanner.isInsideValue
            scanner.consume(rawLine)
            if startsInsideValue { continue }
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                section = Self.headerName(line.dropFirst(2))
                elementCounts[section, default: 0] += 1
                headerLines[section, default: []].append(lineNumber)
            } else if line.hasPrefix("[") {
                let name = Self.headerName(line.dropFirst())
                headerLines[name, default: []].append(lineNumber)
                if let dot = name.firstIndex(of: "."), elementCounts[String(name[..<dot])] != nil {
                    // A sub-table of the current array element is that element's key (`subscriptions`).
                    let parent = String(name[..<dot])
                    let key = String(name[name.index(after: dot)...])
                    record(Location(section: parent, index: elementCounts[parent]! - 1, key: key), lineNumber)
                }
                section = name
            } else if let key = Self.keyName(line) {
                record(Location(section: section, index: max(0, (elementCounts[section] ?? 1) - 1), key: key), lineNumber)
            }
        }
    }

    /// The line of `key` in a section (or in the `index`-th element of an array section).
    func line(section: String, index: Int, key: String) -> Int? {
        keyLines[Location(section: section, index: index, key: key)]
    }

    /// The line of a section's header; for arrays of tables, of its `index`-th header.
    func headerLine(section: String, index: Int) -> Int? {
        guard let lines = headerLines[section], index < lines.count else { return nil }
        return lines[index]
    }

    private mutating func record(_ location: Location, _ line: Int) {
        if keyLines[location] == nil { keyLines[location] = line }
    }

    /// The dotted name inside a header's brackets; names are bare or quoted keys, so the first `]` ends it.
    private static func headerName(_ text: Substring) -> String {
        let inside = text.prefix { $0 != "]" }
        return inside.split(separator: ".").map { unquoted($0.trimmingSpaces()) }.joined(separator: ".")
    }

    /// The first component of the key on a `key = value` line, or nil for blank lines and comments.
    private static func keyName(_ line: Substring) -> String? {
        guard let first = line.first, first != "#" else { return nil }
        if first == "\"" || first == "'" {
            guard let close = line.dropFirst().firstIndex(of: first) else { return nil }
            return String(line[line.index(after: line.startIndex)..<close])
        }
        let key = line.prefix { $0 != "=" && $0 != "." && $0 != " " && $0 != "\t" }
        return key.isEmpty ? nil : String(key)
    }

    private static func unquoted(_ text: Substring) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return String(text)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

/// Whether the scanner is inside a value that continues past the end of a line: a multi-line string, or an
/// array or inline table whose brackets are still open.
private struct LineState {
    enum StringState { case none, multiLineBasic, multiLineLiteral }
    var string = StringState.none
    var bracketDepth = 0

    var isInsideValue: Bool { string != .none || bracketDepth > 0 }

    mutating func consume(_ line: Substring) {
        var index = line.startIndex
        while index < line.endIndex {
            let rest = line[index...]
            switch string {
            case .multiLineBasic, .multiLineLiteral:
                let closing = string == .multiLineBasic ? "\"\"\"" : "'''"
                if string == .multiLineBasic && rest.first == "\\" {
                    index = line.index(index, offsetBy: 2, limitedBy: line.endIndex) ?? line.endIndex
                    continue
                }
                if rest.hasPrefix(closing) {
                    string = .none
                    index = line.index(index, offsetBy: 3)
                    continue
                }
            case .none:
                if rest.hasPrefix("\"\"\"") {
                    string = .multiLineBasic
                    index = line.index(index, offsetBy: 3)
                    continue
                }
                if rest.hasPrefix("'''") {
                    string = .multiLineLiteral
                    index = line.index(index, offsetBy: 3)
                    continue
                }
                switch rest.first! {
                case "#": return
                case "\"", "'":
                    index = Self.endOfSingleLineString(line, from: index)
                    continue
                case "[", "{": bracketDepth += 1
                case "]", "}": bracketDepth = max(0, bracketDepth - 1)
                default: break
                }
            }
            index = line.index(after: index)
        }
    }

    private static func endOfSingleLineString(_ line: Substring, from start: Substring.Index) -> Substring.Index {
        let quote = line[start]
        var index = line.index(after: start)
        while index < line.endIndex {
            if quote == "\"" && line[index] == "\\" {
                index = line.index(index, offsetBy: 2, limitedBy: line.endIndex) ?? line.endIndex
                continue
            }
            if line[index] == quote { return line.index(after: index) }
            index = line.index(after: index)
        }
        return line.endIndex
    }
}
