public import TimeSeries

/// The values of one series field held in memory, in arrival order until `sortAndDeduplicate()`.
///
/// A class so a dictionary of entries is appended to in place; one typed array is used, chosen by `type`.
final class CacheEntry {
    let type: FieldType
    private(set) var times: [Int64] = []
    private(set) var floats: [Double] = []
    private(set) var integers: [Int64] = []
    private(set) var unsigneds: [UInt64] = []
    private(set) var booleans: [Bool] = []
    private(set) var strings: [String] = []
    /// False once a value arrives at or before the previous one's time.
    private(set) var isSorted = true
    /// Approximate bytes held, for the cache's flush threshold.
    private(set) var size = 0

    init(type: FieldType) {
        self.type = type
    }

    var count: Int { times.count }

    /// The first and last time held (the entry must be sorted).
    var timeRange: ClosedRange<Int64>? {
        guard let first = times.first, let last = times.last else { return nil }
        return first...last
    }

    /// Appends a value and returns the bytes it added to `size`. A value of another type is refused (0 bytes): the
    /// write path checks types first, and this keeps `times` and the typed array in step whatever reaches it (a
    /// WAL written by an older build that let a point carry one field with two types).
    @discardableResult
    func append(_ time: Int64, _ value: FieldValue) -> Int {
        guard value.type == type else { return 0 }
        if let last = times.last, time <= last { isSorted = false }
        times.append(time)
        var added = 16
        switch value {
        case .float(let number): floats.append(number)
        case .integer(let number): integers.append(number)
        case .unsigned(let number): unsigneds.append(number)
        case .boolean(let flag): booleans.append(flag)
        case .string(let text):
            strings.append(text)
            added += text.utf8.count
        }
        size += added
        return added
    }

    /// Sorts by time; for equal times the value that arrived last wins, as InfluxDB's last write does.
    func sortAndDeduplicate() {
        guard !isSorted else { return }
        let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        for index in order {
            if let last = kept.last, times[last] == times[index] {
                kept[kept.count - 1] = index
            } else {
                kept.append(index)
            }
        }
        times = kept.map { times[$0] }
        switch type {
        case .float: floats = kept.map { floats[$0] }
        case .integer: integers = kept.map { integers[$0] }
        case .unsigned: unsigneds = kept.map { unsigneds[$0] }
        case .boolean: booleans = kept.map { booleans[$0] }
        case .string: strings = kept.map { strings[$0] }
        }
        isSorted = true
    }

    /// Values in `range`, as a column (the entry must be sorted).
    func column(in range: ClosedRange<Int64>) -> FieldColumn {
        let lower = times.partitioningIndex { $0 >= range.lowerBound }
        let upper = times.partitioningIndex { $0 > range.upperBound }
        return FieldColumn(type: type, times: Array(times[lower..<upper]), values: values(lower..<upper))
    }

    private func values(_ range: Range<Int>) -> FieldColumn.Values {
        switch type {
        case .float: .floats(Array(floats[range]))
        case .integer: .integers(Array(integers[range]))
        case .unsigned: .unsigneds(Array(unsigneds[range]))
        case .boolean: .booleans(Array(booleans[range]))
        case .string: .strings(Array(strings[range]))
        }
    }

    /// Removes values in `range` (a delete).
    func remove(in range: ClosedRange<Int64>) {
        sortAndDeduplicate()
        let lower = times.partitioningIndex { $0 >= range.lowerBound }
        let upper = times.partitioningIndex { $0 > range.upperBound }
        guard lower < upper else { return }
        times.removeSubrange(lower..<upper)
        switch type {
        case .float: floats.removeSubrange(lower..<upper)
        case .integer: integers.removeSubrange(lower..<upper)
        case .unsigned: unsigneds.removeSubrange(lower..<upper)
        case .boolean: booleans.removeSubrange(lower..<upper)
        case .string: strings.removeSubrange(lower..<upper)
        }
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPart`, for an array partitioned by it (binary search).
    func partitioningIndex(where belongsInSecondPart: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsInSecondPart(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
