/// One step of a technical-analysis indicator: a value in, the indicator's value out. The algorithms are those of
/// InfluxDB's query engine (its `gota` package), step for step, so results agree with InfluxDB's to the last bit.
protocol IndicatorAlgorithm {
    /// How many values are held back by default before the first is shown (InfluxDB's `WarmCount`).
    var warmCount: Int { get }
    mutating func add(_ value: Double) -> Double
}

/// How an exponential average starts before it has seen a whole period: with alpha scaled to the values seen
/// (`exponential`) or as the plain mean of them (`simple`).
enum WarmupType: String, Equatable {
    case exponential
    case simple
}

/// An exponential moving average of a period: each value moves the average by alpha = 2 / (period + 1) of the way.
struct ExponentialAverage: IndicatorAlgorithm {
    let period: Int
    var alpha: Double
    let warmup: WarmupType
    private(set) var last = 0.0
    private var count = 0

    init(period: Int, warmup: WarmupType) {
        self.period = period
        self.warmup = warmup
        alpha = 2 / Double(period &+ 1)
    }

    var warmCount: Int { period &- 1 }
    var isWarmed: Bool { count == period }

    mutating func add(_ value: Double) -> Double {
        if count == 0 {
            last = value
        } else if !isWarmed {
            switch warmup {
            case .simple: last = (last * Double(count) + value) / Double(count + 1)
            // Alpha grows from 1 to its value while warming, so the first value does not outweigh the rest.
            case .exponential: last = (value - last) * (2 / Double(count + 2)) + last
            }
        } else {
            last = (value - last) * alpha + last
        }
        // The count stops at the period (where it is only compared), so it cannot overflow.
        if count < period { count += 1 }
        return last
    }
}

/// Two (double) or three (triple) exponential averages, each of the one before, combined to cancel their lag.
struct LayeredExponentialAverage: IndicatorAlgorithm {
    private var layers: [ExponentialAverage]

    init(layers: Int, period: Int, warmup: WarmupType) {
        self.layers = Array(repeating: ExponentialAverage(period: period, warmup: warmup), count: layers)
    }

    var warmCount: Int {
        layers[0].warmup == .exponential ? layers[0].warmCount : layers.reduce(0) { $0 &+ $1.warmCount }
    }

    mutating func add(_ value: Double) -> Double {
        let averages = addThroughLayers(&layers, value)
        return averages.count == 2
            ? 2 * averages[0] - averages[1]
            : 3 * averages[0] - 3 * averages[1] + averages[2]
    }
}

/// Feeds a value through averages of averages; with a simple warm-up a layer is fed only once the one before it is
/// warmed (until then it passes its input on), as InfluxDB's double, triple and TRIX averages do.
private func addThroughLayers(_ layers: inout [ExponentialAverage], _ value: Double) -> [Double] {
    var outputs: [Double] = []
    var current = value
    for index in layers.indices {
        let fed = index == 0 || layers[index - 1].isWarmed || layers[index - 1].warmup == .exponential
        if fed { current = layers[index].add(current) }
        outputs.append(current)
    }
    return outputs
}

/// TRIX: the rate of change, in percent, of a triple exponential average.
struct TripleExponentialDerivative: IndicatorAlgorithm {
    private var layers: [ExponentialAverage]
    private var last = 0.0

    init(period: Int, warmup: WarmupType) {
        layers = Array(repeating: ExponentialAverage(period: period, warmup: warmup), count: 3)
    }

    var warmCount: Int {
        layers[0].warmup == .exponential ? layers[0].warmCount &+ 1 : layers[0].warmCount &* 3 &+ 1
    }

    mutating func add(_ value: Double) -> Double {
        let current = addThroughLayers(&layers, value).last!
        let rate = ((current / last) - 1) * 100
        last = current
        return rate
    }
}

/// Wilder-smoothed averages of a series' gains and of its losses (a period one longer, alpha 1 / period), which the
/// relative strength index and the smoothed Chande oscillator compare.
struct GainsAndLosses {
    private(set) var gains: ExponentialAverage
    private(set) var losses: ExponentialAverage
    private var last = 0.0

    init(period: Int, warmup: WarmupType) {
        var average = ExponentialAverage(period: period &+ 1, warmup: warmup)
        average.alpha = 1 / Double(period)
        (gains, losses) = (average, average)
    }

    var warmCount: Int { gains.warmCount }

    mutating func add(_ value: Double) {
        _ = gains.add(value > last ? value - last : 0)
        _ = losses.add(value < last ? last - value : 0)
        last = value
    }
}

/// The relative strength index: the averaged gains against the averaged losses, 0 to 100.
struct RelativeStrengthIndex: IndicatorAlgorithm {
    private var averages: GainsAndLosses

    init(period: Int, warmup: WarmupType) {
        averages = GainsAndLosses(period: period, warmup: warmup)
    }

    var warmCount: Int { averages.warmCount }

    mutating func add(_ value: Double) -> Double {
        averages.add(value)
        return 100 - (100 / (1 + averages.gains.last / averages.losses.last))
    }
}
