import TimeSeries

/// The in-memory state of one database: its series index, field ids and open shards.
final class DatabaseState {
    let name: String
    var index = SeriesIndex()
    var fields = FieldRegistry()
    /// Escaped field keys by field id, for TSM keys.
    var escapedFieldKeys: [[UInt8]] = []
    var shards: [Int: Shard] = [:]

    init(name: String) {
        self.name = name
    }

    func fieldID(measurement: UnsafeRawBufferPointer, field: UnsafeRawBufferPointer) -> Int {
        let id = fields.id(measurement: measurement, field: field)
        if id == escapedFieldKeys.count { escapedFieldKeys.append(Array(field)) }
        return id
    }
}
