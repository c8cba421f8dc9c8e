/// How InfluxQL nodes read a stream without a window: each group's points with one timestamp form a batch, handed
/// over when a point with a newer timestamp arrives.
struct SameTimeBatcher {
    private var pending: [GroupKey: PointBatch] = [:]

    var count: Int { pending.count }

    /// Adds a point; returns the group's previous batch when this point starts a new one.
    mutating func add(_ point: StreamPoint) -> PointBatch? {
        let entry = BatchPoint(time: point.time, fields: point.fields, tags: point.tags)
        if pending[point.group]?.time == point.time {
            pending[point.group]?.points.append(entry)
            return nil
        }
        let finished = pending[point.group]
        pending[point.group] = PointBatch(
            name: point.name, time: point.time, group: point.group, tags: point.group.groupTags(of: point.tags), points: [entry])
        return finished
    }
}
