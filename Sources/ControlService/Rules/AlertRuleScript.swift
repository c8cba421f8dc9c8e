import PipelineSpec
import TICKscript

/// Turns a Chronograf alert rule (threshold, relative or deadman over one field) into the TICKscript Chronograf
/// generates: vars, the data chain, the trigger, its handlers, the history output to `chronograf.autogen.alerts`
/// and `httpOut('output')`. The text is formatted canonically and checked by building its pipeline.
struct AlertRuleScript {
    let rule: [String: Any]
    /// A new rule always gets `.stateChangesOnly()`, as Chronograf adds it on create.
    let isNew: Bool

    private var query: [String: Any] { rule["query"] as? [String: Any] ?? [:] }
    private var trigger: String { rule["trigger"] as? String ?? "" }
    private var values: [String: Any] { rule["values"] as? [String: Any] ?? [:] }

    /// The formatted script and its task type; a rule that cannot become a valid task is an `AlertRuleError`.
    func generate() throws(AlertRuleError) -> (script: String, type: TaskType) {
        let raw = query["rawText"] as? String ?? ""
        var text = try variables() + "\n" + dataChain(raw: raw) + "\n" + triggerChain()
        text += try AlertRuleHandlers(alertNodes: rule["alertNodes"] as? [String: Any] ?? [:]).chain(stateChangesOnly: isNew)
        text += "\n" + historyOutput() + "\ntrigger\n    |httpOut('output')\n"
        let type: TaskType = raw.isEmpty ? .stream : .batch
        do {
            _ = try Pipeline.build(script: text, type: type)
            return (try TickFormatter.format(text), type)
        } catch {
            throw AlertRuleError("the rule's TICKscript is invalid: \(error)")
        }
    }

    // MARK: Block 1: variables

    private func variables() throws(AlertRuleError) -> String {
        let database = try required(query["database"], "database")
        let policy = try required(query["retentionPolicy"], "retention policy")
        let measurement = try required(query["measurement"], "measurement")
        let name = try required(rule["name"], "alert name")
        guard ["threshold", "relative", "deadman"].contains(trigger) else {
            throw AlertRuleError(trigger.isEmpty ? "trigger type cannot be an empty string" : "unknown trigger type \(trigger)")
        }
        let tags = groupByTags
        var lines = [
            "var db = \(TickLiteral.string(database))", "var rp = \(TickLiteral.string(policy))",
            "var measurement = \(TickLiteral.string(measurement))",
            "var groupBy = [" + tags.map(TickLiteral.string).joined(separator: ", ") + "]",
            "var whereFilter = " + whereFilter(),
        ]
        lines += try periodVariables()
        lines += [
            "var name = \(TickLiteral.string(name))", "var idVar = " + (tags.isEmpty ? "name" : "name + '-{{.Group}}'"),
            "var message = \(TickLiteral.string(rule["message"] as? String ?? ""))", "var idTag = 'alertID'", "var levelTag = 'level'",
            "var messageField = 'message'", "var durationField = 'duration'", "var outputDB = 'chronograf'",
            "var outputRP = 'autogen'", "var outputMeasurement = 'alerts'", "var triggerType = \(TickLiteral.string(trigger))",
        ]
        if let details = rule["details"] as? String, !details.isEmpty { lines.append("var details = \(TickLiteral.string(details))") }
        lines += try triggerVariables()
        return lines.joined(separator: "\n") + "\n"
    }

    private func required(_ value: Any?, _ what: String) throws(AlertRuleError) -> String {
        guard let text = value as? String, !text.isEmpty else { throw AlertRuleError("\(what) cannot be an empty string") }
        return text
    }

    private var groupByTags: [String] { (query["groupBy"] as? [String: Any])?["tags"] as? [String] ?? [] }

    private var fields: [[String: Any]] { query["fields"] as? [[String: Any]] ?? [] }

    /// Tag values (OR-ed `==` when accepted, AND-ed `!=` when not) and `isPresent` of every field, sorted, AND-ed.
    private func whereFilter() -> String {
        let accepted = query["areTagsAccepted"] as? Bool ?? true
        var clauses: [String] = []
        for (tag, values) in query["tags"] as? [String: [String]] ?? [:] where !values.isEmpty {
            let parts = values.sorted().map { "\(TickLiteral.reference(tag)) \(accepted ? "==" : "!=") \(TickLiteral.string($0))" }
            clauses.append("(" + parts.joined(separator: accepted ? " OR " : " AND ") + ")")
        }
        for field in fieldReferences { clauses.append("isPresent(\(TickLiteral.reference(field)))") }
        return clauses.isEmpty ? "lambda: TRUE" : "lambda: " + clauses.sorted().joined(separator: " AND ")
    }

