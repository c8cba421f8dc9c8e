import TimeSeries

/// Data as Kapacitor shows it in `httpOut` and alert events: a point is a row with all its tags and `time` +
/// sorted field columns; a batch is one series with the group's tags and `time` + sorted fields + sorted point
/// tags that are not the group's.
enum SeriesRows {
    static func series(_ message: RuntimeMessage) -> ResultSeries {
        switch message {
        case .point(let point): series(point)
        case .batch(let batch): series(batch)
        }
    }

    static func series(_ point: StreamPoint) -> ResultSeries {
        let names = point.fields.keys.sorted()
        var row: [ResultValue] = [.time(point.time)]
        for name in names { row.append(ResultValue(point.fields[name]!)) }
        return ResultSeries(name: point.name, tags: point.tags.isEmpty ? nil : point.tags, columns: ["time"] + names, values: [row])
    }

    static func series(_ batch: PointBatch) -> ResultSeries {
        var fieldNames = Set<String>()
        var tagNames = Set<String>()
        for point in batch.points {
            fieldNames.formUnion(point.fields.keys)
            for key in point.tags.keys where batch.tags[key] == nil { tagNames.insert(key) }
        }
        let fields = fieldNames.sorted()
        let tags = tagNames.sorted()
        let rows = batch.points.map { point -> [ResultValue] in
            var row: [ResultValue] = [.time(point.time)]
            for name in fields { row.append(point.fields[name].map(ResultValue.init) ?? .null) }
            for name in tags { row.append(point.tags[name].map { .string($0) } ?? .null) }
            return row
        }
        return ResultSeries(name: batch.name, tags: batch.tags.isEmpty ? nil : batch.tags, columns: ["time"] + fields + tags, values: rows)
    }

}
