/// Prints TICKscript in one canonical layout, as `kapacitor`'s formatter does: one statement per line group, each
/// `|node()` on its own line indented four spaces, each `.property()` under it indented eight, comments kept in
/// place, one space around operators. Formatting formatted text changes nothing.
public enum TickFormatter {
    public static func format(_ text: String) throws(TICKscriptError) -> String {
        format(try TickParser.parseProgram(text))
    }

    public static func format(_ program: TickProgram) -> String {
        var writer = TickFormatWriter(comments: program.comments)
        for (index, statement) in program.statements.enumerated() {
            let start = statement.position
            writer.flushComments(before: start.offset, indent: 0)
            writer.keepBlankLine(before: start.line)
            writer.write(statement)
            writer.lastSourceLine = program.statementEndLines[index]
        }
        writer.flushComments(before: Int.max, indent: 0)
        return writer.output
    }
}

/// The formatter's output and the comments not yet written.
struct TickFormatWriter {
    var output = ""
    private let comments: [TickComment]
    private var nextComment = 0

    init(comments: [TickComment]) {
        self.comments = comments
    }

    /// The last script line written at the top level, to keep one blank line where the script had one or more.
    var lastSourceLine: Int?

    mutating func keepBlankLine(before line: Int) {
        if let last = lastSourceLine, line - last > 1 { output += "\n" }
        lastSourceLine = line
    }

    /// Writes, each on its own line, the comments that start before `offset`.
    mutating func flushComments(before offset: Int, indent: Int) {
        while nextComment < comments.count, comments[nextComment].position.offset < offset {
            if indent == 0 { keepBlankLine(before: comments[nextComment].position.line) }
            let text = comments[nextComment].text
            let trimmed = text.hasPrefix(" ") || text.isEmpty ? text : " " + text
            output += String(repeating: " ", count: indent) + "//" + trimmed.trimmingTrailingSpaces + "\n"
            nextComment += 1
        }
    }

    mutating func write(_ statement: TickStatement) {
        switch statement {
        case .variable(let name, let value, _):
            output += "var \(name) = "
            writeTopLevel(value)
        case .templateVariable(let name, let type, _):
            output += "var \(name) \(type.rawValue)\n"
        case .dbrp(let database, let policy, _):
            output += "dbrp \(TickLiteral.reference(database)).\(TickLiteral.reference(policy))\n"
        case .expression(let expression):
            writeTopLevel(expression)
        }
    }

    /// A chain gets one line per link; anything else one line.
    private mutating func writeTopLevel(_ expression: TickExpression) {
        let (base, links) = expression.chainLinks
        output += TickExpressionPrinter.print(base)
        var sawNode = false
        for link in links {
            let indent = link.op == .property && sawNode ? 8 : 4
            if link.op != .property { sawNode = true }
            output += "\n"
            flushComments(before: link.position.offset, indent: indent)
            output += String(repeating: " ", count: indent) + TickExpressionPrinter.print(link)
        }
        output += "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}

extension TickFormatter {
    /// One expression as canonical single-line text (a lambda's body, a var's value).
    public static func expressionText(_ expression: TickExpression) -> String {
        TickExpressionPrinter.print(expression)
    }
}
