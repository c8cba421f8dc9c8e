import TimeSeries

/// The in-memory state of one database: its series index, field ids and open shards.
final class DatabaseState {
    let name: String
    var index = SeriesIndex()
    var fields = FieldRegistry()
    /// Escaped field keys by field id, for TSM keys.
    var escapedFieldKeys: [[UInt8]] = []
    var shards: [Int: Shard] = [:]
    /// Series that batches still waiting for their WAL write added (or brought back) to the index, with how many
    /// such batches use each. A series leaves this table when one of them is durable; when all of them fail, it
    /// leaves the index again, so a failed write never leaves a series behind.
    var provisionalSeries: [Int: Int] = [:]

    init(name: String) {
        self.name = name
    }

    /// After a batch's WAL write: its provisional series are kept (`isDurable`) or, once no batch uses them, dropped.
    func settleProvisionalSeries(_ ids: [Int], isDurable: Bool) {
        for id in ids {
            guard let users = provisionalSeries[id] else { continue }
            if isDurable {
                provisionalSeries[id] = nil
            } else if users > 1 {
                provisionalSeries[id] = users - 1
            } else {
                provisionalSeries[id] = nil
                index.drop(id)
            }
        }
    }

    func fieldID(measurement: UnsafeRawBufferPointer, field: UnsafeRawBufferPointer) -> Int {
        let id = fields.id(measurement: measurement, field: field)
        if id == escapedFieldKeys.count { escapedFieldKeys.append(Array(field)) }
        return id
    }
}
