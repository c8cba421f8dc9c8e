import Foundation

/// An alert `.id()`, `.message()` or `.details()` template: the part of Go's text/template that alert templates
/// use — text, `{{ .Field.Sub }}`, `{{ index .Tags "host" }}`, `printf`, `json`/`jsonCompact`, `eq`/`ne`, pipes
/// (`|`), `{{ if … }}…{{ else }}…{{ end }}`, `{{ range … }}…{{ else }}…{{ end }}` (the dot set to each element;
/// httppost row templates range over `.Values`) and the trim markers `{{-`/`-}}`. Parsed once when the task starts; a
/// template outside that part is an error then, as is one nested deeper than `maximumDepth`.
public struct AlertTemplate: Sendable {
    private indirect enum Piece: Sendable {
        case text(String)
        case action([Command])
        case conditional([Command], then: [Piece], otherwise: [Piece])
        case loop([Command], body: [Piece], otherwise: [Piece])
    }

    /// How deep `if` and `range` may nest: parsing and rendering recurse once per level, and a template comes from
    /// whoever may define a task.
    static let maximumDepth = 64

    /// What the scanner finds: text, an action, or the keywords that shape conditionals.
    private enum Token {
        case text(String)
        case action([Command])
        case ifAction([Command])
        case rangeAction([Command])
        case elseAction
        case endAction
    }

    private struct Command: Sendable {
        var words: [Word]
    }

    private enum Word: Sendable {
        case path([String])
        case identifier(String)
        case literal(TemplateValue)
    }

    private let pieces: [Piece]
    /// html/template (`.details()`): what actions print is HTML-escaped.
    private let escapesHTML: Bool

    public init(_ source: String, escapesHTML: Bool = false) throws(AlertTemplateError) {
        self.escapesHTML = escapesHTML
        var tokens = try Self.scan(source)[...]
        pieces = try Self.build(&tokens, depth: 0).pieces
        guard tokens.isEmpty else { throw AlertTemplateError("unexpected {{end}} or {{else}}") }
    }

    /// Text printed as it is, whatever braces it holds.
    public static func literal(_ text: String) -> AlertTemplate {
        AlertTemplate(pieces: [.text(text)])
    }

    private init(pieces: [Piece]) {
        self.pieces = pieces
        escapesHTML = false
    }

    /// The template applied to `data`; an error names what could not be printed.
    public func render(_ data: TemplateValue) throws(AlertTemplateError) -> String {
        var output = ""
        try render(pieces, data, into: &output)
        return output
    }

