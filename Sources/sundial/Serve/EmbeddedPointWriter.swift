import InfluxQL
import LineProtocol
import Storage
import TimeSeries

/// `influxDBOut` into the embedded store: points written as one line-protocol batch, databases created as
/// `CREATE DATABASE … WITH NAME …` would.
struct EmbeddedPointWriter: PointWriter {
    let engine: StorageEngine
    let access: EmbeddedStoreAccess

    func write(_ points: [Point], database: String, retentionPolicy: String) async throws {
        try access.authorizeWrite(database: database)
        let outcome = try await engine.write(
            LineProtocolEncoder.encode(points), database: database, retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy)
        if let message = outcome.errorMessage { throw StorageError(.invalidArgument, message) }
    }

    func createDatabase(_ database: String, retentionPolicy: String?) async throws {
        try access.authorize([.createDatabase(CreateDatabaseStatement(name: database))])
        try engine.createDatabase(database, defaultPolicy: RetentionPolicyInfo(name: retentionPolicy ?? "autogen"))
    }
}
