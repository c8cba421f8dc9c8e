import InfluxQL
import RE2Regex
import TimeSeries

/// What a SELECT asks of one measurement: its output columns (wildcards expanded against the measurement's fields
/// and tags), whether it aggregates, and which fields must be read.
struct SelectPlan {
    enum Column: Equatable {
        /// A field or tag value as stored.
        case raw(String)
        /// A field or tag read through a cast its stored type cannot take (`f::string` of a float, `host::field` of
        /// a tag): InfluxDB reads no value, so the column is always null.
        case uncastable(String)
        /// `function(field)`, one value per time bucket; `argument` is percentile's P.
        case aggregate(function: String, field: String, argument: Double? = nil)
        /// `derivative(field[, unit])` and its kin over raw points.
        case transformation(Transformation)
        /// `top(field[, tag…], N)` or `bottom(…)`: the N greatest or least points, one per tag set when tags are given.
        case top(isTop: Bool, field: String, limit: Int, tags: [String])
        /// `sample(field, N)`: N points picked at random, in time order.
        case sample(field: String, limit: Int)
    }

    /// An output column: one of `columns` as computed, or an expression over them.
    enum Output: Equatable {
        case column(Int)
        case expression(FieldExpression)
    }

    static let aggregates: Set<String> = ["count", "distinct", "integral", "sum", "mean", "median", "mode", "spread", "stddev"]
    static let selectors: Set<String> = ["min", "max", "first", "last", "percentile"]

    /// The output columns' names, after `time`.
    var names: [String] = []
    var outputs: [Output] = []
    /// What the executor computes per row: the selected fields and functions, and those expressions use.
    var columns: [Column] = []
    var isAggregate: Bool { columns.contains(where: Self.isSelectorOrAggregate) }
    /// integral() rows exist only for windows with area: such a query is never filled.
    var hasIntegral: Bool { columns.contains { if case .aggregate("integral", _, _) = $0 { true } else { false } } }
    /// Rows are the selected points themselves: top()/bottom(), or one selector with fields or tags beside it.
    var selectsPoints: Bool {
        columns.contains(where: Self.picksPoints) || (isAggregate && columns.contains(where: Self.isFieldOrTag))
    }
    /// `distinct(field)`, the one function that answers several rows per bucket; it must stand alone.
    var isDistinct: Bool { columns.contains { if case .aggregate("distinct", _, _) = $0 { true } else { false } } }
    var transformations: [Transformation] {
        columns.compactMap { if case .transformation(let transformation) = $0 { transformation } else { nil } }
    }
    var hasTransformation: Bool { !transformations.isEmpty }
    /// The measurement's field types, for type errors in expressions.
    var fieldTypes: [String: FieldType] = [:]
    /// Tags a column may show: the measurement's, less those the rows are grouped by.
    var selectableTags: Set<String> = []
    /// Fields to read: those in columns and in the WHERE clause.
    var fieldsToRead: Set<String> = []

    init(_ statement: SelectStatement, fields: [(name: String, type: FieldType)], tagKeys: Set<String>, conditionNames: Set<String>) throws
    {
        let fieldNames = fields.map(\.name)
        fieldTypes = Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        // Tags the rows are grouped by are the series' tags, not columns of `*`.
        selectableTags = tagKeys.subtracting(Self.groupedTags(statement.dimensions, tagKeys: tagKeys))
        for field in statement.fields { try add(field, fields: fields, tagKeys: selectableTags) }
        guard !columns.isEmpty else { throw QueryError("at least 1 non-time field must be queried") }
        try checkTransformations(statement)
        if isDistinct && columns.count > 1 {
            throw QueryError("aggregate function distinct() cannot be combined with other functions or fields")
        }
        try checkSelectors()
        try checkInputTypes()
        if !isAggregate && !transformations.contains(where: { $0.aggregate != nil })
            && statement.dimensions.contains(where: { if case .time = $0 { true } else { false } })
        {
            throw QueryError("GROUP BY requires at least one aggregate function")
        }
        let selectedFields = columns.compactMap { column -> String? in
            switch column {
            case .raw(let name): fieldNames.contains(name) ? name : nil
            case .uncastable: nil
            case .aggregate(_, let field, _), .top(_, let field, _, _), .sample(let field, _): field
            case .transformation(let transformation): transformation.field
            }
        }
        // Only tags selected: InfluxDB answers with no series rather than an error, since no row has a field.
        fieldsToRead = Set(selectedFields).union(conditionNames.intersection(fieldNames))
        uniquifyNames()
    }

    static func groupedTags(_ dimensions: [SelectStatement.Dimension], tagKeys: Set<String>) -> Set<String> {
        var grouped: Set<String> = []
        for dimension in dimensions {
            switch dimension {
            case .tag(let key): grouped.insert(key)
            case .wildcard: grouped = tagKeys
            case .regex(let pattern):
                if let regex = try? RE2Regex(pattern) { grouped.formUnion(tagKeys.filter { regex.matches($0) }) }
            case .time: break
            }
        }
        return grouped
    }

