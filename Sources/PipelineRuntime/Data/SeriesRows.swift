import TimeSeries

/// Data as Kapacitor shows it in `httpOut` and alert events: a point is a row with all its tags and `time` +
/// sorted field columns; a batch is one series with the group's tags and `time` + its fields and the point tags that
/// are not the group's, sorted together.
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
        var names = Set<String>()
        for point in batch.points {
            names.formUnion(point.fields.keys)
            for key in point.tags.keys where batch.tags[key] == nil { names.insert(key) }
        }
        // Fields and the tags that are not the group's share one sorted column list, as Kapacitor's batch rows do.
        let columns = names.sorted()
        let rows = batch.points.map { point -> [ResultValue] in
            var row: [ResultValue] = [.time(point.time)]
            for name in columns {
                if let field = point.fields[name] {
                    row.append(ResultValue(field))
                } else {
                    row.append(point.tags[name].map { .string($0) } ?? .null)
                }
            }
            return row
        }
        return ResultSeries(name: batch.name, tags: batch.tags.isEmpty ? nil : batch.tags, columns: ["time"] + columns, values: rows)
    }

}
