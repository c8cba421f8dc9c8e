import LineProtocol
public import TimeSeries

/// A series field's first or last point, for whole-range `first()` and `last()`.
extension StorageEngine {
    /// The first or last stored value of `field` of `seriesKey` in `range`, with its time. Shards are tried from that
    /// end; in each, the cached values and every file's end block compete (on equal times newer data wins, as in
    /// `read`). An end block lying whole in the range, untouched by deletes, answers from the index's first or last
    /// value; otherwise it is decoded.
    public func endPoint(
        first isFirst: Bool,
        database: String,
        retentionPolicy: String? = nil,
        seriesKey: String,
        field: String,
        in range: ClosedRange<Int64> = Int64.min...Int64.max
    ) throws -> (time: Int64, value: FieldValue)? {
        var escapedField: [UInt8] = []
        LineProtocolEscaping.escapeKey(field, into: &escapedField)
        let tsmKey = TSMFormat.key(series: Array(seriesKey.utf8), field: escapedField)
        let sources = try shardSources(
            database: database, retentionPolicy: retentionPolicy, seriesKey: seriesKey, escapedField: escapedField, in: range)
        for source in isFirst ? sources : sources.reversed() {
            guard let type = source.type else { continue }
            // Files oldest first, then the snapshot and the cache: a later candidate wins a tie in time.
            var candidates: [(time: Int64, value: FieldValue)] = []
            for file in source.files {
                if let end = try fileEnd(isFirst, file, tsmKey, type, source.tombstones, range) { candidates.append(end) }
            }
            for column in source.memory where column.count > 0 && column.type == type {
                let position = isFirst ? 0 : column.count - 1
                candidates.append((column.times[position], column.value(at: position)))
            }
            var best: (time: Int64, value: FieldValue)?
            for candidate in candidates {
                if let current = best, isFirst ? candidate.time > current.time : candidate.time < current.time { continue }
                best = candidate
            }
            if let best { return best }
        }
        return nil
    }

    /// One file's first or last value of `key` in `range`: blocks are tried from that end until one holds a value.
    private func fileEnd(
        _ isFirst: Bool,
        _ file: TSMReader,
        _ key: [UInt8],
        _ type: FieldType,
        _ tombstones: [Tombstone],
        _ range: ClosedRange<Int64>
    ) throws -> (time: Int64, value: FieldValue)? {
        guard let entry = file.entry(for: key), entry.type == type else { return nil }
        let deletes = tombstones.filter { $0.maxGeneration >= file.generation }
        let blocks = entry.blocks.filter { $0.maxTime >= range.lowerBound && $0.minTime <= range.upperBound }
        for block in isFirst ? blocks : blocks.reversed() {
            let isWhole =
                range.contains(block.minTime) && range.contains(block.maxTime)
                && !deletes.contains { $0.maxTime >= block.minTime && $0.minTime <= block.maxTime }
            if isWhole, let bits = isFirst ? block.first : block.last, let value = BlockSummary.value(bits, type) {
                return (isFirst ? block.minTime : block.maxTime, value)
            }
            var column = try file.readBlock(block, of: key)
            let lower = column.times.partitioningIndex { $0 >= range.lowerBound }
            let upper = column.times.partitioningIndex { $0 > range.upperBound }
            column = column.slice(lower..<upper)
            for tombstone in deletes { column = tombstone.filter(column) }
            guard column.count > 0 else { continue }
            let position = isFirst ? 0 : column.count - 1
            return (column.times[position], column.value(at: position))
        }
        return nil
    }
}
