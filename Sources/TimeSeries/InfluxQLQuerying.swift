/// Somewhere InfluxQL runs: the embedded store's query engine, or a remote InfluxDB's `/query`. Batch tasks query
/// through it.
public protocol InfluxQLQuerying: Sendable {
    /// Runs `text` (statements name their database: `"db"."rp"."measurement"`) and gives each statement's result;
    /// a statement's own error is in its result, a failure to run at all is thrown.
    func query(_ text: String) async throws -> [StatementResult]
}
