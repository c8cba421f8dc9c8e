import FileIO
import TimeSeries
import WriteAheadLog

/// Start-up: open every shard's TSM files (their keys rebuild the series index and field types), then replay the
/// WAL into the caches.
extension StorageEngine {
    func openShards() throws {
        for database in meta.databases {
            let state = DatabaseState(name: database.name)
            databases[database.name] = state
            for policy in database.retentionPolicies {
                for group in policy.shardGroups {
                    let shard = try openShard(database: state, policy: policy.name, group: group)
                    try loadFiles(of: shard, into: state)
                }
            }
        }
    }

    func loadFiles(of shard: Shard, into state: DatabaseState) throws {
        shard.tombstones = try TombstoneStore(directory: shard.directory, fileSystem: fileSystem).load()
        let droppedSeries = shard.tombstones.filter(\.dropsSeries)
        for name in try fileSystem.contentsOfDirectory(shard.directory) {
            if name.hasSuffix(".tmp") {
                // A TSM file whose writer died before the rename; its data is still in the WAL.
                try fileSystem.remove(shard.directory + "/" + name)
                continue
            }
            guard let generation = Shard.generation(of: name) else { continue }
            let reader = try TSMReader(path: shard.directory + "/" + name, generation: generation, fileSystem: fileSystem)
            shard.files.append(reader)
            shard.nextGeneration = max(shard.nextGeneration, generation + 1)
            for entry in reader.entries {
                guard let (series, field) = TSMFormat.split(entry.key) else { continue }
                let seriesBytes = Array(series)
                let seriesKey = String(decoding: seriesBytes, as: UTF8.self)
                // A series dropped after this file was written stays out of the index.
                if droppedSeries.contains(where: { $0.covers(seriesKey: seriesKey, generation: generation) }) { continue }
                seriesBytes.withUnsafeBytes { key in
                    _ = state.index.addIfMissing(key)
                    let measurement = UnsafeRawBufferPointer(rebasing: key[..<SeriesKey.measurementEnd(key)])
                    let fieldID = Array(field).withUnsafeBytes { state.fieldID(measurement: measurement, field: $0) }
                    shard.fieldTypes[fieldID] = entry.type
                }
            }
        }
        shard.files.sort { $0.generation < $1.generation }
    }

    /// Replays the WAL; returns what replay had to repair or skip. A record whose checksum matches but whose
    /// contents cannot be read is reported and skipped, so one bad record cannot keep the store from starting.
    func replayWAL() throws -> [String] {
        var skipped: [String] = []
        let summary = try WALReplay.replay(directory: walDirectory, fileSystem: fileSystem) { payload, position in
            let record: WALRecord
            do {
                record = try WALRecord.decode(payload)
            } catch {
                skipped.append(
                    "WAL segment \(WALSegmentName.fileName(for: position.segment)): the record at byte \(position.offset) cannot be read "
                        + "(\(error)); skipped")
                return
            }
            switch record {
            case .write(let write): try applyReplayed(write)
            case .dropDatabase(let name, let incarnation): try removeDatabase(name, incarnation: incarnation)
            case .delete(let delete): try apply(delete)
            case .dropShardGroup(let drop): try apply(drop)
            }
        }
        return summary.repairs + skipped
    }

    private func applyReplayed(_ write: WALWrite) throws {
        guard let info = meta.database(write.database), info.incarnation == write.incarnation,
            let policy = info.retentionPolicy(write.retentionPolicy), policy.incarnation == write.policyIncarnation,
            let state = databases[write.database]
        else { return }  // the database or policy was dropped (and perhaps recreated) after this write
        var metaChanged = false
        let cutoff = policy.duration > 0 ? configuration.clock() - policy.duration : Int64.min
        for point in write.points where point.timestamp >= cutoff {
            let shard = try shard(database: state, policy: write.retentionPolicy, timestamp: point.timestamp, metaChanged: &metaChanged)
            point.seriesKey.withUnsafeBytes { key in
                let series = state.index.addIfMissing(key)
                let measurement = UnsafeRawBufferPointer(rebasing: key[..<SeriesKey.measurementEnd(key)])
                for field in point.fields {
                    let fieldID = field.key.withUnsafeBytes { state.fieldID(measurement: measurement, field: $0) }
                    if let known = shard.fieldTypes[fieldID], known != field.value.type { continue }
                    shard.fieldTypes[fieldID] = field.value.type
                    shard.withCache {
                        shard.append(SeriesFieldKey(series: series, field: fieldID), field.value.type, point.timestamp, field.value)
                    }
                }
            }
        }
        if metaChanged { try metaStore.save(meta) }
    }
}
