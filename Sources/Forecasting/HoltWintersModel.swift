import Foundation

/// Holt-Winters' recursions over evenly spaced values as InfluxDB computes them. Parameters are alpha, beta, gamma,
/// phi (each kept in [0, 1]), the initial level and trend, then one seasonal factor per step of the season. As in
/// InfluxDB, computing a forecast writes the constrained parameters and the last seasonal factors back into the
/// parameters it was given, and the search below depends on that.
struct HoltWintersModel {
    /// The observed values; NaN where an interval had none.
    let observed: [Double]
    /// The season's length in intervals; 0 when not seasonal.
    let season: Int

    /// The weight of the first values in the initial guesses.
    private static let initialWeight = 0.5
    private static let epsilon = 1.0e-4

    /// The parameters of the least squared error, searched from a grid of starting guesses (alpha, beta, gamma and
    /// phi each 0.3 and 0.7) with the initial level, trend and season estimated from the first values.
    /// `check` runs between the searches (and inside them): a query's kill or time limit throws from it.
    func bestParameters(check: () throws -> Void) throws -> [Double] {
        var start = [Double](repeating: 0, count: 6) + initialSeason()
        start[4] = initialLevel()
        start[5] = initialTrend()
        let optimizer = NelderMead(epsilon: Self.epsilon)
        var smallest = Double.infinity
        var best: [Double]?
        let guesses = Array(stride(from: 0.3, to: 1.0, by: 0.4))
        for alpha in guesses {
            for beta in guesses {
                for gamma in guesses {
                    for phi in guesses {
                        try check()
                        start[0] = alpha
                        start[1] = beta
                        start[2] = gamma
                        start[3] = phi
                        let (error, parameters) = try optimizer.minimize(start, check: check) { squaredError(&$0) }
                        if error < smallest || best == nil { (smallest, best) = (error, parameters) }
                    }
                }
            }
        }
        return best!
    }

    private func initialLevel() -> Double {
        guard season > 0 else { return Self.initialWeight * observed[0] }
        var level = 0.0
        for value in observed.prefix(season) where !value.isNaN { level += (1 / Double(season)) * value }
        return level
    }

    private func initialTrend() -> Double {
        guard season > 0 else { return observed[1].isNaN ? 0 : Self.initialWeight * (observed[1] - observed[0]) }
        var trend = 0.0
        for index in 0..<season where season + index < observed.count {
            let (early, late) = (observed[index], observed[season + index])
            if !early.isNaN && !late.isNaN { trend += 1 / Double(season * season) * (late - early) }
        }
        return trend
    }

    private func initialSeason() -> [Double] {
        guard season > 0 else { return [] }
        let level = initialLevel()
        return observed.prefix(season).map { $0.isNaN ? 0 : $0 / level }
    }

    /// The sum of squared differences between the fitted and the observed values; infinite when a fitted value is
    /// NaN where one was observed.
    func squaredError(_ parameters: inout [Double]) -> Double {
        let fitted = forecast(horizon: 0, parameters: &parameters)
        var sum = 0.0
        for (index, value) in fitted.enumerated() where !observed[index].isNaN {
            if value.isNaN { return .infinity }
            let difference = value - observed[index]
            sum += difference * difference
        }
        return sum
    }

    /// The fitted values over the observed ones, then `horizon` forecast ones.
    func forecast(horizon: Int, parameters: inout [Double]) -> [Double] {
        for index in 0..<4 { parameters[index] = min(max(parameters[index], 0), 1) }
        let (alpha, beta, gamma, phi) = (parameters[0], parameters[1], parameters[2], parameters[3])
        var (value, level, trend) = (observed[0], parameters[4], parameters[5])
        var dampedSum = phi
        let length = observed.count + horizon
        var output = [Double](repeating: 0, count: length)
        output[0] = value
        // The seasonal factors are a ring in parameters[6...]; `offset` moves the ring on each step.
        var offset = season - 1
        for step in 1..<length {
            var (seasonal, seasonalAhead) = (1.0, 1.0)
            if season > 0 {
                seasonal = parameters[6 + (step - season + offset) % season]
                seasonalAhead = parameters[6 + (step - season + step % season + offset) % season]
            }
            let previousLevel = level
            level = alpha * (value / seasonal) + (1 - alpha) * (previousLevel + phi * trend)
            let newSeasonal = gamma * (value / (previousLevel + phi * trend)) + (1 - gamma) * seasonal
            trend = beta * (level - previousLevel) + (1 - beta) * phi * trend
            value = (level + dampedSum * trend) * seasonalAhead
            dampedSum += GoMath.pow(phi, step)
            if season > 0 {
                parameters[6 + (step + offset) % season] = newSeasonal
                offset += 1
            }
            output[step] = value
        }
        return output
    }
}