    /// The field names the rule reads: raw fields, and the field arguments of functions.
    private var fieldReferences: [String] {
        fields.flatMap { field -> [String] in
            if field["type"] as? String == "field" { return [field["value"] as? String ?? ""] }
            return (field["args"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "field" }.compactMap {
                $0["value"] as? String
            }
        }
    }

    private var function: (name: String, field: String)? {
        // The function becomes a node name in the script: letters only, or it is no function.
        guard let field = fields.first, field["type"] as? String == "func", let name = field["value"] as? String,
            !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        let argument = (field["args"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "field" }
        return (name, argument?["value"] as? String ?? "")
    }

    private func periodVariables() throws(AlertRuleError) -> [String] {
        if trigger == "deadman" {
            let period = values["period"] as? String ?? ""
            guard !period.isEmpty else { throw AlertRuleError("period cannot be an empty string in deadman alert") }
            return ["var period = \(try Self.duration(period, what: "period"))"]
        }
        guard function != nil else { return [] }
        let time = (query["groupBy"] as? [String: Any])?["time"] as? String ?? ""
        guard !time.isEmpty else { throw AlertRuleError("group by time cannot be an empty string") }
        guard let every = rule["every"] as? String, !every.isEmpty else { throw AlertRuleError("every cannot be an empty string") }
        return ["var period = \(try Self.duration(time, what: "group by time"))", "var every = \(try Self.duration(every, what: "every"))"]
    }

    private func triggerVariables() throws(AlertRuleError) -> [String] {
        switch trigger {
        case "deadman": return ["var threshold = 0.0"]
        case "relative":
            return [
                "var shift = \(try Self.duration(values["shift"] as? String ?? "1m", what: "shift"))",
                "var crit = \(literal(values["value"]))",
            ]
        default:
            let range = ["inside range", "outside range"].contains(values["operator"] as? String ?? "")
            if range { return ["var lower = \(literal(values["value"]))", "var upper = \(literal(values["rangeValue"]))"] }
            return ["var crit = \(literal(values["value"]))"]
        }
    }

    /// A duration literal, or the rule is refused: it goes into the script as is (`DurationText`).
    private static func duration(_ text: String, what: String) throws(AlertRuleError) -> String {
        guard DurationText.isValid(text) else { throw AlertRuleError("\(what) is not a duration: \(text)") }
        return text
    }

    /// A threshold: a number (`10`, `-2.5`) as is, TRUE/FALSE as is, anything else a string.
    private func literal(_ value: Any?) -> String {
        let text = (value as? String) ?? (value.map { "\($0)" } ?? "")
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let isNumber = (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
        if isNumber || text == "TRUE" || text == "FALSE" { return text }
        return TickLiteral.string(text)
    }

    // MARK: Blocks 2, 3 and 5: data, trigger, history output

    private func dataChain(raw: String) throws(AlertRuleError) -> String {
        if !raw.isEmpty {
            var text =
                "var data = batch\n    |query(\(TickLiteral.string(raw)))\n        .period(period)\n        .every(every)\n        .align()\n"
            if let time = (query["groupBy"] as? [String: Any])?["time"] as? String, !time.isEmpty {
                text += "        .groupBy(time(\(try Self.duration(time, what: "group by time"))))\n"
            }
            return text
        }
        var text = "var data = stream\n    |from()\n        .database(db)\n        .retentionPolicy(rp)\n"
        text += "        .measurement(measurement)\n        .groupBy(groupBy)\n        .where(whereFilter)\n"
        guard trigger != "deadman" else { return text }
        guard fields.count == 1 else { throw AlertRuleError("expect only one field but found \(fields.count)") }
        if let function {
            text += "    |window()\n        .period(period)\n        .every(every)\n        .align()\n"
            text += "    |\(function.name)(\(TickLiteral.string(function.field)))\n        .as('value')\n"
        } else {
            text += "    |eval(lambda: \(TickLiteral.reference(fieldReferences.first ?? "")))\n        .as('value')\n"
        }
        return text
    }

    private func triggerChain() throws(AlertRuleError) -> String {
        var text: String
        switch trigger {
        case "deadman":
            text = "var trigger = data\n    |deadman(threshold, period)\n"
        case "relative":
            let change =
                values["change"] as? String == "% change"
                ? "abs(float(\"current.value\" - \"past.value\")) / float(\"past.value\") * 100.0"
                : "float(\"current.value\" - \"past.value\")"
            text = "var past = data\n    |shift(shift)\n\nvar current = data\n\nvar trigger = past\n    |join(current)\n"
            text += "        .as('past', 'current')\n    |eval(lambda: \(change))\n        .keep()\n        .as('value')\n"
            text += "    |alert()\n        .crit(lambda: \"value\" \(try comparison()) crit)\n"
        default:
            text = "var trigger = data\n    |alert()\n        .crit(lambda: \(try thresholdCondition()))\n"
        }
        text += "        .message(message)\n        .id(idVar)\n        .idTag(idTag)\n        .levelTag(levelTag)\n"
        text += "        .messageField(messageField)\n        .durationField(durationField)\n"
        if let details = rule["details"] as? String, !details.isEmpty { text += "        .details(details)\n" }
        return text
    }

    private func thresholdCondition() throws(AlertRuleError) -> String {
        switch values["operator"] as? String {
        case "inside range": return "\"value\" >= lower AND \"value\" <= upper"
        case "outside range": return "\"value\" < lower OR \"value\" > upper"
        default: return "\"value\" \(try comparison()) crit"
        }
    }

    private func comparison() throws(AlertRuleError) -> String {
        let operators = [
            "greater than": ">", "less than": "<", "equal to or less than": "<=", "equal to or greater": ">=", "equal to": "==",
            "not equal to": "!=",
        ]
        let name = values["operator"] as? String ?? "greater than"
        guard let op = operators[name] else { throw AlertRuleError("unknown operator \(name)") }
        return op
    }

    private func historyOutput() -> String {
        var text = "trigger\n"
        if trigger == "deadman" {
            text += "    |eval(lambda: \"emitted\")\n        .as('value')\n        .keep('value', messageField, durationField)\n"
        }
        text += "    |eval(lambda: float(\"value\"))\n        .as('value')\n        .keep()\n    |influxDBOut()\n        .create()\n"
        text += "        .database(outputDB)\n        .retentionPolicy(outputRP)\n        .measurement(outputMeasurement)\n"
        text += "        .tag('alertName', name)\n        .tag('triggerType', triggerType)\n"
        return text
    }
}

/// A rule that cannot be turned into a task: 422 with this message, as Chronograf answers.
struct AlertRuleError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
