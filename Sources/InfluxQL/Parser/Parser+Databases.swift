/// Database and retention-policy statements.
extension Parser {
    mutating func parseCreate() throws(InfluxQLError) -> Statement {
        let token = next()
        switch token.kind {
        case .keyword(.database): return try parseCreateDatabase()
        case .keyword(.retention):
            try expect(.policy)
            return try parseCreateRetentionPolicy()
        case .keyword(.user): return try parseCreateUser()
        case .keyword(.subscription): return try parseCreateSubscription()
        case .keyword(.continuous):
            try expect(.query)
            return try parseCreateContinuousQuery()
        default: throw error(token, expected: ["CONTINUOUS", "DATABASE", "USER", "RETENTION", "SUBSCRIPTION"])
        }
    }

    mutating func parseDrop() throws(InfluxQLError) -> Statement {
        let token = next()
        switch token.kind {
        case .keyword(.database): return .dropDatabase(name: try parseIdentifier())
        case .keyword(.measurement): return .dropMeasurement(name: try parseIdentifier())
        case .keyword(.shard):
            let token = next()
            guard token.kind == .integer, let id = UInt64(token.text) else { throw error(token, expected: ["integer"]) }
            return .dropShard(id: id)
        case .keyword(.series): return try parseDropSeries()
        case .keyword(.user): return .user(.drop(name: try parseIdentifier()))
        case .keyword(.subscription): return try parseDropSubscription()
        case .keyword(.continuous):
            try expect(.query)
            let name = try parseIdentifier()
            try expect(.on)
            return .continuousQuery(.drop(name: name, database: try parseIdentifier()))
        case .keyword(.retention):
            try expect(.policy)
            let name = try parseIdentifier()
            try expect(.on)
            return .dropRetentionPolicy(name: name, database: try parseIdentifier())
        default:
            throw error(token, expected: ["CONTINUOUS", "MEASUREMENT", "RETENTION", "SERIES", "SHARD", "SUBSCRIPTION", "USER"])
        }
    }

    mutating func parseAlter() throws(InfluxQLError) -> Statement {
        let token = next()
        guard token.kind == .keyword(.retention) else { throw error(token, expected: ["RETENTION"]) }
        try expect(.policy)
        let name = try parseIdentifier()
        try expect(.on)
        let database = try parseIdentifier()
        let start = peek()
        let settings = try parsePolicySettings(allowName: false)
        if settings == RetentionPolicySettings() {
            throw error(start, expected: ["DURATION", "REPLICATION", "SHARD", "DEFAULT"])
        }
        return .alterRetentionPolicy(AlterRetentionPolicyStatement(name: name, database: database, settings: settings))
    }

    private mutating func parseCreateDatabase() throws(InfluxQLError) -> Statement {
        let name = try parseIdentifier()
        guard consume(.keyword(.with)) else { return .createDatabase(CreateDatabaseStatement(name: name)) }
        let start = peek()
        let settings = try parsePolicySettings(allowName: true)
        if settings == RetentionPolicySettings() {
            throw error(start, expected: ["DURATION", "NAME", "REPLICATION", "SHARD"])
        }
        return .createDatabase(CreateDatabaseStatement(name: name, policy: settings))
    }

    private mutating func parseCreateRetentionPolicy() throws(InfluxQLError) -> Statement {
        var settings = RetentionPolicySettings(name: try parseIdentifier())
        try expect(.on)
        let database = try parseIdentifier()
        try expect(.duration)
        settings.duration = try parsePolicyDuration()
        try expect(.replication)
        settings.replication = try parseReplication()
        let rest = try parsePolicySettings(allowName: false, allowDurationAndReplication: false)
        settings.shardGroupDuration = rest.shardGroupDuration
        settings.makeDefault = rest.makeDefault
        return .createRetentionPolicy(CreateRetentionPolicyStatement(database: database, settings: settings))
    }

    /// The optional clauses of policy statements, in any order, each at most once.
    private mutating func parsePolicySettings(
        allowName: Bool,
        allowDurationAndReplication: Bool = true
    ) throws(InfluxQLError) -> RetentionPolicySettings {
        var settings = RetentionPolicySettings()
        while true {
            let token = peek()
            switch token.kind {
            case .keyword(.duration) where allowDurationAndReplication && settings.duration == nil:
                _ = next()
                settings.duration = try parsePolicyDuration()
            case .keyword(.replication) where allowDurationAndReplication && settings.replication == nil:
                _ = next()
                settings.replication = try parseReplication()
            case .keyword(.shard) where settings.shardGroupDuration == nil:
                _ = next()
                try expect(.duration)
                settings.shardGroupDuration = try parsePolicyDuration()
            case .keyword(.name) where allowName && settings.name == nil:
                _ = next()
                settings.name = try parseIdentifier()
            case .keyword(.default) where !allowName && !settings.makeDefault:
                _ = next()
                settings.makeDefault = true
            default:
                return settings
            }
        }
    }

    /// A duration or `INF` (0, keep forever).
    private mutating func parsePolicyDuration() throws(InfluxQLError) -> Int64 {
        if consume(.keyword(.inf)) { return 0 }
        let token = peek()
        guard token.kind == .duration else { throw error(next(), expected: ["duration"]) }
        return try parseDuration()
    }

    private mutating func parseReplication() throws(InfluxQLError) -> Int {
        let token = peek()
        let value = try parseInteger()
        guard value >= 1 else {
            throw InfluxQLError(message: "invalid value \(value): must be 1 <= n <= 2147483647", position: token.position)
        }
        return value
    }
}
