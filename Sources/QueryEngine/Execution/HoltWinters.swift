import Forecasting
import InfluxQL

/// `holt_winters(aggregate, N, S)`: Holt-Winters' damped, multiplicative-season forecast of the aggregate's next N
/// intervals (season length S, none below 2), fitted as InfluxDB fits it — a Nelder-Mead search from a grid of
/// starting guesses minimising the squared error — so forecasts agree with InfluxDB's.
struct HoltWinters: Equatable {
    static let maximumHorizon = HoltWintersForecast.maximumHorizon
    let horizon: Int
    let season: Int
    /// holt_winters_with_fit: the fitted values over the data come first.
    let includesFit: Bool

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

    /// The forecast from the aggregate's buckets (in time order, empty ones left out), `interval` apart; a killed
    /// query or one past its time stops the search.
    func forecast(_ points: [(time: Int64, value: Double)], interval: Int64) throws -> [(time: Int64, value: Double)] {
        do {
            return try HoltWintersForecast(horizon: horizon, season: season, includesFit: includesFit).forecast(
                points, interval: interval, check: { try QueryBudget.current?.check() })
        } catch let refusal as HoltWintersForecast.Refusal {
            throw QueryError(refusal.description)
        }
    }
}
