/// `integral(field[, unit])` as InfluxDB's integral reducer computes it: the trapezoid rule over the points in time
/// order (of points sharing a time only the last counts), in `unit`s (default 1s).
///
/// With `GROUP BY time`, a segment that crosses the end of a window is split there by linear interpolation; the
/// area from that end to the next point is counted in the next point's window, even across empty windows.
enum Integral {
    static func windows(_ points: [(time: Int64, value: Double)], unit: Int64, buckets: TimeBuckets?) -> [Int64: Double] {
        guard var previous = points.first, unit > 0 else { return [:] }
        func window(_ time: Int64) -> (start: Int64, end: Int64) {
            guard let buckets else { return (0, 0) }
            let start = buckets.start(of: time)
            return (start, buckets.next(after: start))
        }
        var current = window(previous.time)
        var sum = 0.0
        var result: [Int64: Double] = [:]
        for point in points.dropFirst() {
            if point.time == previous.time {
                previous = point
                continue
            }
            if buckets != nil && point.time >= current.end {
                if previous.time != current.end {
                    let slope = (point.value - previous.value) / Double(point.time &- previous.time)
                    let value = previous.value + slope * Double(current.end &- previous.time)
                    sum += 0.5 * (value + previous.value) * Double(current.end &- previous.time) / Double(unit)
                    previous = (current.end, value)
                }
                result[current.start] = sum
                current = window(point.time)
                sum = 0
            }
            sum += 0.5 * (point.value + previous.value) * Double(point.time &- previous.time) / Double(unit)
            previous = point
        }
        if previous.time != current.start { result[current.start] = sum }
        return result
    }
}
