/// Somewhere points can be written: the embedded store, or a remote InfluxDB through its HTTP API. The stream
/// engine's `influxDBOut` writes through it.
public protocol PointWriter: Sendable {
    /// Writes points to `database`.`retentionPolicy` (empty: the database's default policy).
    func write(_ points: [Point], database: String, retentionPolicy: String) async throws
    /// `CREATE DATABASE <database> [WITH NAME <retentionPolicy>]`, as `influxDBOut().create()` sends it.
    func createDatabase(_ database: String, retentionPolicy: String?) async throws
}
