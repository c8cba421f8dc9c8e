import Credentials
public import InfluxQL

/// InfluxDB 1.x users and their privileges, with the meta store's rules and error texts.
extension AccessStore {
    public var users: [UserAccount] { read(\.users) }

    public func user(_ name: String) -> UserAccount? {
        read { $0.users.first { $0.name == name } }
    }

    /// Whether some user is an admin: until one is, an auth-enabled store accepts only the query that creates one.
    public var hasAdmin: Bool { read { $0.users.contains(where: \.isAdmin) } }

    /// Creating an existing user again with the same password and admin flag is a no-op, as in InfluxDB.
    public func createUser(_ name: String, password: String, isAdmin: Bool) throws(AccessError) {
        guard !name.isEmpty else { throw AccessError(.invalid, "username required") }
        if let existing = user(name) {
            guard existing.isAdmin == isAdmin, hasher.verify(password, user: name, hash: existing.passwordHash) else {
                throw AccessError(.conflict, "user already exists")
            }
            return
        }
        let hash = hasher.hash(password)
        try update { (state: inout AccessState) throws(AccessError) in
            guard !state.users.contains(where: { $0.name == name }) else { throw AccessError(.conflict, "user already exists") }
            state.users.append(UserAccount(name: name, passwordHash: hash, isAdmin: isAdmin, privileges: [:]))
        }
    }

    public func dropUser(_ name: String) throws(AccessError) {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.users.firstIndex(where: { $0.name == name }) else { throw AccessError(.notFound, "user not found") }
            state.users.remove(at: index)
        }
        hasher.forget(user: name)
    }

    public func setPassword(_ name: String, password: String) throws(AccessError) {
        let hash = hasher.hash(password)
        try changeUser(name) { $0.passwordHash = hash }
        hasher.forget(user: name)
    }

    public func setAdmin(_ name: String, _ isAdmin: Bool) throws(AccessError) {
        try changeUser(name) { $0.isAdmin = isAdmin }
    }

    /// Sets the user's privilege on `database` to exactly `privilege` (`NO PRIVILEGES` is kept and shown).
    public func setPrivilege(_ name: String, database: String, _ privilege: Privilege) throws(AccessError) {
        try changeUser(name) { $0.privileges[database] = privilege }
    }

    /// Who a user name and password stand for, as InfluxDB 2.x's 1.x-compatible auth reads them: the password as an
    /// API token whatever the user name (`[[influxdb]] username = "<user>"`, `password = "<token>"`), else a 1.x user
    /// and its password. The token is tried first: a digest lookup, where a wrong password would cost a bcrypt.
    public func principal(user: String, password: String) -> Principal? {
        if let token = token(matching: password) { return .token(token) }
        guard !user.isEmpty, let account = authenticate(user, password: password) else { return nil }
        return .user(account)
    }

    /// The user when `password` is theirs; nil for an unknown user or a wrong password, which take as long, so the
    /// answer's timing does not tell whether a user exists.
    public func authenticate(_ name: String, password: String) -> UserAccount? {
        guard let account = user(name) else {
            hasher.verifyNothing(password)
            return nil
        }
        guard hasher.verify(password, user: name, hash: account.passwordHash) else { return nil }
        return account
    }

    private func changeUser(_ name: String, _ change: (inout UserAccount) -> Void) throws(AccessError) {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.users.firstIndex(where: { $0.name == name }) else { throw AccessError(.notFound, "user not found") }
            change(&state.users[index])
        }
    }
}
