import LineProtocol
import Storage
import TimeSeries

/// `influxDBOut` into the embedded store: points written as one line-protocol batch, databases created as
/// `CREATE DATABASE … WITH NAME …` would.
struct EmbeddedPointWriter: PointWriter {
    let engine: StorageEngine

    func write(_ points: [Point], database: String, retentionPolicy: String) async throws {
        let outcome = try await engine.write(
            LineProtocolEncoder.encode(points), database: database, retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy)
        if let message = outcome.errorMessage { throw StorageError(.invalidArgument, message) }
    }

    func createDatabase(_ database: String, retentionPolicy: String?) async throws {
        try engine.createDatabase(database, defaultPolicy: RetentionPolicyInfo(name: retentionPolicy ?? "autogen"))
    }
}
