/// A continuous query kept with its database: its name and its `CREATE CONTINUOUS QUERY` text as InfluxDB prints it
/// (sources and target completed with their database and retention policy), which is parsed again for each run.
public struct ContinuousQueryInfo: Sendable, Codable, Equatable {
    public var name: String
    public var query: String

    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }
}
