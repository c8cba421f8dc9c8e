/// The store's part of InfluxDB's statistics: `write` (counted on the write path) and, computed when read, one
/// `database` statistic per database (`numMeasurements`, `numSeries`) and one `shard` statistic per shard
/// (`diskBytes` of its TSM files).
extension StorageEngine {
    static let writeCounterNames = [
        "req", "pointReq", "pointReqLocal", "writeOk", "writeError", "writeDrop", "writeTimeout", "subWriteOk", "subWriteDrop",
    ]

    /// Counts one write request of `points` points and how it ended, as InfluxDB's points writer does.
    func countWrite(points: Int, outcome: WriteOutcome?) {
        writeCounters.increment("req")
        writeCounters.add(Int64(points), to: "pointReq")
        writeCounters.add(Int64(points), to: "pointReqLocal")
        guard let outcome else { return writeCounters.increment("writeError") }
        if outcome.dropped > 0 { writeCounters.add(Int64(outcome.dropped), to: "writeDrop") }
        if outcome.pointsWritten > 0 { writeCounters.increment("writeOk") }
    }

    func storeStatistics() -> [Statistic] {
        withLock {
            var statistics: [Statistic] = []
            for name in databases.keys.sorted() {
                guard let state = databases[name] else { continue }
                let measurements = state.index.measurements.filter { !$0.series.isEmpty }.count
                statistics.append(
                    Statistic(
                        name: "database", tags: ["database": name],
                        values: ["numMeasurements": Int64(measurements), "numSeries": Int64(state.index.seriesCount)],
                        key: "database:" + name))
                for shard in state.shards.values.sorted(by: { $0.id < $1.id }) {
                    let tags = [
                        "database": name, "retentionPolicy": shard.retentionPolicy, "id": String(shard.id), "path": shard.directory,
                        "engine": "tsm1",
                    ]
                    let diskBytes = shard.files.reduce(0) { $0 + Int64($1.size) }
                    statistics.append(
                        Statistic(name: "shard", tags: tags, values: ["diskBytes": diskBytes], key: "shard:\(shard.directory):\(shard.id)"))
                }
            }
            return statistics
        }
    }
}