    private func render(_ pieces: [Piece], _ data: TemplateValue, into output: inout String) throws(AlertTemplateError) {
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .action(let commands):
                let printed = try evaluate(commands, data: data).printed
                output += escapesHTML ? Self.escapeHTML(printed) : printed
            case .conditional(let condition, let then, let otherwise):
                try render(try evaluate(condition, data: data).isTrue ? then : otherwise, data, into: &output)
            case .loop(let pipeline, let body, let otherwise):
                let elements = try Self.elements(of: try evaluate(pipeline, data: data))
                if elements.isEmpty { try render(otherwise, data, into: &output) }
                for element in elements { try render(body, element, into: &output) }
            }
        }
    }

    private func evaluate(_ commands: [Command], data: TemplateValue) throws(AlertTemplateError) -> TemplateValue {
        var value: TemplateValue? = nil
        for command in commands { value = try run(command, data: data, piped: value) }
        return value ?? .null
    }

    private func run(_ command: Command, data: TemplateValue, piped: TemplateValue?) throws(AlertTemplateError) -> TemplateValue {
        guard let head = command.words.first else { throw AlertTemplateError("empty command") }
        var arguments: [TemplateValue] = []
        for word in command.words.dropFirst() { arguments.append(try evaluate(word, data: data)) }
        if let piped { arguments.append(piped) }
        guard case .identifier(let function) = head else {
            guard arguments.isEmpty else { throw AlertTemplateError("can't give argument to non-function") }
            return try evaluate(head, data: data)
        }
        return try TemplateFunctions.call(function, arguments)
    }

    private func evaluate(_ word: Word, data: TemplateValue) throws(AlertTemplateError) -> TemplateValue {
        switch word {
        case .literal(let value): return value
        case .identifier(let name): return try TemplateFunctions.call(name, [])
        case .path(let names):
            var value = data
            for name in names {
                guard let member = value.member(name) else {
                    if case .map = value { return .null }
                    throw AlertTemplateError("can't evaluate field \(name)")
                }
                value = member
            }
            return value
        }
    }

    static func escapeHTML(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&#34;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    // MARK: Parsing

    /// Text and actions in order, with trim markers applied.
    private static func scan(_ source: String) throws(AlertTemplateError) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            var text = String(rest[..<open.lowerBound])
            rest = rest[open.upperBound...]
            if rest.hasPrefix("- ") || rest.hasPrefix("-\t") || rest.hasPrefix("-\n") {
                while text.last?.isWhitespace == true { text.removeLast() }
                rest = rest.dropFirst()
            }
            if !text.isEmpty { tokens.append(.text(text)) }
            guard let close = rest.firstRange(of: "}}") else { throw AlertTemplateError("unclosed action") }
            var body = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            if body.hasSuffix(" -") || body.hasSuffix("\t-") || body.hasSuffix("\n-") {
                body = body.dropLast()
                rest = rest.drop { $0.isWhitespace }
            }
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("/*") { continue }
            switch trimmed {
            case "else": tokens.append(.elseAction)
            case "end": tokens.append(.endAction)
            default:
                if trimmed.hasPrefix("if ") {
                    tokens.append(.ifAction(try parseAction(String(trimmed.dropFirst(3)))))
                } else if trimmed.hasPrefix("range ") {
                    tokens.append(.rangeAction(try parseAction(String(trimmed.dropFirst(6)))))
                } else {
                    tokens.append(.action(try parseAction(trimmed)))
                }
            }
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    /// Pieces up to the end of the input, or (at `depth` > 0, inside an `if` or `range`) up to its `else` or `end`,
    /// which is consumed and returned.
    private static func build(_ tokens: inout ArraySlice<Token>, depth: Int) throws(AlertTemplateError) -> (
        pieces: [Piece], closer: Token?
    ) {
        guard depth <= maximumDepth else { throw AlertTemplateError("if and range nested deeper than \(maximumDepth)") }
        let inside = depth > 0
        var pieces: [Piece] = []
        while let token = tokens.first {
            tokens = tokens.dropFirst()
            switch token {
            case .text(let text): pieces.append(.text(text))
            case .action(let commands): pieces.append(.action(commands))
            case .elseAction, .endAction:
                guard inside else { throw AlertTemplateError("unexpected {{else}} or {{end}}") }
                return (pieces, token)
            case .ifAction(let condition):
                let (then, otherwise) = try branches(&tokens, depth: depth)
                pieces.append(.conditional(condition, then: then, otherwise: otherwise))
            case .rangeAction(let pipeline):
                let (body, otherwise) = try branches(&tokens, depth: depth)
                pieces.append(.loop(pipeline, body: body, otherwise: otherwise))
            }
        }
        guard !inside else { throw AlertTemplateError("{{if}} without {{end}}") }
        return (pieces, nil)
    }

    /// The pieces of an `if` or `range` up to its `else` and from there to its `end`.
    private static func branches(_ tokens: inout ArraySlice<Token>, depth: Int) throws(AlertTemplateError) -> ([Piece], [Piece]) {
        let (first, closer) = try build(&tokens, depth: depth + 1)
        guard case .elseAction? = closer else { return (first, []) }
        let (second, end) = try build(&tokens, depth: depth + 1)
        guard case .endAction? = end else { throw AlertTemplateError("{{else}} without {{end}}") }
        return (first, second)
    }

    /// What `range` visits: a list's elements, a map's values by sorted key (as Go), nothing for no value.
    private static func elements(of value: TemplateValue) throws(AlertTemplateError) -> [TemplateValue] {
        switch value {
        case .list(let items): return items
        case .map(let entries): return entries.keys.sorted().map { entries[$0]! }
        case .null: return []
        default: throw AlertTemplateError("range can't iterate over \(value.printed)")
        }
    }

    private static func parseAction(_ text: String) throws(AlertTemplateError) -> [Command] {
        var commands: [Command] = [Command(words: [])]
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character == "|" {
                commands.append(Command(words: []))
                index = text.index(after: index)
            } else if character == "\"" || character == "`" {
                let (value, next) = try quoted(text, from: index)
                commands[commands.count - 1].words.append(.literal(.string(value)))
                index = next
            } else {
                let end = text[index...].firstIndex { $0.isWhitespace || $0 == "|" } ?? text.endIndex
                commands[commands.count - 1].words.append(try word(String(text[index..<end])))
                index = end
            }
        }
        guard commands.allSatisfy({ !$0.words.isEmpty }) else { throw AlertTemplateError("missing value for command in \"\(text)\"") }
        return commands
    }

    private static func word(_ token: String) throws(AlertTemplateError) -> Word {
        if token == "." { return .path([]) }
        if token.hasPrefix(".") { return .path(token.dropFirst().split(separator: ".").map(String.init)) }
        if let integer = Int64(token) { return .literal(.int(integer)) }
        if let number = Double(token) { return .literal(.float(number)) }
        if token == "true" || token == "false" { return .literal(.bool(token == "true")) }
        guard TemplateFunctions.names.contains(token) else { throw AlertTemplateError("function \"\(token)\" not defined") }
        return .identifier(token)
    }

    private static func quoted(_ text: String, from start: String.Index) throws(AlertTemplateError) -> (String, String.Index) {
        let delimiter = text[start]
        var value = ""
        var index = text.index(after: start)
        while index < text.endIndex {
            let character = text[index]
            if character == delimiter { return (value, text.index(after: index)) }
            if character == "\\" && delimiter == "\"", text.index(after: index) < text.endIndex {
                index = text.index(after: index)
                let escaped = text[index]
                value.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        throw AlertTemplateError("unterminated quoted string")
    }
}

/// A template that does not parse or cannot be applied, with Go's wording where it has one.
public struct AlertTemplateError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
