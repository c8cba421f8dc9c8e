/// Subscription statements, with the error texts of InfluxDB's parser.
extension Parser {
    /// After `CREATE SUBSCRIPTION`.
    mutating func parseCreateSubscription() throws(InfluxQLError) -> Statement {
        let (name, database, policy) = try parseSubscriptionTarget()
        try expect(.destinations)
        let token = next()
        let mode: SubscriptionStatement.Mode
        switch token.kind {
        case .keyword(.all): mode = .all
        case .keyword(.any): mode = .any
        default: throw error(token, expected: ["ALL", "ANY"])
        }
        var destinations = [try parseString()]
        while consume(.operator(.comma)) { destinations.append(try parseString()) }
        return .subscription(.create(name: name, database: database, retentionPolicy: policy, mode: mode, destinations: destinations))
    }

    /// After `DROP SUBSCRIPTION`.
    mutating func parseDropSubscription() throws(InfluxQLError) -> Statement {
        let (name, database, policy) = try parseSubscriptionTarget()
        return .subscription(.drop(name: name, database: database, retentionPolicy: policy))
    }

    /// `name ON db.rp`.
    private mutating func parseSubscriptionTarget() throws(InfluxQLError) -> (String, String, String) {
        let name = try parseIdentifier()
        try expect(.on)
        let database = try parseIdentifier()
        let afterDatabase = lexer.position
        let dot = next()
        guard dot.kind == .operator(.dot) else {
            // InfluxDB reads the dot without skipping white space, so a space is what it finds.
            if dot.position.offset > afterDatabase.offset { throw InfluxQLError(message: "found  , expected .", position: afterDatabase) }
            throw error(dot, expected: ["."])
        }
        return (name, database, try parseIdentifier())
    }
}
