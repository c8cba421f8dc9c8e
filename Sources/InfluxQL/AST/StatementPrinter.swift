/// Prints statements back as canonical InfluxQL, as InfluxDB echoes them in messages.
public enum StatementPrinter {
    public static func print(_ statement: Statement) -> String {
        switch statement {
        case .createDatabase(let create):
            var text = "CREATE DATABASE \(quote(create.name))"
            if let policy = create.policy { text += " WITH" + settings(policy, includeName: true) }
            return text
        case .dropDatabase(let name): return "DROP DATABASE \(quote(name))"
        case .showDatabases: return "SHOW DATABASES"
        case .createRetentionPolicy(let create):
            return "CREATE RETENTION POLICY \(quote(create.settings.name ?? "")) ON \(quote(create.database))" + settings(create.settings)
        case .alterRetentionPolicy(let alter):
            return "ALTER RETENTION POLICY \(quote(alter.name)) ON \(quote(alter.database))" + settings(alter.settings)
        case .dropRetentionPolicy(let name, let database): return "DROP RETENTION POLICY \(quote(name)) ON \(quote(database))"
        case .showRetentionPolicies(let database): return "SHOW RETENTION POLICIES" + (database.map { " ON \(quote($0))" } ?? "")
        case .showMeasurements(let show): return "SHOW MEASUREMENTS" + (show.database.map { " ON \(quote($0))" } ?? "")
        case .dropMeasurement(let name): return "DROP MEASUREMENT \(quote(name))"
        case .deleteSeries(let delete):
            var text = delete.dropsSeries ? "DROP SERIES" : "DELETE"
            if !delete.sources.isEmpty { text += " FROM " + delete.sources.map(ExpressionPrinter.source).joined(separator: ", ") }
            if let condition = delete.condition { text += " WHERE " + ExpressionPrinter.print(condition) }
            return text
        case .showSeries: return "SHOW SERIES"
        case .select(let select): return ExpressionPrinter.select(select)
        case .user(let statement): return statement.description
        case .subscription(let statement): return statement.description
        case .continuousQuery(let statement): return statement.description
        case .showShards: return "SHOW SHARDS"
        case .showShardGroups: return "SHOW SHARD GROUPS"
        case .showQueries: return "SHOW QUERIES"
        case .showStats(let module): return "SHOW STATS" + (module.map { " FOR " + ExpressionPrinter.quoteString($0) } ?? "")
        case .showDiagnostics(let module): return "SHOW DIAGNOSTICS" + (module.map { " FOR " + ExpressionPrinter.quoteString($0) } ?? "")
        case .killQuery(let id): return "KILL QUERY \(id)"
        case .dropShard(let id): return "DROP SHARD \(id)"
        case .explain(let select, let analyze): return (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + print(.select(select))
        }
    }

    /// An expression as InfluxDB prints it (`s::string + 1`).
    public static func print(_ expression: Expression) -> String {
        ExpressionPrinter.print(expression)
    }

    private static func settings(_ settings: RetentionPolicySettings, includeName: Bool = false) -> String {
        var text = ""
        if let duration = settings.duration {
            text += " DURATION " + (duration == 0 ? "INF" : DurationLiteral.format(nanoseconds: duration))
        }
        if let replication = settings.replication { text += " REPLICATION \(replication)" }
        if let shard = settings.shardGroupDuration { text += " SHARD DURATION " + DurationLiteral.format(nanoseconds: shard) }
        if includeName, let name = settings.name { text += " NAME \(quote(name))" }
        if settings.makeDefault { text += " DEFAULT" }
        return text
    }

    /// An identifier as InfluxQL needs it written: bare when it is a plain word and no keyword, else double-quoted.
    public static func quote(_ identifier: String) -> String {
        let isPlain =
            !identifier.isEmpty
            && identifier.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
            && !(identifier.first!.isNumber) && Keyword(word: identifier) == nil
        guard !isPlain else { return identifier }
        return enclose(identifier, in: "\"")
    }

    /// `text` between `quote`s, with backslashes, that quote and newlines escaped as InfluxQL reads them back.
    static func enclose(_ text: String, in quote: Character) -> String {
        var quoted = String(quote)
        for character in text {
            switch character {
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case quote: quoted += "\\" + String(quote)
            default: quoted.append(character)
            }
        }
        return quoted + String(quote)
    }
}
