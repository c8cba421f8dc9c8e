import GRDB

/// An InfluxDB connection as the control plane keeps it (Chronograf's `chronograf.Source`). The password and shared
/// secret must be sent to the source, so they are kept retrievable: sealed with the credentials key when one is
/// configured (`SealedSecret`), and never returned by the API.
struct SourceRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "source"

    var id: Int64?
    var name = ""
    var type = ""
    var username = ""
    @SealedSecret var password = ""
    @SealedSecret var sharedSecret = ""
    var url = ""
    var metaURL = ""
    var insecureSkipVerify = false
    var isDefault = false
    var telegraf = "telegraf"
    var defaultRP = ""
    var organization = "default"
    var role = ""
    var version = ""

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Chronograf's source types; v3 ones are accepted and stored, but contacted like 1.x.
    static let types: Set<String> = [
        "influx", "influx-enterprise", "influx-relay", "influx-v2", "influx-v3-core", "influx-v3-enterprise",
        "influx-v3-cloud-serverless", "influx-v3-cloud-dedicated", "influx-v3-clustered",
    ]
}

/// A Kapacitor connection of a source (Chronograf's `chronograf.Server` with an empty type).
struct KapacitorRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "kapacitor"

    var id: Int64?
    var sourceID: Int64
    var name = ""
    var url = ""
    var username = ""
    @SealedSecret var password = ""
    var insecureSkipVerify = false
    var active = false
    var organization = "default"

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
