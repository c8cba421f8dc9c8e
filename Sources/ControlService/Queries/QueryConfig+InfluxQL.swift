import Foundation
import InfluxQL
import TimeSeries

/// Chronograf's `ToQueryConfig` (`influx/query.go`): the builder state of an InfluxQL query, or its raw-text form
/// when the builder cannot show it — several statements, LIMIT/OFFSET, ORDER BY, INTO, several or regex sources,
/// GROUP BY other than `time(d)` and tags, fields other than plain fields and the builder's functions, or a WHERE
/// clause other than tag comparisons of one kind next to a time range.
extension QueryConfig {
    /// The functions the builder offers.
    static let builderFunctions: Set<String> = [
        "mean", "median", "count", "min", "max", "sum", "first", "last", "spread", "stddev", "percentile", "top", "bottom",
    ]

    init(influxQL text: String) {
        self = Self.builderState(text) ?? Self.raw(text)
    }

    private static func builderState(_ text: String) -> QueryConfig? {
        // Chronograf's stand-ins, so the dashboard variables parse; `:interval:` makes the group-by time `auto`.
        let usesInterval = text.contains(":interval:")
        let usesDashboardTime = text.contains(":dashboardTime:")
        var parsable = text.replacingOccurrences(of: ":interval:", with: "8675309ns")
        for (variable, standIn) in [(":dashboardTime:", "now() - 15m"), (":upperDashboardTime:", "now() - 1m")] {
            if let range = parsable.range(of: variable) { parsable.replaceSubrange(range, with: standIn) }
        }
        guard let statements = try? Parser.parse(parsable), statements.count == 1, case .select(let select) = statements[0],
            (select.limit ?? 0) == 0, (select.offset ?? 0) == 0, (select.seriesLimit ?? 0) == 0, (select.seriesOffset ?? 0) == 0,
            !select.isDescending, select.target == nil, select.sources.count == 1, let measurement = select.sources[0].name,
            select.sources[0].subquery == nil
        else { return nil }
        var config = QueryConfig()
        config.database = select.sources[0].database ?? ""
        config.retentionPolicy = select.sources[0].retentionPolicy ?? ""
        config.measurement = measurement
        guard config.readGroupBy(select, usesInterval: usesInterval), config.readFields(select) else { return nil }
        guard let condition = select.condition else { return config }
        guard let filters = TagLogic.filters(condition) else { return nil }
        if !filters.isEmpty {
            guard Set(filters.map(\.op)).count == 1 else { return nil }
            config.areTagsAccepted = filters[0].op == .equal
        }
        for filter in filters { config.tags[filter.tag, default: []].append(filter.value) }
        if let duration = TagLogic.lastTimeRange(in: condition), !usesDashboardTime {
            config.rangeLower = "now() - " + Self.shortDuration(duration)
        }
        return config
    }

    /// `GROUP BY time(d)` (with the fill, which only then counts) and tags; false for anything else.
    private mutating func readGroupBy(_ select: SelectStatement, usesInterval: Bool) -> Bool {
        for dimension in select.dimensions {
            switch dimension {
            case .time(let interval, let offset):
                guard offset == 0 else { return false }
                groupByTime = usesInterval ? "auto" : DurationLiteral.format(nanoseconds: interval)
                switch select.fill {
                case .null: fill = "null"
                case .none: fill = "none"
                case .previous: fill = "previous"
                case .linear: fill = "linear"
                case .value(let value): fill = Self.goValue(value)
                }
            case .tag(let name): groupByTags.append(name)
            case .wildcard, .regex: return false
            }
        }
        return true
    }

    /// Plain fields and the builder's functions of fields, numbers, a regex or `*`; false for anything else.
    private mutating func readFields(_ select: SelectStatement) -> Bool {
        for field in select.fields {
            switch field.expression {
            case .variable(let variable) where variable.cast == nil:
                fields.append(Field(value: variable.name, type: "field", alias: field.alias ?? ""))
            case .call(let name, let arguments) where Self.builderFunctions.contains(name):
                var args: [Field] = []
                for argument in arguments {
                    switch argument {
                    case .variable(let variable): args.append(Field(value: variable.name, type: "field"))
                    case .integer(let value): args.append(Field(value: String(value), type: "integer"))
                    case .number(let value): args.append(Field(value: Self.plainDecimal(value), type: "number"))
                    case .regex(let pattern): args.append(Field(value: pattern, type: "regex"))
                    case .wildcard: args.append(Field(value: "*", type: "wildcard"))
                    default: return false
                    }
                }
                fields.append(Field(value: name, type: "func", alias: field.alias ?? "", args: args))
            default: return false
            }
        }
        return true
    }

    /// Go's `Duration.String()` with Chronograf's trimming: `15m`, `1h`, `1h30m`, `90s` as `1m30s`.
    static func shortDuration(_ nanoseconds: Int64) -> String {
        var text = GoDuration.format(nanoseconds: nanoseconds)
        if text.hasSuffix("m0s") { text.removeLast(2) }
        if text.hasSuffix("h0m") { text.removeLast(2) }
        return text
    }

    /// A fill value as Go's `fmt.Sprint` writes it: whole numbers without a fraction.
    static func goValue(_ value: Double) -> String {
        if let whole = Int64(exactly: value), abs(value) < 1e21 { return String(whole) }
        return "\(value)"
    }

    /// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that read back the same, never an exponent.
    static func plainDecimal(_ value: Double) -> String {
        if let whole = Int64(exactly: value) { return String(whole) }
        let text = "\(value)"
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(text[text.index(after: exponentIndex)...])
        else { return text }
        let negative = text.hasPrefix("-")
        let mantissa = text[..<exponentIndex].drop { $0 == "-" }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        let point = parts[0].count + exponent
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            result = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        while result.contains("."), result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return (negative ? "-" : "") + result
    }
}
