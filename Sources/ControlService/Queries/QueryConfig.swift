/// The explorer's builder state for an InfluxQL query (chronograf.go `QueryConfig`), as Chronograf's API writes it:
/// `id` and `fill` left out when empty, `rawText` the query when the builder cannot show it (else null), `range`
/// and `shifts` null when unset.
struct QueryConfig: Equatable {
    struct Field: Equatable {
        var value: String
        var type: String
        var alias = ""
        /// A function's arguments; nil for a plain field (left out of the JSON).
        var args: [Field]?

        var json: JSONValue {
            var object: [String: JSONValue] = ["value": .string(value), "type": .string(type), "alias": .string(alias)]
            if let args, !args.isEmpty { object["args"] = .array(args.map(\.json)) }
            return .object(object)
        }
    }

    var id = ""
    var database = ""
    var measurement = ""
    var retentionPolicy = ""
    var fields: [Field] = []
    var tags: [String: [String]] = [:]
    var groupByTime = ""
    var groupByTags: [String] = []
    var areTagsAccepted = false
    var fill = ""
    var rawText: String?
    /// `range.lower` (`now() - 15m`); `range.upper` is always empty when Chronograf derives it.
    var rangeLower: String?
    /// The cell's time shifts, kept as the client sent them (`[{label, unit, quantity}]`), or null.
    var shifts: JSONValue = .null

    /// The builder state of a query it cannot show: the query as raw text.
    static func raw(_ text: String) -> QueryConfig {
        var config = QueryConfig()
        config.rawText = text
        return config
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "database": .string(database), "measurement": .string(measurement), "retentionPolicy": .string(retentionPolicy),
            "fields": .array(fields.map(\.json)), "tags": .object(tags.mapValues { .array($0.map(JSONValue.string)) }),
            "groupBy": .object(["time": .string(groupByTime), "tags": .array(groupByTags.map(JSONValue.string))]),
            "areTagsAccepted": .bool(areTagsAccepted), "rawText": rawText.map(JSONValue.string) ?? .null,
            "range": rangeLower.map { .object(["upper": .string(""), "lower": .string($0)]) } ?? .null, "shifts": shifts,
        ]
        if !id.isEmpty { object["id"] = .string(id) }
        if !fill.isEmpty { object["fill"] = .string(fill) }
        return .object(object)
    }
}
