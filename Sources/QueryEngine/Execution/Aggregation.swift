import TimeSeries

/// InfluxQL's aggregate and selector functions over the values of one bucket, in time order.
enum Aggregation {
    /// The result and, for selectors, the time of the selected point.
    static func apply(_ function: String, to points: [(time: Int64, value: FieldValue)], argument: Double? = nil) -> (ResultValue, Int64?) {
        if let (value, index) = selection(function, of: points, argument: argument) { return (value, index.map { points[$0].time }) }
        return (aggregate(function, of: points), nil)
    }

    /// For a selector (first, last, min, max, percentile): its value and the position of the point it selected in
    /// `points` (none when nothing qualifies); nil for any other function. Points come in time order, and among
    /// points of one time in series order, so "first seen" is InfluxDB's tie-break; `laterSeriesWinsLast` is for
    /// last() without GROUP BY time, which InfluxDB reads newest first, so of two equal points the later series wins.
    static func selection(
        _ function: String, of points: [(time: Int64, value: FieldValue)], argument: Double? = nil, laterSeriesWinsLast: Bool = false
    ) -> (ResultValue, Int?)? {
        switch function {
        case "first", "last", "min", "max", "percentile": break
        default: return nil
        }
        guard !points.isEmpty else { return (.null, nil) }
        let index: Int?
        switch function {
        case "first", "last": index = firstOrLast(function == "first", points, laterWinsTies: function == "last" && laterSeriesWinsLast)
        case "min", "max": index = extremum(function == "min", points)
        default: index = percentile(argument ?? 50, points)
        }
        return (index.map { ResultValue(points[$0].value) } ?? .null, index)
    }

    /// `count(distinct(field))`'s name among the functions: a count of the distinct values.
    static let countDistinct = "count(distinct)"

    /// count() and count(distinct()): zero for an empty bucket, an integer under fill(N).
    static func counts(_ function: String) -> Bool { function == "count" || function == countDistinct }

    private static func aggregate(_ function: String, of points: [(time: Int64, value: FieldValue)]) -> ResultValue {
        guard !points.isEmpty else { return counts(function) ? .integer(0) : .null }
        switch function {
        case "count": return .integer(Int64(points.count))
        case countDistinct: return .integer(Int64(Set(points.lazy.map(\.value)).count))
        case "mode": return mode(points)
        default: return numeric(function, of: points)
        }
    }

