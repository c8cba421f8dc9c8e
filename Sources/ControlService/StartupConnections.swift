/// Connections made at start-up rather than stored: Chronograf's `--influxdb-url` / `--kapacitor-url` flags, or in
/// the all-in-one `serve` the embedded store and tasks service. They are source 0 (the default) and its active
/// Kapacitor 0, live only in memory, and are read-only through the API.
public struct StartupConnections: Sendable {
    public var sourceName: String
    public var sourceURL: String
    public var sourceUsername: String
    public var sourcePassword: String
    public var kapacitorName: String?
    public var kapacitorURL: String?
    public var kapacitorUsername: String
    public var kapacitorPassword: String
    /// Named in refusals to change them (`the --influxdb-url flag`, `the embedded store`).
    public var origin: String

    public init(
        sourceName: String, sourceURL: String, sourceUsername: String = "", sourcePassword: String = "", kapacitorName: String? = nil,
        kapacitorURL: String? = nil, kapacitorUsername: String = "", kapacitorPassword: String = "", origin: String
    ) {
        self.sourceName = sourceName
        self.sourceURL = sourceURL
        self.sourceUsername = sourceUsername
        self.sourcePassword = sourcePassword
        self.kapacitorName = kapacitorName
        self.kapacitorURL = kapacitorURL
        self.kapacitorUsername = kapacitorUsername
        self.kapacitorPassword = kapacitorPassword
        self.origin = origin
    }
}

extension ResourceFiles {
    /// Puts the start-up connections first: source 0, the only default of its organization, and Kapacitor 0,
    /// active. Files that used id 0 give way.
    mutating func add(_ startup: StartupConnections) {
        var source = SourceRecord(id: 0)
        source.name = startup.sourceName
        source.url = startup.sourceURL
        source.username = startup.sourceUsername
        source.password = startup.sourcePassword
        source.type = "influx"
        source.isDefault = true
        if sourceFiles[0] != nil { problems.append("skipped source 0 of \(sourceFiles[0]!): id 0 is \(startup.origin)") }
        sources.removeAll { $0.id == 0 }
        for index in sources.indices where sources[index].organization == source.organization { sources[index].isDefault = false }
        sources.insert(source, at: 0)
        sourceFiles[0] = startup.origin
        guard let url = startup.kapacitorURL else { return }
        var kapacitor = KapacitorRecord(id: 0, sourceID: 0)
        kapacitor.name = startup.kapacitorName ?? url
        kapacitor.url = url
        kapacitor.username = startup.kapacitorUsername
        kapacitor.password = startup.kapacitorPassword
        kapacitor.active = true
        kapacitors.removeAll { $0.id == 0 }
        for index in kapacitors.indices where kapacitors[index].sourceID == 0 { kapacitors[index].active = false }
        kapacitors.insert(kapacitor, at: 0)
        kapacitorFiles[0] = startup.origin
    }
}
