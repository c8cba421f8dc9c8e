public import LineProtocol
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
    /// A point straight from the line-protocol parser (no intermediate `Point`), written to
    /// `database`.`retentionPolicy`.
    public init(_ parsed: ParsedPoint, database: String, retentionPolicy: String) {
        var tags: [String: String] = Dictionary(minimumCapacity: parsed.tags.count)
        for tag in parsed.tags {
            tags[LineProtocolEscaping.unescapeKey(parsed.bytes(tag.key))] = LineProtocolEscaping.unescapeKey(parsed.bytes(tag.value))
        }
        var fields: [String: FieldValue] = Dictionary(minimumCapacity: parsed.fields.count)
        for field in parsed.fields { fields[LineProtocolEscaping.unescapeKey(parsed.bytes(field.key))] = parsed.fieldValue(field.value) }
        self.init(
            name: LineProtocolEscaping.unescapeMeasurement(parsed.bytes(parsed.measurement)), database: database,
            retentionPolicy: retentionPolicy, tags: tags, fields: fields, time: parsed.timestamp)
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
