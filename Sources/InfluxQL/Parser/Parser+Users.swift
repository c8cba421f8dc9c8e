/// User and privilege statements, with the error texts of InfluxDB's parser.
extension Parser {
    /// After `CREATE USER`.
    mutating func parseCreateUser() throws(InfluxQLError) -> Statement {
        let name = try parseIdentifier()
        try expect(.with)
        try expect(.password)
        let password = try parseString()
        guard consume(.keyword(.with)) else { return .user(.create(name: name, password: password, isAdmin: false)) }
        try expect(.all)
        try expect(.privileges)
        return .user(.create(name: name, password: password, isAdmin: true))
    }

    /// After `SET`.
    mutating func parseSetPassword() throws(InfluxQLError) -> Statement {
        try expect(.password)
        try expect(.for)
        let name = try parseIdentifier()
        let equals = next()
        guard equals.kind == .operator(.equal) else { throw error(equals, expected: ["="]) }
        return .user(.setPassword(name: name, password: try parseString()))
    }

    /// After `GRANT`.
    mutating func parseGrant() throws(InfluxQLError) -> Statement {
        let privilege = try parsePrivilege()
        let token = next()
        switch token.kind {
        case .keyword(.on):
            let database = try parseIdentifier()
            try expect(.to)
            return .user(.grant(privilege, database: database, user: try parseIdentifier()))
        case .keyword(.to) where privilege == .all:
            return .user(.grantAdmin(user: try parseIdentifier()))
        default:
            throw error(token, expected: privilege == .all && token.kind != .keyword(.to) ? ["ON", "TO"] : ["ON"])
        }
    }

    /// After `REVOKE`.
    mutating func parseRevoke() throws(InfluxQLError) -> Statement {
        let privilege = try parsePrivilege()
        let token = next()
        switch token.kind {
        case .keyword(.on):
            let database = try parseIdentifier()
            try expect(.from)
            return .user(.revoke(privilege, database: database, user: try parseIdentifier()))
        case .keyword(.from) where privilege == .all:
            return .user(.revokeAdmin(user: try parseIdentifier()))
        default:
            throw error(token, expected: privilege == .all && token.kind != .keyword(.from) ? ["ON", "FROM"] : ["ON"])
        }
    }

    private mutating func parsePrivilege() throws(InfluxQLError) -> Privilege {
        let token = next()
        switch token.kind {
        case .keyword(.read): return .read
        case .keyword(.write): return .write
        case .keyword(.all):
            _ = consume(.keyword(.privileges))
            return .all
        default: throw error(token, expected: ["READ", "WRITE", "ALL [PRIVILEGES]"])
        }
    }

    mutating func parseString() throws(InfluxQLError) -> String {
        let token = next()
        guard token.kind == .string else { throw error(token, expected: ["string"]) }
        return token.text
    }
}
