/// One database's series: key ↔ id, and measurement → series → tags, answering SHOW-style lookups and tag
/// predicates without touching data. Held in memory; rebuilt at start-up from the TSM files' keys and the WAL.
struct SeriesIndex {
    struct Measurement {
        let name: String
        var series: [Int] = []
        /// tag key → tag value → series ids.
        var tags: [String: [String: [Int]]] = [:]
    }

    struct Limits {
        var maxSeries: Int
        var maxValuesPerTag: Int
    }

    private var table = ByteKeyTable()
    private(set) var seriesKeys: [[UInt8]] = []
    private(set) var seriesMeasurement: [Int] = []
    private var measurementIDs: [String: Int] = [:]
    private(set) var measurements: [Measurement] = []

    var seriesCount: Int { seriesKeys.count }

    func seriesID(_ key: UnsafeRawBufferPointer) -> Int? {
        table.find(key)
    }

    /// The id of the series, adding it if new and within `limits`; otherwise InfluxDB's limit message.
    mutating func admit(_ key: UnsafeRawBufferPointer, limits: Limits) -> Swift.Result<Int, LimitExceeded> {
        if let id = table.find(key) { return .success(id) }
        if limits.maxSeries > 0 && seriesKeys.count >= limits.maxSeries {
            return .failure(LimitExceeded(message: "max-series-per-database limit exceeded: (\(limits.maxSeries))"))
        }
        let parsed = SeriesKey(parsing: key)
        if limits.maxValuesPerTag > 0, let measurementID = measurementIDs[parsed.measurement] {
            for tag in parsed.tags {
                let values = measurements[measurementID].tags[tag.key]
                if let values, values[tag.value] == nil, values.count >= limits.maxValuesPerTag {
                    return .failure(
                        LimitExceeded(
                            message: "max-values-per-tag limit exceeded (\(values.count)/\(limits.maxValuesPerTag)): "
                                + "measurement=\(GoQuote.quote(parsed.measurement)) tag=\(GoQuote.quote(tag.key)) value=\(GoQuote.quote(tag.value))"
                        )
                    )
                }
            }
        }
        return .success(add(key, parsed))
    }

    /// Adds a series without checking limits (start-up and replay: it was admitted before).
    mutating func addIfMissing(_ key: UnsafeRawBufferPointer) -> Int {
        table.find(key) ?? add(key, SeriesKey(parsing: key))
    }

    private mutating func add(_ key: UnsafeRawBufferPointer, _ parsed: SeriesKey) -> Int {
        let id = seriesKeys.count
        table.insert(key, value: id)
        seriesKeys.append(Array(key))
        let measurementID =
            measurementIDs[parsed.measurement]
            ?? {
                measurements.append(Measurement(name: parsed.measurement))
                measurementIDs[parsed.measurement] = measurements.count - 1
                return measurements.count - 1
            }()
        seriesMeasurement.append(measurementID)
        measurements[measurementID].series.append(id)
        for tag in parsed.tags {
            measurements[measurementID].tags[tag.key, default: [:]][tag.value, default: []].append(id)
        }
        return id
    }

    func measurement(named name: String) -> Measurement? {
        measurementIDs[name].map { measurements[$0] }
    }

    func key(of series: Int) -> String {
        String(decoding: seriesKeys[series], as: UTF8.self)
    }
}

/// A series or tag-value limit that a new series would break, in InfluxDB's words.
struct LimitExceeded: Error {
    let message: String
}