    /// Fields and tags go only with one selector; top() and bottom() go with no other function.
    private func checkSelectors() throws {
        let functions = columns.filter(Self.isSelectorOrAggregate)
        for column in columns where Self.picksPoints(column) && functions.count > 1 {
            let name = if case .top(let isTop, _, _, _) = column { isTop ? "top" : "bottom" } else { "sample" }
            throw QueryError("selector function \(name)() cannot be combined with other functions")
        }
        guard !functions.isEmpty, columns.contains(where: Self.isFieldOrTag) else { return }
        let selectorOnly = functions.allSatisfy { column in
            if case .aggregate(let function, _, _) = column { return Self.selectors.contains(function) }
            return true
        }
        if !selectorOnly { throw QueryError("mixing aggregate and non-aggregate queries is not supported") }
        if functions.count > 1 { throw QueryError("mixing multiple selector functions with tags or fields is not supported") }
    }

    static func isSelectorOrAggregate(_ column: Column) -> Bool {
        switch column {
        case .aggregate, .top, .sample: true
        case .raw, .uncastable, .transformation: false
        }
    }

    static func isFieldOrTag(_ column: Column) -> Bool {
        switch column {
        case .raw, .uncastable: true
        default: false
        }
    }

    /// top(), bottom() and sample(): several points per bucket, each with its own time.
    static func picksPoints(_ column: Column) -> Bool {
        switch column {
        case .top, .sample: true
        default: false
        }
    }

    private mutating func add(_ field: SelectStatement.Field, fields: [(name: String, type: FieldType)], tagKeys: Set<String>) throws {
        let fieldNames = fields.map(\.name)
        switch field.expression {
        case .binary, .parenthesized, .integer, .unsigned, .number, .string, .boolean:
            try addExpression(field)
        case .call(let name, let arguments) where name == "top" || name == "bottom":
            try addTop(name, arguments, alias: field.alias)
        case .call("sample", let arguments):
            guard arguments.count == 2 else {
                throw QueryError("invalid number of arguments for sample, expected 2, got \(arguments.count)")
            }
            guard case .variable(let variable) = arguments[0] else { throw QueryError("expected field argument in sample()") }
            guard case .integer(let limit) = arguments[1] else { throw QueryError("expected integer argument in sample()") }
            guard limit > 0 else { throw QueryError("sample window must be greater than 1, got \(limit)") }
            append(field.alias ?? "sample", .sample(field: variable.name, limit: Int(limit)))
        case .call(let name, let arguments) where MathFunction(rawValue: name) != nil:
            // `abs(*)`: the function of every numeric field, named `abs_<field>`; a function of two arguments given
            // one (`log(*)`, found by Fuzz/QueryPlannerFuzzer) gets the argument-count error of any other call.
            guard arguments.count == 1, case .wildcard = arguments[0], MathFunction(rawValue: name)!.argumentCount == 1 else {
                return try addExpression(field)
            }
            for numeric in fields.filter({ [.float, .integer, .unsigned].contains($0.type) }).map(\.name).sorted() {
                let input = hidden(.raw(numeric))
                appendOutput("\(name)_\(numeric)", .expression(.math(MathFunction(rawValue: name)!, [.column(input)])))
            }
        case .call(let name, let arguments) where Transformation.Function(name: name) != nil:
            try addTransformation(Transformation.Function(name: name)!, arguments, alias: field.alias, fields: fields)
        case .variable(let variable) where variable.name.lowercased() == "time":
            return
        case .variable(let variable):
            appendOutput(field.alias ?? variable.name, read(variable))
        case .wildcard(let cast):
            var names = cast == .tag ? [] : fieldNames
            if cast != .field { names += tagKeys }
            for name in names.sorted() { append(name, .raw(name)) }
        case .call(let name, let arguments):
            try addCall(name, arguments, alias: field.alias, fields: fields)
        default:
            throw QueryError(
                "only fields, tags, wildcards and count, distinct, sum, mean, median, mode, spread, stddev, min, max, first, last are supported yet"
            )
        }
    }

    /// An aggregate or selector: `count(distinct(f))`, `f(field)`, or over every field (`mean(*)`, `mean(/re/)`) of a
    /// type the function takes.
    private mutating func addCall(_ name: String, _ arguments: [Expression], alias: String?, fields: [(name: String, type: FieldType)])
        throws
    {
        if name == "count", arguments.count == 1, case .call("distinct", let inner) = arguments[0] {
            guard inner.count == 1 else { throw QueryError("distinct function can only have one argument") }
            guard case .variable(let variable) = inner[0] else { throw QueryError("expected field argument in distinct()") }
            return append(alias ?? name, .aggregate(function: Aggregation.countDistinct, field: variable.name))
        }
        let parameter = try Self.checkAggregate(name, arguments)
        switch arguments[0] {
        case .variable(let variable): append(alias ?? name, .aggregate(function: name, field: variable.name, argument: parameter))
        case .wildcard where name == "distinct", .regex where name == "distinct":
            throw QueryError("expected field argument in distinct()")
        case .wildcard(let cast):
            if cast == .tag { throw QueryError("unable to use tag wildcard in \(name)()") }
            for fieldName in Self.expansion(of: name, fields: fields, matching: nil) {
                append("\(alias ?? name)_\(fieldName)", .aggregate(function: name, field: fieldName, argument: parameter))
            }
        case .regex(let pattern):
            for fieldName in Self.expansion(of: name, fields: fields, matching: try RE2Regex(pattern)) {
                append("\(alias ?? name)_\(fieldName)", .aggregate(function: name, field: fieldName, argument: parameter))
            }
        default: throw QueryError("expected field argument in \(name)()")
        }
    }

