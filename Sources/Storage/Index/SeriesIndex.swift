import TimeSeries

/// One database's series: key ↔ id, and measurement → series → tags, answering SHOW-style lookups and tag
/// predicates without touching data. Held in memory; rebuilt at start-up from the TSM files' keys and the WAL.
struct SeriesIndex {
    struct Measurement {
        let name: String
        var series: [Int] = []
        /// tag key → tag value → series ids.
        var tags: [String: [String: [Int]]] = [:]
        /// Each tag key's values in byte order, sorted on first ask and forgotten when a series comes or goes, so a
        /// `SHOW TAG VALUES` loop does not sort the same values on every request.
        fileprivate var sortedValues: [String: [String]] = [:]
    }

    struct Limits {
        var maxSeries: Int
        var maxValuesPerTag: Int
    }

    private var table = ByteKeyTable()
    private(set) var seriesKeys: [[UInt8]] = []
    private(set) var seriesMeasurement: [Int] = []
    /// Each series' tags, parsed once when it is added, so queries need not parse keys.
    private(set) var seriesTags: [[String: String]] = []
    private var measurementIDs: [String: Int] = [:]
    private(set) var measurements: [Measurement] = []
    /// Series dropped from the index (DROP SERIES / DROP MEASUREMENT); their ids stay reserved for their keys.
    private(set) var dropped: Set<Int> = []
    /// Counts the changes to the set of live series: answers computed from the index stay true while it is unchanged.
    private(set) var version = 0

    var seriesCount: Int { seriesKeys.count - dropped.count }

    /// Ids of every live series.
    var liveSeries: [Int] { (0..<seriesKeys.count).filter { !dropped.contains($0) } }

    func seriesID(_ key: UnsafeRawBufferPointer) -> Int? {
        table.find(key).flatMap { dropped.contains($0) ? nil : $0 }
    }

    /// The id of the series, adding it if new and within `limits`; otherwise InfluxDB's limit message.
    mutating func admit(_ key: UnsafeRawBufferPointer, limits: Limits) -> Swift.Result<Int, LimitExceeded> {
        if let id = table.find(key) {
            if !dropped.isEmpty && dropped.contains(id) { restore(id) }
            return .success(id)
        }
        if limits.maxSeries > 0 && seriesCount >= limits.maxSeries {
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
        guard let id = table.find(key) else { return add(key, SeriesKey(parsing: key)) }
        if !dropped.isEmpty && dropped.contains(id) { restore(id) }
        return id
    }

    /// Takes a series out of its measurement and tag lists; its data must already be deleted.
    mutating func drop(_ id: Int) {
        guard dropped.insert(id).inserted else { return }
        version += 1
        let measurementID = seriesMeasurement[id]
        measurements[measurementID].series.removeAll { $0 == id }
        measurements[measurementID].sortedValues = [:]
        for (key, values) in measurements[measurementID].tags {
            for (value, ids) in values where ids.contains(id) {
                let remaining = ids.filter { $0 != id }
                measurements[measurementID].tags[key]![value] = remaining.isEmpty ? nil : remaining
            }
            if measurements[measurementID].tags[key]!.isEmpty { measurements[measurementID].tags[key] = nil }
        }
    }

    /// Puts a dropped series back when it is written again.
    private mutating func restore(_ id: Int) {
        dropped.remove(id)
        version += 1
        let parsed = seriesKeys[id].withUnsafeBytes { SeriesKey(parsing: $0) }
        let measurementID = seriesMeasurement[id]
        measurements[measurementID].series.append(id)
        measurements[measurementID].sortedValues = [:]
        for tag in parsed.tags { measurements[measurementID].tags[tag.key, default: [:]][tag.value, default: []].append(id) }
    }

    private mutating func add(_ key: UnsafeRawBufferPointer, _ parsed: SeriesKey) -> Int {
        let id = seriesKeys.count
        version += 1
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
        seriesTags.append(Dictionary(parsed.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        measurements[measurementID].series.append(id)
        measurements[measurementID].sortedValues = [:]
        for tag in parsed.tags {
            measurements[measurementID].tags[tag.key, default: [:]][tag.value, default: []].append(id)
        }
        return id
    }

    func measurement(named name: String) -> Measurement? {
        measurementIDs[name].map { measurements[$0] }
    }

    /// The values a measurement's series have for a tag key, in byte order (Go's string order, InfluxDB's).
    mutating func sortedTagValues(measurement name: String, key: String) -> [String] {
        guard let id = measurementIDs[name], let values = measurements[id].tags[key] else { return [] }
        if let sorted = measurements[id].sortedValues[key] { return sorted }
        let sorted = values.keys.sorted { $0.precedesInByteOrder($1) }
        measurements[id].sortedValues[key] = sorted
        return sorted
    }

    func key(of series: Int) -> String {
        String(decoding: seriesKeys[series], as: UTF8.self)
    }
}

/// A series or tag-value limit that a new series would break, in InfluxDB's words.
struct LimitExceeded: Error {
    let message: String
}
