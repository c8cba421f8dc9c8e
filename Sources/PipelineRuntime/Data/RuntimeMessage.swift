public import TimeSeries

/// One point in a stream: where it came from, its tags and fields, its time and its group.
public struct StreamPoint: Sendable {
    public var name: String
    public var database: String
    public var retentionPolicy: String
    public var tags: [String: String]
    public var fields: [String: FieldValue]
    /// Nanoseconds since the epoch.
    public var time: Int64
    public var group: GroupKey

    public init(name: String, database: String, retentionPolicy: String, tags: [String: String], fields: [String: FieldValue], time: Int64)
    {
        self.name = name
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.tags = tags
        self.fields = fields
        self.time = time
        self.group = .none
    }

    /// A point as the store holds it, written to `database`.`retentionPolicy`.
    public init(_ point: Point, database: String, retentionPolicy: String) {
        var tags: [String: String] = [:]
        for tag in point.tags { tags[tag.key] = tag.value }
        var fields: [String: FieldValue] = [:]
        for field in point.fields { fields[field.key] = field.value }
        self.init(
            name: point.measurement, database: database, retentionPolicy: retentionPolicy, tags: tags, fields: fields, time: point.timestamp
        )
    }
}

/// One point inside a batch: the batch carries the name and group.
public struct BatchPoint: Sendable {
    public var time: Int64
    public var fields: [String: FieldValue]
    public var tags: [String: String]
}

/// A window's or a query's points of one group, with the batch's time (`tmax`).
public struct PointBatch: Sendable {
    public var name: String
    public var time: Int64
    public var group: GroupKey
    /// The group's tags.
    public var tags: [String: String]
    public var points: [BatchPoint]
}

/// What flows along an edge of a running task.
public enum RuntimeMessage: Sendable {
    case point(StreamPoint)
    case batch(PointBatch)

    var group: GroupKey {
        switch self {
        case .point(let point): point.group
        case .batch(let batch): batch.group
        }
    }
}
