/// Prometheus' remote storage messages (`prompb`: `WriteRequest`, `ReadRequest`, `ReadResponse`), the fields
/// InfluxDB 1.8 reads and writes; other fields (metadata, exemplars, hints) are skipped when read.
public struct RemoteTimeSeries: Sendable, Equatable {
    public var labels: [(name: String, value: String)]
    public var samples: [(value: Double, timestampMilliseconds: Int64)]

    public init(labels: [(name: String, value: String)], samples: [(value: Double, timestampMilliseconds: Int64)]) {
        self.labels = labels
        self.samples = samples
    }

    public static func == (lhs: RemoteTimeSeries, rhs: RemoteTimeSeries) -> Bool {
        lhs.labels.elementsEqual(rhs.labels, by: ==)
            && lhs.samples.elementsEqual(rhs.samples) {
                $0.value.bitPattern == $1.value.bitPattern && $0.timestampMilliseconds == $1.timestampMilliseconds
            }
    }

    init(_ bytes: ArraySlice<UInt8>) throws(RemoteStorageError) {
        self.init(labels: [], samples: [])
        var reader = ProtobufReader(bytes)
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            switch number {
            case 1:
                try ProtobufReader.expect(.lengthDelimited, type)
                var label = ProtobufReader(try reader.lengthDelimited())
                var (name, value) = ("", "")
                while !label.isAtEnd {
                    let (field, fieldType) = try label.field()
                    switch field {
                    case 1, 2:
                        try ProtobufReader.expect(.lengthDelimited, fieldType)
                        if field == 1 { name = try label.string() } else { value = try label.string() }
                    default: try label.skip(fieldType)
                    }
                }
                labels.append((name, value))
            case 2:
                try ProtobufReader.expect(.lengthDelimited, type)
                var sample = ProtobufReader(try reader.lengthDelimited())
                var (value, time): (Double, Int64) = (0, 0)
                while !sample.isAtEnd {
                    let (field, fieldType) = try sample.field()
                    switch (field, fieldType) {
                    case (1, .fixed64): value = Double(bitPattern: try sample.fixed64())
                    case (2, .varint): time = Int64(bitPattern: try sample.varint())
                    case (1, _), (2, _): throw RemoteStorageError("field has the wrong wire type")
                    default: try sample.skip(fieldType)
                    }
                }
                samples.append((value, time))
            default: try reader.skip(type)
            }
        }
    }

    func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        for label in labels {
            var pair = ProtobufWriter()
            pair.string(1, label.name)
            pair.string(2, label.value)
            writer.message(1, pair.bytes)
        }
        for sample in samples {
            var entry = ProtobufWriter()
            entry.double(1, sample.value)
            entry.int64(2, sample.timestampMilliseconds)
            writer.message(2, entry.bytes)
        }
        return writer.bytes
    }
}

/// `WriteRequest`: the series Prometheus sends to remote write.
public struct RemoteWriteRequest: Sendable, Equatable {
    public var series: [RemoteTimeSeries]

    public init(series: [RemoteTimeSeries]) {
        self.series = series
    }

    public init(decoding bytes: [UInt8]) throws(RemoteStorageError) {
        series = []
        var reader = ProtobufReader(bytes[...])
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            guard number == 1 else {
                try reader.skip(type)
                continue
            }
            try ProtobufReader.expect(.lengthDelimited, type)
            series.append(try RemoteTimeSeries(try reader.lengthDelimited()))
        }
    }

    public func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        for entry in series { writer.message(1, entry.encoded()) }
        return writer.bytes
    }
}

/// A label matcher of a remote read query.
public struct RemoteLabelMatcher: Sendable, Equatable {
    public enum Kind: UInt64, Sendable {
        case equal = 0
        case notEqual = 1
        case regexMatch = 2
        case regexNoMatch = 3
    }

    public var kind: Kind
    public var name: String
    public var value: String

    public init(_ kind: Kind, name: String, value: String) {
        self.kind = kind
        self.name = name
        self.value = value
    }
}

/// `Query`: a time range in milliseconds (both ends included) and label matchers.
public struct RemoteQuery: Sendable, Equatable {
    public var startMilliseconds: Int64
    public var endMilliseconds: Int64
    public var matchers: [RemoteLabelMatcher]

