/// Kaufman's efficiency ratio: how far the price moved over the last `period` values (the signal) against the sum
/// of every step it took on the way (the noise), 0 to 1.
struct KaufmansEfficiencyRatio: IndicatorAlgorithm {
    private struct Step {
        var price = 0.0
        var size = 0.0
    }

    private var steps: PeriodRing<Step>
    private var noise = 0.0
    private var count = 0
    private(set) var newest = 0

    init(period: Int) {
        steps = PeriodRing(capacity: period, zero: Step())
    }

    var warmCount: Int { steps.capacity }
    var isWarmed: Bool { count == steps.capacity &+ 1 }
    /// The newest price (zero before the first).
    var newestPrice: Double { steps[newest].price }

    mutating func add(_ value: Double) -> Double {
        let oldest = steps.index(after: newest)
        let signal = abs(value - steps[oldest].price)
        let step = Step(price: value, size: abs(value - steps[newest].price))
        noise -= steps[oldest].size
        noise += step.size
        newest = oldest
        steps[newest] = step
        if !isWarmed { count += 1 }
        return signal == 0 || noise == 0 ? 0 : signal / noise
    }
}

/// Kaufman's adaptive moving average: an exponential average whose smoothing follows the efficiency ratio, between
/// that of a 2-value and a 30-value average.
struct KaufmansAdaptiveMovingAverage: IndicatorAlgorithm {
    private var ratio: KaufmansEfficiencyRatio
    private var last = 0.0

    init(period: Int) {
        ratio = KaufmansEfficiencyRatio(period: period)
    }

    var warmCount: Int { ratio.warmCount }

    /// The fast constant less the slow one, 2/3 − 2/31, as the one exact fraction InfluxDB's Go constant rounds to.
    private static let constantRange = 56.0 / 93.0
    private static let slowConstant = 2.0 / 31.0

    mutating func add(_ value: Double) -> Double {
        // Until warmed the average restarts from the newest price.
        if !ratio.isWarmed { last = ratio.newestPrice }
        let smoothing = ratio.add(value) * Self.constantRange + Self.slowConstant
        last += smoothing * smoothing * (value - last)
        return last
    }
}