    /// The fields `function(*)` or `function(/regex/)` stands for, in name order: those of a type the function takes
    /// (InfluxQL's wildcard rewriting): numbers for all, booleans too for min and max, every type for count, first,
    /// last, distinct and mode.
    static func expansion(of function: String, fields: [(name: String, type: FieldType)], matching regex: RE2Regex?) -> [String] {
        var types: Set<FieldType> = [.float, .integer, .unsigned]
        switch function {
        case "count", "first", "last", "distinct", "elapsed", "mode", "sample": types.formUnion([.string, .boolean])
        case "min", "max": types.insert(.boolean)
        default: break
        }
        return fields.filter { types.contains($0.type) && (regex?.matches($0.name) ?? true) }.map(\.name).sorted()
    }

    /// `top(field[, tag…], N)`: the column, then one column per tag.
    private mutating func addTop(_ name: String, _ arguments: [Expression], alias: String?) throws {
        guard arguments.count >= 2 else {
            throw QueryError("invalid number of arguments for \(name), expected at least 2, got \(arguments.count)")
        }
        guard case .variable(let field) = arguments[0] else {
            throw QueryError("expected first argument to be a field in \(name)(), found \(StatementPrinter.print(arguments[0]))")
        }
        guard case .integer(let limit) = arguments[arguments.count - 1] else {
            throw QueryError(
                "expected integer as last argument in \(name)(), found \(StatementPrinter.print(arguments[arguments.count - 1]))")
        }
        guard limit >= 1 else { throw QueryError("limit (\(limit)) in \(name) function must be at least 1") }
        var tags: [String] = []
        for argument in arguments.dropFirst().dropLast() {
            guard case .variable(let tag) = argument else {
                throw QueryError("only fields or tags are allowed in \(name)(), found \(StatementPrinter.print(argument))")
            }
            tags.append(tag.name)
        }
        append(alias ?? name, .top(isTop: name == "top", field: field.name, limit: Int(limit), tags: tags))
        for tag in tags { append(tag, .raw(tag)) }
    }

    /// A known aggregate or selector with the right number of arguments; returns percentile's P.
    static func checkAggregate(_ name: String, _ arguments: [Expression]) throws -> Double? {
        guard aggregates.contains(name) || selectors.contains(name) else { throw QueryError("undefined function \(name)()") }
        if name == "integral" {
            guard arguments.count == 1 || arguments.count == 2 else {
                throw QueryError("invalid number of arguments for integral, expected 1-2, got \(arguments.count)")
            }
            guard arguments.count == 2 else { return 1e9 }
            guard case .duration(let unit) = arguments[1], unit > 0 else {
                throw QueryError("second argument to integral must be a duration")
            }
            return Double(unit)
        }
        let expectedCount = name == "percentile" ? 2 : 1
        guard arguments.count == expectedCount else {
            throw QueryError("invalid number of arguments for \(name), expected \(expectedCount), got \(arguments.count)")
        }
        guard name == "percentile" else { return nil }
        switch arguments[1] {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: throw QueryError("expected float argument in percentile()")
        }
    }

    /// A selected column, shown as it is computed.
    mutating func append(_ name: String, _ column: Column) {
        appendOutput(name, .column(hidden(column)))
    }

    mutating func appendOutput(_ name: String, _ output: Output) {
        names.append(name)
        outputs.append(output)
    }

    /// A column computed for expressions; the same column twice is computed once.
    mutating func hidden(_ column: Column) -> Int {
        if let index = columns.firstIndex(of: column) { return index }
        columns.append(column)
        return columns.count - 1
    }

    /// Whether some output is not simply the computed column at its position.
    var needsProjection: Bool {
        outputs.count != columns.count || outputs.enumerated().contains { $0.element != .column($0.offset) }
    }

    /// Rows of `[time] + columns` turned into rows of `[time] + outputs`.
    func project(_ rows: [[ResultValue]]) -> [[ResultValue]] {
        guard needsProjection else { return rows }
        return rows.map { row in
            let cells = row.dropFirst()
            return [row[0]]
                + outputs.map { output in
                    switch output {
                    case .column(let index): cells[cells.startIndex + index]
                    case .expression(let expression): expression.evaluate(cells)
                    }
                }
        }
    }

    /// InfluxDB's duplicate column names: the second `value` becomes `value_1`, and so on.
    private mutating func uniquifyNames() {
        var seen: [String: Int] = [:]
        for index in names.indices {
            let name = names[index]
            if let count = seen[name] {
                names[index] = "\(name)_\(count)"
                seen[name] = count + 1
            } else {
                seen[name] = 1
            }
        }
    }
}
