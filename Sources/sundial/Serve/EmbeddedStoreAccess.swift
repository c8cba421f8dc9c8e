import InfluxQL
import StoreAccess

/// Who the tasks act as on the embedded store when `[store] auth-enabled` is on: the user (or, as password, the
/// token) of `[task] store-username` and `store-password`, with that principal's privileges, as Kapacitor acts as its
/// `[[influxdb]]` user. Without them, every batch query and every write of a task is refused: a task could otherwise
/// read and write any database for whoever may define tasks.
struct EmbeddedStoreAccess: Sendable {
    let access: AccessStore
    let isEnabled: Bool
    let username: String
    let password: String

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws unless the tasks' principal may run every statement.
    func authorize(_ statements: [Statement]) throws {
        guard let principal = try principal() else { return }
        for statement in statements {
            if let reason = access.denial(of: statement, by: principal, defaultDatabase: nil) {
                throw Refusal(description: "error authorizing query: \(reason)")
            }
        }
    }

    /// Throws unless the tasks' principal may read `database` (a stream task gets every point written to it).
    func authorizeRead(database: String) throws {
        guard let principal = try principal() else { return }
        guard access.may(principal, .read, on: database) else {
            throw Refusal(description: "\"\(principal.name)\" user is not authorized to read database \"\(database)\"")
        }
    }

    /// Throws unless the tasks' principal may write `database`.
    func authorizeWrite(database: String) throws {
        guard let principal = try principal() else { return }
        guard access.may(principal, .write, on: database) else {
            throw Refusal(description: "\"\(principal.name)\" user is not authorized to write to database \"\(database)\"")
        }
    }

    /// Nil when the store checks no credentials.
    private func principal() throws -> Principal? {
        guard isEnabled else { return nil }
        guard !username.isEmpty || !password.isEmpty else {
            throw Refusal(
                description: "the store has auth-enabled and the tasks have no credentials: set [task] store-username and store-password")
        }
        guard let principal = access.principal(user: username, password: password) else {
            throw Refusal(description: "authorization failed for [task] store-username \(username)")
        }
        return principal
    }
}