    public init(startMilliseconds: Int64, endMilliseconds: Int64, matchers: [RemoteLabelMatcher]) {
        self.startMilliseconds = startMilliseconds
        self.endMilliseconds = endMilliseconds
        self.matchers = matchers
    }

    init(_ bytes: ArraySlice<UInt8>) throws(RemoteStorageError) {
        self.init(startMilliseconds: 0, endMilliseconds: 0, matchers: [])
        var reader = ProtobufReader(bytes)
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            switch (number, type) {
            case (1, .varint): startMilliseconds = Int64(bitPattern: try reader.varint())
            case (2, .varint): endMilliseconds = Int64(bitPattern: try reader.varint())
            case (3, .lengthDelimited): matchers.append(try Self.matcher(try reader.lengthDelimited()))
            case (1, _), (2, _), (3, _): throw RemoteStorageError("field has the wrong wire type")
            default: try reader.skip(type)
            }
        }
    }

    private static func matcher(_ bytes: ArraySlice<UInt8>) throws(RemoteStorageError) -> RemoteLabelMatcher {
        var reader = ProtobufReader(bytes)
        var matcher = RemoteLabelMatcher(.equal, name: "", value: "")
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            switch (number, type) {
            case (1, .varint):
                let raw = try reader.varint()
                guard let kind = RemoteLabelMatcher.Kind(rawValue: raw) else { throw RemoteStorageError("unknown match type \(raw)") }
                matcher.kind = kind
            case (2, .lengthDelimited): matcher.name = try reader.string()
            case (3, .lengthDelimited): matcher.value = try reader.string()
            case (1, _), (2, _), (3, _): throw RemoteStorageError("field has the wrong wire type")
            default: try reader.skip(type)
            }
        }
        return matcher
    }

    func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.int64(1, startMilliseconds)
        writer.int64(2, endMilliseconds)
        for matcher in matchers {
            var entry = ProtobufWriter()
            entry.int64(1, Int64(matcher.kind.rawValue))
            entry.string(2, matcher.name)
            entry.string(3, matcher.value)
            writer.message(3, entry.bytes)
        }
        return writer.bytes
    }
}

/// `ReadRequest`: the queries of a remote read.
public struct RemoteReadRequest: Sendable, Equatable {
    public var queries: [RemoteQuery]

    public init(queries: [RemoteQuery]) {
        self.queries = queries
    }

    public init(decoding bytes: [UInt8]) throws(RemoteStorageError) {
        queries = []
        var reader = ProtobufReader(bytes[...])
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            guard number == 1 else {
                try reader.skip(type)
                continue
            }
            try ProtobufReader.expect(.lengthDelimited, type)
            queries.append(try RemoteQuery(try reader.lengthDelimited()))
        }
    }

    public func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        for query in queries { writer.message(1, query.encoded()) }
        return writer.bytes
    }
}

/// `ReadResponse`: one `QueryResult` of series per query.
public enum RemoteReadResponse {
    public static func encode(_ results: [[RemoteTimeSeries]]) -> [UInt8] {
        var writer = ProtobufWriter()
        for series in results {
            var result = ProtobufWriter()
            for entry in series { result.message(1, entry.encoded()) }
            writer.message(1, result.bytes)
        }
        return writer.bytes
    }

    /// The series of each result (what Prometheus reads back; for tests).
    public static func decode(_ bytes: [UInt8]) throws(RemoteStorageError) -> [[RemoteTimeSeries]] {
        var results: [[RemoteTimeSeries]] = []
        var reader = ProtobufReader(bytes[...])
        while !reader.isAtEnd {
            let (number, type) = try reader.field()
            guard number == 1 else {
                try reader.skip(type)
                continue
            }
            try ProtobufReader.expect(.lengthDelimited, type)
            var result = ProtobufReader(try reader.lengthDelimited())
            var series: [RemoteTimeSeries] = []
            while !result.isAtEnd {
                let (field, fieldType) = try result.field()
                guard field == 1 else {
                    try result.skip(fieldType)
                    continue
                }
                try ProtobufReader.expect(.lengthDelimited, fieldType)
                series.append(try RemoteTimeSeries(try result.lengthDelimited()))
            }
            results.append(series)
        }
        return results
    }
}
