import LineProtocol
import TimeSeries

/// Reading a series field as chunks, so aggregates can use TSM block statistics instead of decoding blocks.
extension StorageEngine {
    /// The values of `field` of `seriesKey` in `range` as time-ordered chunks: whole blocks that nothing else
    /// overlaps come as summaries, everything else decoded and merged (newest data winning, deletes applied).
    /// `summarizable` can refuse a block by its time span (one that straddles a GROUP BY time bucket, say): it is
    /// then decoded with the rest, in the same pass.
    public func readChunks(
        database: String,
        retentionPolicy: String? = nil,
        seriesKey: String,
        field: String,
        in range: ClosedRange<Int64> = Int64.min...Int64.max,
        summarizable: (ClosedRange<Int64>) -> Bool = { _ in true }
    ) throws -> [CursorChunk] {
        var escapedField: [UInt8] = []
        LineProtocolEscaping.escapeKey(field, into: &escapedField)
        let tsmKey = TSMFormat.key(series: Array(seriesKey.utf8), field: escapedField)
        var chunks: [CursorChunk] = []
        for source in try shardSources(
            database: database, retentionPolicy: retentionPolicy, seriesKey: seriesKey, escapedField: escapedField, in: range)
        {
            guard let type = source.type else { continue }
            chunks += try shardChunks(source, key: tsmKey, type: type, range: range, summarizable: summarizable)
        }
        return chunks
    }

    private func shardChunks(
        _ source: ShardSources,
        key: [UInt8],
        type: FieldType,
        range: ClosedRange<Int64>,
        summarizable: (ClosedRange<Int64>) -> Bool
    ) throws -> [CursorChunk] {
        let entries = source.files.map { ($0, $0.entry(for: key)) }
        var summaries: [BlockSummary] = []
        var decoded: [FieldColumn] = []
        for (fileIndex, (file, entry)) in entries.enumerated() {
            guard let entry else { continue }
            let deletes = source.tombstones.filter { $0.maxGeneration >= file.generation }
            for block in entry.blocks where block.maxTime >= range.lowerBound && block.minTime <= range.upperBound {
                let touched =
                    !range.contains(block.minTime) || !range.contains(block.maxTime) || !summarizable(block.minTime...block.maxTime)
                    || deletes.contains { $0.maxTime >= block.minTime && $0.minTime <= block.maxTime }
                    || source.memory.contains { $0.hasTime(in: block.minTime...block.maxTime) }
                    || entries.enumerated().contains { other in
                        other.offset != fileIndex
                            && (other.element.1?.blocks.contains { $0.maxTime >= block.minTime && $0.minTime <= block.maxTime } ?? false)
                    }
                guard touched || entry.type != type else {
                    summaries.append(BlockSummary(type: type, meta: block))
                    continue
                }
                var column = try file.readBlock(block, of: entry.key)
                let lower = column.times.partitioningIndex { $0 >= range.lowerBound }
                let upper = column.times.partitioningIndex { $0 > range.upperBound }
                column = column.slice(lower..<upper)
                for tombstone in deletes { column = tombstone.filter(column) }
                if column.type == type { decoded.append(column) }
            }
        }
        let merged = FieldColumn.merge(decoded + source.memory, type: type)
        return Self.interleave(merged, with: summaries.sorted { $0.minTime < $1.minTime })
    }

    /// Splits `merged` around the summarised blocks so all chunks come in time order.
    private static func interleave(_ merged: FieldColumn, with blocks: [BlockSummary]) -> [CursorChunk] {
        var chunks: [CursorChunk] = []
        var start = 0
        for block in blocks {
            let end = merged.times[start...].firstIndex { $0 > block.minTime } ?? merged.count
            if end > start { chunks.append(.values(merged.slice(start..<end))) }
            chunks.append(.block(block))
            start = end
        }
        if start < merged.count { chunks.append(.values(merged.slice(start..<merged.count))) }
        return chunks
    }
}
