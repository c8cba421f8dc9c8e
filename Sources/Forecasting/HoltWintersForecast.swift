/// Holt-Winters' damped, multiplicative-season forecast of a series' next `horizon` intervals (season length
/// `season`, none below 2), fitted as InfluxDB's `holt_winters` and Kapacitor's `holtWinters` fit it — a Nelder-Mead
/// search from a grid of starting guesses minimising the squared error — so forecasts agree with theirs to the bit.
public struct HoltWintersForecast: Sendable, Equatable {
    /// Seasons longer than this are refused once there are enough values to fit one: the fit's search keeps a square
    /// of parameters as large as the season (InfluxDB has no limit and runs out of memory).
    public static let maximumSeason = 2048
    /// Forecasts past this many intervals are refused: each one is computed and kept. So are points spanning more
    /// intervals than this: each interval between them is a value of the fit.
    public static let maximumHorizon = 10_000_000

    public let horizon: Int
    public let season: Int
    /// The fitted values over the data come first (`holt_winters_with_fit`, `holtWintersWithFit`).
    public let includesFit: Bool

    private var isSeasonal: Bool { season >= 2 }

    public init(horizon: Int, season: Int, includesFit: Bool) {
        self.horizon = horizon
        self.season = season
        self.includesFit = includesFit
    }

    /// Why a forecast was refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The forecast from `points` (in time order), `interval` apart once rounded to it. `check` runs during the
    /// search, so a caller can stop it (a killed query). Nothing when there are too few points for the season.
    public func forecast(
        _ points: [(time: Int64, value: Double)], interval: Int64, check: () throws -> Void = {}
    ) throws -> [(time: Int64, value: Double)] {
        guard points.count >= 2, !isSeasonal || points.count >= season, horizon > 0, interval > 0 else { return [] }
        let span = points[points.count - 1].time.subtractingReportingOverflow(points[0].time)
        guard !span.overflow, span.partialValue / interval <= Self.maximumHorizon else {
            throw Refusal(description: "holt_winters: the points span more than \(Self.maximumHorizon) intervals of \(interval)ns")
        }
        let series = Self.evenlySpaced(points, interval: interval)
        // Times either side of 1970 can round into one interval (InfluxDB rounds towards zero, as here), leaving
        // fewer values than a season: InfluxDB then panics; Sundial answers nothing.
        guard series.count > 1, !isSeasonal || series.count >= season else { return [] }
        guard season <= Self.maximumSeason else {
            throw Refusal(description: "holt_winters season must be at most \(Self.maximumSeason) intervals to fit, got \(season)")
        }
        let model = HoltWintersModel(observed: series, season: isSeasonal ? season : 0)
        var best = try model.bestParameters(check: check)
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
            // The gap is bounded by the span checked above.
            while next > time {
                values.append(.nan)
                time &+= interval
            }
            values.append(point.value)
        }
        return values
    }
}
