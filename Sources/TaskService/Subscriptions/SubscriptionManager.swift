import Foundation
public import InfluxClient
public import Logging
import TimeSeries

/// Keeps a remote InfluxDB 1.x sending its writes here, as Kapacitor's subscription handshake does
/// (SPEC-kapacitor.md §7.1): one subscription named `kapacitor-<cluster id>` on every database and retention policy
/// (or only those listed), pointing at this server's `/write`; one of ours with another destination is dropped and
/// made again. Subscriptions stay when Sundial stops, as Kapacitor's do.
public struct SubscriptionManager: Sendable {
    let remote: RemoteInfluxDB
    let name: String
    let destination: String
    /// Database → policies to subscribe to; empty: all.
    let only: [String: [String]]
    let logger: Logger

    /// `destination`: where the remote InfluxDB can reach this server's tasks service (`http://host:port`).
    public init(remote: RemoteInfluxDB, clusterID: String, destination: String, only: [String: [String]] = [:], logger: Logger) {
        self.remote = remote
        self.name = "kapacitor-\(clusterID)"
        self.destination = destination
        self.only = only
        self.logger = logger
    }

    /// One pass of the handshake: what is missing is created, what is stale is replaced. Returns how many were
    /// created.
    @discardableResult
    public func sync() async throws -> Int {
        var created = 0
        let existing = try await subscriptions()
        for (database, policies) in try await policies() {
            for policy in policies {
                let key = "\(database)\u{0}\(policy)"
                if let destinations = existing[key] {
                    if destinations == [destination] { continue }
                    try await run("DROP SUBSCRIPTION \(quote(name)) ON \(quote(database)).\(quote(policy))")
                }
                try await run(
                    "CREATE SUBSCRIPTION \(quote(name)) ON \(quote(database)).\(quote(policy)) DESTINATIONS ANY '\(destination)'")
                logger.info("subscribed to \(database).\(policy) of \(remote.connection.url)")
                created += 1
            }
        }
        return created
    }

    /// Every database's retention policies (less `_internal`), filtered by `only`.
    private func policies() async throws -> [(String, [String])] {
        var result: [(String, [String])] = []
        for database in try await column("SHOW DATABASES", "name") where database != "_internal" {
            if !only.isEmpty && only[database] == nil { continue }
            var policies = try await column("SHOW RETENTION POLICIES ON \(quote(database))", "name")
            if let wanted = only[database], !wanted.isEmpty { policies = policies.filter(wanted.contains) }
            result.append((database, policies))
        }
        return result
    }

    /// Our subscriptions: "db\0rp" → destinations.
    private func subscriptions() async throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for series in try await run("SHOW SUBSCRIPTIONS").series {
            let columns = series.columns
            guard let rp = columns.firstIndex(of: "retention_policy"), let nameIndex = columns.firstIndex(of: "name"),
                let destinations = columns.firstIndex(of: "destinations")
            else { continue }
            for row in series.values where row[nameIndex] == .string(name) {
                guard case .string(let policy) = row[rp] else { continue }
                let targets: [String] =
                    switch row[destinations] {
                    case .strings(let list): list
                    case .string(let text): [text]
                    default: []
                    }
                found["\(series.name ?? "")\u{0}\(policy)"] = targets
            }
        }
        return found
    }

    private func column(_ statement: String, _ column: String) async throws -> [String] {
        try await run(statement).series.flatMap { series -> [String] in
            guard let index = series.columns.firstIndex(of: column) else { return [] }
            return series.values.compactMap { if case .string(let text) = $0[index] { text } else { nil } }
        }
    }

    @discardableResult
    private func run(_ statement: String) async throws -> StatementResult {
        guard let result = try await remote.query(statement).first else { return StatementResult(statementID: 0) }
        if let error = result.error { throw InfluxClientError.status(200, "\(statement): \(error)") }
        return result
    }

    private func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
