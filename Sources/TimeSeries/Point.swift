/// One point as an owned value: measurement, sorted tags, fields, time in nanoseconds since the epoch.
///
/// The write hot path works on `ParsedPoint` views instead; this type is for APIs, tests and the stream engine,
/// where owning the strings is what is wanted.
public struct Point: Sendable, Hashable {
    public var measurement: String
    /// Sorted by key, keys unique.
    public var tags: [Tag]
    public var fields: [Field]
    public var timestamp: Int64

    public init(measurement: String, tags: [Tag] = [], fields: [Field], timestamp: Int64) {
        self.measurement = measurement
        self.tags = tags.sorted { $0.key.precedesInByteOrder($1.key) }
        self.fields = fields
        self.timestamp = timestamp
    }

    public func tag(_ key: String) -> String? {
        tags.first { $0.key == key }?.value
    }

    public func field(_ key: String) -> FieldValue? {
        fields.last { $0.key == key }?.value
    }
}

public struct Tag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

public struct Field: Sendable, Hashable {
    public var key: String
    public var value: FieldValue

    public init(_ key: String, _ value: FieldValue) {
        self.key = key
        self.value = value
    }
}
