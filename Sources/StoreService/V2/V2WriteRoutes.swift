import Hummingbird
import InfluxQL
import ServerLogging
import Storage
import StoreAccess
import TimeSeries

/// `POST /api/v2/write?org=&bucket=&precision=`: line protocol into a bucket, as InfluxDB 2.x takes it, with 2.x's
/// error shape. A bucket is named by id or name; a name that is no bucket but names a database of the store
/// (`db` or `db/rp`) writes there, as InfluxDB 1.8 serves this route.
///
/// Lines that do not parse are reported (400) while the good lines of the batch are stored, InfluxDB 1.x's partial
/// write; InfluxDB 2.x would reject the whole batch.
struct V2WriteRoutes {
    let gateway: V2Gateway
    let maxBodySize: Int

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/api/v2/write") { request, _ in try await write(request) }
        return routes
    }

    private func write(_ request: Request) async throws -> Response {
        let principal = try gateway.principal(request)
        let parameters = request.uri.queryParameters
        let precisionName = parameters["precision"].map(String.init) ?? "ns"
        guard ["ns", "us", "ms", "s"].contains(precisionName), let precision = Precision(name: precisionName == "us" ? "u" : precisionName)
        else { throw PlatformError(.invalid, "invalid precision; valid precision units are ns, us, ms, and s") }
        let (database, retentionPolicy, bucket) = try target(request, principal: principal)
        if let principal {
            let allowed =
                switch principal {
                case .token(let token): bucket.map { token.allows(.write, bucketID: $0.id) } ?? token.isOperator
                case .user: gateway.access.may(principal, .write, on: database)
                }
            guard allowed else { throw PlatformError(.forbidden, "insufficient permissions for write") }
        }
        let body: [UInt8]
        do {
            body = try await WriteBody.collect(request, maxBodySize: maxBodySize)
        } catch .tooLarge {
            throw PlatformError(.tooLarge, "unable to read data: points batch is too large")
        } catch .badGzip(let reason) {
            throw PlatformError(.invalid, "unable to read data: \(reason)")
        }
        guard !body.isEmpty else { return Response(status: .noContent) }
        let outcome: WriteOutcome
        do {
            outcome = try await gateway.engine.write(body, database: database, retentionPolicy: retentionPolicy, precision: precision)
        } catch let error as StorageError {
            throw PlatformError(error.kind == .databaseNotFound ? .notFound : .internalError, error.message)
        } catch {
            throw PlatformError(.internalError, "\(error)")
        }
        if let message = outcome.errorMessage { throw PlatformError(.invalid, message) }
        return Response(status: .noContent)
    }

    /// Where the write goes: the bucket's database and retention policy, or a database named directly (1.8 style).
    private func target(_ request: Request, principal: Principal?) throws -> (String, String?, Bucket?) {
        let parameters = request.uri.queryParameters
        guard let name = parameters["bucket"].map(String.init), !name.isEmpty else {
            throw PlatformError(.notFound, "bucket not found")
        }
        var orgID: String?
        if case .token = principal {
            orgID = try gateway.organization(request, principal: principal).id
        } else if let org = parameters["orgID"].map(String.init) ?? parameters["org"].map(String.init) {
            orgID = gateway.access.organization(org)?.id
        }
        if let bucket = gateway.access.bucket(name, orgID: orgID) { return (bucket.database, bucket.retentionPolicy, bucket) }
        // Tokens other than the operator's reach only buckets; users and anonymous 1.8-style clients may name databases.
        var mayNameDatabases = true
        if case .token(let token) = principal { mayNameDatabases = token.isOperator }
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        if mayNameDatabases, let database = parts.first, gateway.engine.databaseInfo(database) != nil {
            return (database, parts.count > 1 ? parts[1] : nil, nil)
        }
        throw PlatformError(.notFound, "bucket \"\(name)\" not found")
    }
}
