import InfluxQL

/// `holt_winters(aggregate, N, S)`: Holt-Winters' damped, multiplicative-season forecast of the aggregate's next N
/// intervals (season length S, none below 2), fitted as InfluxDB fits it — a Nelder-Mead search from a grid of
/// starting guesses minimising the squared error — so forecasts agree with InfluxDB's.
struct HoltWinters: Equatable {
    /// Forecasts past this many intervals are refused: each one is computed and kept.
    static let maximumHorizon = 10_000_000
    /// Seasons longer than this are refused once there are enough values to fit one: the fit's search keeps a square
    /// of parameters as large as the season (InfluxDB has no limit and runs out of memory).
    static let maximumSeason = 2048

    let horizon: Int
    let season: Int
    /// holt_winters_with_fit: the fitted values over the data come first.
    let includesFit: Bool

    private var isSeasonal: Bool { season >= 2 }

    /// `holt_winters[_with_fit](aggregate, N, S)`'s arguments checked with InfluxDB's errors (the first, the
    /// aggregate, by the transformation).
    init(_ withFit: Bool, _ arguments: [Expression]) throws {
        let name = withFit ? "holt_winters_with_fit" : "holt_winters"
        guard arguments.count == 3 else { throw QueryError("invalid number of arguments for \(name), expected 3, got \(arguments.count)") }
        guard case .integer(let horizon) = arguments[1] else { throw QueryError("expected integer argument as second arg in \(name)") }
        guard horizon > 0 else { throw QueryError("second arg to \(name) must be greater than 0, got \(horizon)") }
        guard horizon <= Self.maximumHorizon else {
            throw QueryError("second arg to \(name) must be at most \(Self.maximumHorizon), got \(horizon)")
        }
        guard case .integer(let season) = arguments[2] else { throw QueryError("expected integer argument as third arg in \(name)") }
        guard season >= 0 else { throw QueryError("third arg to \(name) cannot be negative, got \(season)") }
        self.horizon = Int(horizon)
        self.season = Int(season)
        includesFit = withFit
    }

    /// The forecast from the aggregate's buckets (in time order, empty ones left out), `interval` apart.
    func forecast(_ points: [(time: Int64, value: Double)], interval: Int64) throws -> [(time: Int64, value: Double)] {
        guard points.count >= 2, !isSeasonal || points.count >= season, horizon > 0, interval > 0 else { return [] }
        let series = Self.evenlySpaced(points, interval: interval)
        // Times either side of 1970 can round into one interval (InfluxDB rounds towards zero, as here), leaving
        // fewer values than a season: InfluxDB then panics; Sundial answers nothing.
        guard series.count > 1, !isSeasonal || series.count >= season else { return [] }
        guard season <= Self.maximumSeason else {
            throw QueryError("holt_winters season must be at most \(Self.maximumSeason) intervals to fit, got \(season)")
        }
        let model = HoltWintersModel(observed: series, season: isSeasonal ? season : 0)
        var best = try model.bestParameters()
        let forecasted = model.forecast(horizon: horizon, parameters: &best)
        var output: [(time: Int64, value: Double)] = []
        if includesFit {
            for (index, value) in forecasted.enumerated() where !value.isNaN {
                output.append((points[0].time &+ interval &* Int64(index), value))
            }
        } else {
            let last = points[points.count - 1].time
            for (index, value) in forecasted.dropFirst(series.count).enumerated() where !value.isNaN {
                output.append((last &+ interval &* Int64(index + 1), value))
            }
        }
        return output
    }

    /// One value per interval from the first point's to the last one's (times rounded to the interval), a missing
    /// one NaN; of several in one interval the first counts. Nothing when the points round to one interval.
    private static func evenlySpaced(_ points: [(time: Int64, value: Double)], interval: Int64) -> [Double] {
        let half = interval / 2
        func rounded(_ time: Int64) -> Int64 {
            let (quotient, remainder) = time.quotientAndRemainder(dividingBy: interval)
            return (remainder > half ? quotient &+ 1 : quotient) &* interval
        }
        let start = rounded(points[0].time)
        guard (rounded(points[points.count - 1].time) &- start) / interval > 0 else { return [] }
        var values = [points[0].value]
        var time = start
        for point in points.dropFirst() {
            let next = rounded(point.time)
            guard next > time else { continue }
            time &+= interval
            // The gap is bounded by the buckets the query made, so this never runs past them.
            while next > time {
                values.append(.nan)
                time &+= interval
            }
            values.append(point.value)
        }
        return values
    }
}
