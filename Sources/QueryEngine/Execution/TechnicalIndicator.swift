import InfluxQL

/// InfluxQL's technical-analysis functions (`exponential_moving_average(v, period[, hold[, warmup]])` and the rest):
/// the arguments checked with InfluxDB's errors, and each value of a stream turned into the indicator's value, the
/// first `hold` of them held back (by default as many as the algorithm needs to warm up).
struct TechnicalIndicator: Equatable {
    enum Kind: String, CaseIterable {
        case exponentialMovingAverage = "exponential_moving_average"
        case doubleExponentialMovingAverage = "double_exponential_moving_average"
        case tripleExponentialMovingAverage = "triple_exponential_moving_average"
        case relativeStrengthIndex = "relative_strength_index"
        case tripleExponentialDerivative = "triple_exponential_derivative"
        case kaufmansEfficiencyRatio = "kaufmans_efficiency_ratio"
        case kaufmansAdaptiveMovingAverage = "kaufmans_adaptive_moving_average"
        case chandeMomentumOscillator = "chande_momentum_oscillator"

        /// The name InfluxDB's iterator gives itself in a type error (`unsupported exponential moving average iterator
        /// type: …`).
        var iteratorName: String { rawValue.split(separator: "_").joined(separator: " ") }

        /// Kaufman's functions take no warm-up type; the oscillator takes `none` too (its unsmoothed form).
        var warmupArgument: (allowed: [String], default: String?)? {
            switch self {
            case .kaufmansEfficiencyRatio, .kaufmansAdaptiveMovingAverage: nil
            case .chandeMomentumOscillator: (["none", "exponential", "simple"], nil)
            default: (["exponential", "simple"], "exponential")
            }
        }
    }

    let kind: Kind
    let period: Int
    /// -1: the algorithm's warm-up count.
    let hold: Int
    /// nil: the Chande oscillator's unsmoothed form.
    let warmup: WarmupType?

    /// `arguments` after the first (the field or aggregate): the period, then optionally the hold and the warm-up.
    init(_ kind: Kind, _ arguments: [Expression]) throws {
        let name = kind.rawValue
        let maximum = kind.warmupArgument == nil ? 3 : 4
        guard (2...maximum).contains(arguments.count) else {
            throw QueryError(
                "invalid number of arguments for \(name), expected at least 2 but no more than \(maximum), got \(arguments.count)")
        }
        guard case .integer(let period) = arguments[1] else { throw QueryError("\(name) period must be an integer") }
        guard period >= 1 else { throw QueryError("\(name) period must be greater than or equal to 1") }
        var hold: Int64 = -1
        if arguments.count >= 3 {
            guard case .integer(let value) = arguments[2] else { throw QueryError("\(name) hold period must be an integer") }
            if kind == .tripleExponentialDerivative && value < 1 && value != -1 {
                throw QueryError("\(name) hold period must be greater than or equal to 1")
            }
            guard value >= 0 || value == -1 else { throw QueryError("\(name) hold period must be greater than or equal to 0") }
            hold = value
        }
        var warmup = kind.warmupArgument?.default
        if arguments.count >= 4, let allowed = kind.warmupArgument?.allowed {
            guard case .string(let value) = arguments[3] else { throw QueryError("\(name) warmup type must be a string") }
            guard allowed.contains(value) else {
                throw QueryError("\(name) warmup type must be one of: \(allowed.map { "'\($0)'" }.joined(separator: " "))")
            }
            warmup = value
        }
        self.kind = kind
        self.period = Int(period)
        self.hold = Int(hold)
        self.warmup = warmup.flatMap(WarmupType.init(rawValue:))
    }

    /// The indicator over values in output order; a value is held back while warming up and when it is infinite.
    func apply(to points: [(time: Int64, value: Double)]) -> [(time: Int64, value: Double)] {
        var algorithm = makeAlgorithm()
        // InfluxDB keeps the hold as a 32-bit count: a larger one wraps.
        let holdBack = UInt32(truncatingIfNeeded: hold == -1 ? algorithm.warmCount : hold)
        var count: UInt32 = 0
        var output: [(time: Int64, value: Double)] = []
        for point in points {
            let value = algorithm.add(point.value)
            count &+= 1
            guard count > holdBack else { continue }
            if value.isInfinite && dropsInfinities { continue }
            output.append((point.time, value))
        }
        return output
    }

    /// The indicators that divide by a value that may be zero skip the infinite results (InfluxDB's reducers do).
    private var dropsInfinities: Bool {
        [.tripleExponentialDerivative, .kaufmansEfficiencyRatio, .kaufmansAdaptiveMovingAverage].contains(kind)
    }

    private func makeAlgorithm() -> any IndicatorAlgorithm {
        let warmup = warmup ?? .exponential
        switch kind {
        case .exponentialMovingAverage: return ExponentialAverage(period: period, warmup: warmup)
        case .doubleExponentialMovingAverage: return LayeredExponentialAverage(layers: 2, period: period, warmup: warmup)
        case .tripleExponentialMovingAverage: return LayeredExponentialAverage(layers: 3, period: period, warmup: warmup)
        case .relativeStrengthIndex: return RelativeStrengthIndex(period: period, warmup: warmup)
        case .tripleExponentialDerivative: return TripleExponentialDerivative(period: period, warmup: warmup)
        case .kaufmansEfficiencyRatio: return KaufmansEfficiencyRatio(period: period)
        case .kaufmansAdaptiveMovingAverage: return KaufmansAdaptiveMovingAverage(period: period)
        case .chandeMomentumOscillator:
            guard let smoothing = self.warmup else { return ChandeMomentumOscillator(period: period) }
            return SmoothedChandeMomentumOscillator(period: period, warmup: smoothing)
        }
    }
}
