import Foundation
import Hummingbird
import Logging
import NIOCore
import QueryEngine
import Storage
import StoreAccess
import StoreBackup
import Synchronization
import TimeSeries

/// `GET /sundial/v1/backup[?db=name…][&since=time]`: an online backup of the store, streamed (`BackupSnapshot`) to
/// `sundial store backup`. Admins only when auth is on: it holds every database, and the users' password hashes;
/// with auth off, only while there are no users or tokens. One backup at a time: each is a copy of the store on
/// disk until it is sent. `since` is RFC 3339 or nanoseconds since the epoch; `db` may be given several times.
struct BackupRoutes {
    let engine: StorageEngine
    let access: AccessStore
    let authenticator: RequestAuthenticator
    let logger: Logger
    private let running = BackupGate()

    init(engine: StorageEngine, access: AccessStore, authenticator: RequestAuthenticator, logger: Logger) {
        self.engine = engine
        self.access = access
        self.authenticator = authenticator
        self.logger = logger
    }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/sundial/v1/backup") { request, _ in try await backup(request) }
        return routes
    }

    private func backup(_ request: Request) async throws -> Response {
        let parameters = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        if authenticator.isEnabled {
            guard let principal = try authenticator.authenticate(request, parameters: parameters), principal.isAdmin else {
                throw InfluxErrorResponse(.forbidden, "admin privilege required")
            }
        } else if !access.isEmpty {
            throw InfluxErrorResponse(.forbidden, "a backup holds the users' password hashes: it needs auth-enabled = true")
        }
        let databases = request.uri.queryParameters.getAll("db").map { String($0) }
        var since: Int64?
        if let text = parameters["since"] {
            guard let time = Int64(text) ?? RFC3339.parse(text)?.nanoseconds else {
                throw InfluxErrorResponse(.badRequest, "since: expected RFC 3339 or nanoseconds, got \(text)")
            }
            since = time
        }
        guard running.enter() else { throw InfluxErrorResponse(.conflict, "a backup is being made already: try again when it is done") }
        let snapshot: BackupSnapshot
        do {
            snapshot = try await BackupSnapshot.make(
                engine: engine, access: access, databases: databases.isEmpty ? nil : Set(databases), since: since,
                workDirectory: engine.backupWorkDirectory)
        } catch {
            running.leave()
            if let error = error as? BackupError { throw InfluxErrorResponse(.badRequest, error.description) }
            throw error
        }
        // Removed, and the next backup let in, when the response is done with it, however it ends (a client gone
        // before the first byte never runs the body).
        let owner = SnapshotOwner(snapshot: snapshot, gate: running)
        let bytes = snapshot.manifest.files.reduce(0) { $0 + $1.size }
        logger.info(
            "backup started",
            metadata: [
                "databases": "\(snapshot.manifest.databases.joined(separator: ","))", "files": "\(snapshot.manifest.files.count)",
                "bytes": "\(bytes)",
            ])
        let logger = logger
        let body = ResponseBody { writer in
            let snapshot = owner.snapshot
            do {
                try await snapshot.stream { chunk in try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
                logger.info("backup sent", metadata: ["bytes": "\(bytes)"])
            } catch {
                logger.warning("backup not sent whole: \(error)")
                throw error
            }
        }
        return Response(status: .ok, headers: [.contentType: "application/x-sundial-backup"], body: body)
    }
}

/// Whether a backup is being made.
final class BackupGate: Sendable {
    private let busy = Mutex(false)

    func enter() -> Bool {
        busy.withLock { busy in
            guard !busy else { return false }
            busy = true
            return true
        }
    }

    func leave() {
        busy.withLock { $0 = false }
    }
}

/// Holds a snapshot while its response lives.
final class SnapshotOwner: Sendable {
    let snapshot: BackupSnapshot
    private let gate: BackupGate

    init(snapshot: BackupSnapshot, gate: BackupGate) {
        self.snapshot = snapshot
        self.gate = gate
    }

    deinit {
        snapshot.remove()
        gate.leave()
    }
}
