/// Prints expressions and SELECT statements back as InfluxDB 1.x's `String()` methods do; InfluxDB quotes them in
/// messages (`not authorized to execute statement 'SELECT v FROM cpu'`).
enum ExpressionPrinter {
    static func print(_ expression: Expression) -> String {
        switch expression {
        case .variable(let reference): return variable(reference)
        case .call(let name, let arguments): return "\(name)(\(arguments.map(print).joined(separator: ", ")))"
        case .binary(let op, let left, let right): return "\(print(left)) \(op.rawValue) \(print(right))"
        case .parenthesized(let inner): return "(\(print(inner)))"
        case .integer(let value): return String(value)
        case .unsigned(let value): return String(value)
        case .number(let value): return number(value)
        case .string(let value): return quoteString(value)
        case .boolean(let value): return value ? "true" : "false"
        case .duration(let nanoseconds): return DurationLiteral.format(nanoseconds: nanoseconds)
        case .regex(let pattern): return regex(pattern)
        case .wildcard(let cast): return "*" + (cast.map { "::\($0.rawValue)" } ?? "")
        }
    }

    static func variable(_ reference: VariableReference) -> String {
        StatementPrinter.quote(reference.name) + (reference.cast.map { "::\($0.rawValue)" } ?? "")
    }

    /// Three decimals, as InfluxDB 1.x prints number literals (`strconv.FormatFloat(v, 'f', 3, 64)`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        guard abs(value) < 9e12 else { return "\(value)" }
        let thousandths = Int64((abs(value) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return (value < 0 && thousandths != 0 ? "-" : "") + "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count)
            + fraction
    }

    static func quoteString(_ value: String) -> String {
        StatementPrinter.enclose(value, in: "'")
    }

    static func regex(_ pattern: String) -> String {
        "/" + pattern.map { $0 == "/" ? "\\/" : String($0) }.joined() + "/"
    }

    static func source(_ source: MeasurementSource) -> String {
        if let subquery = source.subquery { return "(" + select(subquery.statement) + ")" }
        var text = ""
        if let database = source.database { text += StatementPrinter.quote(database) + "." }
        if let policy = source.retentionPolicy { text += StatementPrinter.quote(policy) }
        if source.database != nil || source.retentionPolicy != nil { text += "." }
        if let name = source.name {
            text += StatementPrinter.quote(name)
        } else if let pattern = source.regex {
            text += regex(pattern)
        }
        return text
    }

    static func select(_ select: SelectStatement) -> String {
        var text = "SELECT " + select.fields.map(field).joined(separator: ", ")
        if let target = select.target {
            text +=
                " INTO " + source(target)
                + (target.name == nil ? (target.database != nil || target.retentionPolicy != nil ? "" : ".") + ":MEASUREMENT" : "")
        }
        if !select.sources.isEmpty { text += " FROM " + select.sources.map(source).joined(separator: ", ") }
        if let condition = select.condition { text += " WHERE " + print(condition) }
        if !select.dimensions.isEmpty { text += " GROUP BY " + select.dimensions.map(dimension).joined(separator: ", ") }
        switch select.fill {
        case .null: break
        case .none: text += " fill(none)"
        case .previous: text += " fill(previous)"
        case .linear: text += " fill(linear)"
        case .value(let value): text += " fill(\(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"))"
        }
        if select.isDescending { text += " ORDER BY time DESC" }
        if let limit = select.limit, limit > 0 { text += " LIMIT \(limit)" }
        if let offset = select.offset, offset > 0 { text += " OFFSET \(offset)" }
        if let limit = select.seriesLimit, limit > 0 { text += " SLIMIT \(limit)" }
        if let offset = select.seriesOffset, offset > 0 { text += " SOFFSET \(offset)" }
        if let timezone = select.timezone { text += " TZ('\(timezone)')" }
        return text
    }

    private static func field(_ field: SelectStatement.Field) -> String {
        print(field.expression) + (field.alias.map { " AS " + StatementPrinter.quote($0) } ?? "")
    }

    private static func dimension(_ dimension: SelectStatement.Dimension) -> String {
        switch dimension {
        case .time(let interval, let offset):
            let size = DurationLiteral.format(nanoseconds: interval)
            return offset == 0 ? "time(\(size))" : "time(\(size), \(DurationLiteral.format(nanoseconds: offset)))"
        case .tag(let name): return StatementPrinter.quote(name)
        case .wildcard: return "*"
        case .regex(let pattern): return regex(pattern)
        }
    }
}
