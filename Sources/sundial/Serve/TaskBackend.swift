import DataDirectory
import Foundation
import InfluxClient
import Logging
import QueryEngine
import SundialConfig
import TaskService
import TimeSeries

/// Which InfluxDB the tasks service reads and writes: the first enabled `[[influxdb]]` section (the one marked
/// `default = true` if any) or, with none, the embedded store.
struct TaskBackend {
    let writer: (any PointWriter)?
    let querier: (any InfluxQLQuerying)?
    /// The embedded store's check of what stream tasks may read; nil for a remote InfluxDB, which checks its own.
    let streamAccess: StreamAccessCheck?
    /// The remote cluster, when the tasks use one and may subscribe to it.
    let remote: (section: InfluxDBSection, database: RemoteInfluxDB)?

    init(configuration: SundialConfiguration, store: EmbeddedStore?) {
        let enabled = configuration.influxdb.filter(\.enabled)
        guard let section = enabled.first(where: \.isDefault) ?? enabled.first, let url = section.urls.first else {
            remote = nil
            guard let store else {
                (writer, querier, streamAccess) = (nil, nil, nil)
                return
            }
            let task = configuration.task
            let access = EmbeddedStoreAccess(
                access: store.access, isEnabled: configuration.store.authEnabled, username: task.storeUsername, password: task.storePassword
            )
            writer = EmbeddedPointWriter(engine: store.engine, access: access)
            querier = EmbeddedQuerier(
                executor: QueryExecutor(engine: store.engine, access: store.access, limits: configuration.store.queryLimits), access: access
            )
            streamAccess = { database in try access.authorizeRead(database: database) }
            return
        }
        let credentials: InfluxConnection.Credentials =
            !section.token.isEmpty
            ? .token(section.token) : section.username.isEmpty ? .none : .basic(user: section.username, password: section.password)
        let timeout = section.timeout.nanoseconds > 0 ? Duration.nanoseconds(section.timeout.nanoseconds) : .seconds(60)
        let database = RemoteInfluxDB(
            connection: InfluxConnection(
                url: url, credentials: credentials, insecureSkipVerify: section.insecureSkipVerify, trustedAuthorities: section.sslCA),
            timeout: timeout)
        writer = database
        querier = database
        streamAccess = nil
        remote = (section, database)
    }

    /// The service that keeps the remote InfluxDB's subscriptions pointing here; nil without a remote cluster or
    /// with `disable-subscriptions = true`.
    func subscriptionService(configuration: SundialConfiguration, dataDirectory: DataDirectory) throws -> SubscriptionSyncService? {
        guard let remote, !remote.section.disableSubscriptions else { return nil }
        let port = remote.section.httpPort > 0 ? remote.section.httpPort : configuration.http.bindAddress.port
        let host = remote.section.kapacitorHostname.isEmpty ? configuration.global.hostname : remote.section.kapacitorHostname
        // With the tasks API's auth on, InfluxDB signs its writes in as `~subscriber` with this server's token.
        let credentials =
            try subscriptionToken(configuration: configuration, dataDirectory: dataDirectory).map { "~subscriber:\($0)@" } ?? ""
        let manager = SubscriptionManager(
            remote: remote.database, clusterID: try Self.clusterID(in: dataDirectory), destination: "http://\(credentials)\(host):\(port)",
            only: remote.section.subscriptions, logger: Logger(label: "subscriptions"))
        return SubscriptionSyncService(manager: manager, interval: remote.section.subscriptionsSyncInterval.nanoseconds)
    }

    /// The token subscriptions sign in with when the tasks API checks credentials and subscriptions are made; made once
    /// and kept in the data directory (0600), so the subscriptions InfluxDB holds stay valid across restarts.
    func subscriptionToken(configuration: SundialConfiguration, dataDirectory: DataDirectory) throws -> String? {
        guard configuration.http.authEnabled, let remote, !remote.section.disableSubscriptions else { return nil }
        let path = dataDirectory.path(of: "subscription.token")
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !existing.isEmpty
        {
            return existing
        }
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try token.write(toFile: path, atomically: true, encoding: .utf8)
        return token
    }

    /// This server's cluster id, made once and kept in the data directory, so its subscriptions keep their name.
    static func clusterID(in dataDirectory: DataDirectory) throws -> String {
        let path = dataDirectory.path(of: "cluster.id")
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !existing.isEmpty
        {
            return existing
        }
        let id = UUID().uuidString.lowercased()
        try id.write(toFile: path, atomically: true, encoding: .utf8)
        return id
    }
}