    private static func numeric(_ function: String, of points: [(time: Int64, value: FieldValue)]) -> ResultValue {
        let numbers = points.compactMap { number($0.value) }
        guard !numbers.isEmpty else { return .null }
        let allIntegers = points.allSatisfy { if case .integer = $0.value { true } else { false } }
        switch function {
        case "sum":
            if allIntegers { return .integer(points.reduce(0) { if case .integer(let v) = $1.value { $0 &+ v } else { $0 } }) }
            return .float(numbers.reduce(0, +))
        case "mean": return .float(numbers.reduce(0, +) / Double(numbers.count))
        case "spread":
            if allIntegers {
                // In integers, as InfluxDB subtracts them (wrapping: Int64.max - (-1) is Int64.min).
                let integers = points.compactMap { if case .integer(let v) = $0.value { v } else { nil } }
                return .integer(integers.max()! &- integers.min()!)
            }
            return .float(numbers.max()! - numbers.min()!)
        case "median":
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            return .float(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
        case "stddev":
            guard numbers.count > 1 else { return .null }
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            let variance = numbers.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(numbers.count - 1)
            return .float(variance.squareRoot())
        default: return .null
        }
    }

    /// distinct(): each value once, in the order of its first point (values of the same time in value order), as
    /// InfluxDB's distinct reducer emits them.
    static func distinct(_ points: [(time: Int64, value: FieldValue)]) -> [ResultValue] {
        var firstSeen: [FieldValue: Int64] = [:]
        for point in points where firstSeen[point.value].map({ point.time < $0 }) ?? true { firstSeen[point.value] = point.time }
        return firstSeen.sorted { left, right in
            left.value != right.value ? left.value < right.value : isLess(left.key, right.key)
        }.map { ResultValue($0.key) }
    }

    /// first or last by time; among points of that same time, the greater value wins, as InfluxDB's reducers do.
    private static func firstOrLast(_ isFirst: Bool, _ points: [(time: Int64, value: FieldValue)], laterWinsTies: Bool) -> Int {
        var best = 0
        for (index, point) in points.enumerated().dropFirst() {
            let current = points[best]
            let isBetterTime = isFirst ? point.time < current.time : point.time > current.time
            guard !isBetterTime else {
                best = index
                continue
            }
            guard point.time == current.time else { continue }
            if isGreater(point.value, than: current.value) || (laterWinsTies && !isGreater(current.value, than: point.value)) {
                best = index
            }
        }
        return best
    }

    static func isGreater(_ value: FieldValue, than other: FieldValue) -> Bool {
        switch (value, other) {
        case (.string(let left), .string(let right)): left > right
        case (.boolean(let left), .boolean(let right)): left && !right
        default: (number(value) ?? -Double.infinity) > (number(other) ?? -Double.infinity)
        }
    }

    /// min or max; ties go to the earlier point.
    private static func extremum(_ isMinimum: Bool, _ points: [(time: Int64, value: FieldValue)]) -> Int? {
        var best: (index: Int, number: Double)?
        for (index, point) in points.enumerated() {
            let value: Double
            switch point.value {
            case .boolean(let flag): value = flag ? 1 : 0
            default:
                guard let number = number(point.value) else { continue }
                value = number
            }
            if best == nil || (isMinimum ? value < best!.number : value > best!.number) { best = (index, value) }
        }
        return best?.index
    }

    /// InfluxDB's nearest rank: the value at sorted position floor(n × P / 100 + 0.5) − 1; none when that is out of
    /// range. Ties keep time order.
    private static func percentile(_ percent: Double, _ points: [(time: Int64, value: FieldValue)]) -> Int? {
        // Sorting (number, position) pairs, not the points themselves: plain 16-byte elements move far faster.
        var keys: [(number: Double, position: Int)] = []
        keys.reserveCapacity(points.count)
        for (position, point) in points.enumerated() {
            if let number = number(point.value) { keys.append((number, position)) }
        }
        let rank = Int((Double(keys.count) * percent / 100 + 0.5).rounded(.down)) - 1
        guard rank >= 0 && rank < keys.count else { return nil }
        return selectNth(rank, in: &keys).position
    }

    /// The element that sorting `keys` by (number, position) would put at `rank` (quickselect: linear on average,
    /// where a full sort of a large group cost most of a percentile query). Positions are distinct, so the order
    /// is total and the answer the same as the sort's.
    private static func selectNth(_ rank: Int, in keys: inout [(number: Double, position: Int)]) -> (number: Double, position: Int) {
        func less(_ a: (number: Double, position: Int), _ b: (number: Double, position: Int)) -> Bool {
            a.number < b.number || (a.number == b.number && a.position < b.position)
        }
        var low = 0
        var high = keys.count - 1
        while low < high {
            keys.swapAt((low + high) / 2, high)  // the middle element as pivot: keeps sorted input linear
            let pivot = keys[high]
            var store = low
            for index in low..<high where less(keys[index], pivot) {
                keys.swapAt(index, store)
                store += 1
            }
            keys.swapAt(store, high)
            if store == rank { return keys[store] }
            if store < rank { low = store + 1 } else { high = store - 1 }
        }
        return keys[rank]
    }

    /// The most frequent value, computed the way InfluxDB 1.x's mode reducer does: points sorted by value (time
    /// order kept among equal values) and walked once. Its quirks decide ties, and we keep them so answers match:
    /// every value after the smallest is counted from its second occurrence, so when no value occurs twice the
    /// smallest wins; a later value of equal count wins when its first point is no later than the winner's last.
    /// Booleans are simply counted, and true wins a tie.
    private static func mode(_ points: [(time: Int64, value: FieldValue)]) -> ResultValue {
        if case .boolean = points[0].value {
            let trueCount = points.count { if case .boolean(true) = $0.value { true } else { false } }
            return .boolean(trueCount * 2 >= points.count)
        }
        let sorted = points.enumerated().sorted { left, right in
            if isLess(left.element.value, right.element.value) { return true }
            if isLess(right.element.value, left.element.value) { return false }
            return left.offset < right.offset
        }.map(\.element)
        var mostFrequency = 0
        var currentFrequency = 0
        var current = sorted[0]
        var most = sorted[0]
        for point in sorted {
            if isLess(current.value, point.value) {
                currentFrequency = 1
                current = point
                continue
            }
            currentFrequency += 1
            if mostFrequency > currentFrequency || (mostFrequency == currentFrequency && current.time > most.time) { continue }
            mostFrequency = currentFrequency
            most = point
        }
        return ResultValue(most.value)
    }

    /// Value order within one field (all its values share a type): numbers numerically, strings by UTF-8 bytes as
    /// Go compares them.
    private static func isLess(_ value: FieldValue, _ other: FieldValue) -> Bool {
        switch (value, other) {
        case (.string(let left), .string(let right)): left.precedesInByteOrder(right)
        case (.integer(let left), .integer(let right)): left < right
        case (.unsigned(let left), .unsigned(let right)): left < right
        default: (number(value) ?? 0) < (number(other) ?? 0)
        }
    }

    static func number(_ value: FieldValue) -> Double? { value.numericValue }

}
