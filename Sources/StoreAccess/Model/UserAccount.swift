public import InfluxQL

/// An InfluxDB 1.x user: a bcrypt password hash, the admin flag and privileges per database.
public struct UserAccount: Sendable, Codable, Equatable {
    public var name: String
    /// bcrypt, never the password itself.
    var passwordHash: String
    public var isAdmin: Bool
    public var privileges: [String: Privilege]

    /// Whether the user may do what `needed` allows on `database`.
    public func may(_ needed: Privilege, on database: String) -> Bool {
        isAdmin || (privileges[database] ?? Privilege.none).covers(needed)
    }
}
