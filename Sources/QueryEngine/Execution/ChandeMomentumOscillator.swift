/// The Chande momentum oscillator: the sum of gains less the sum of losses over the last `period` changes, as a
/// percentage of their total (-100 to 100). With a warm-up type the sums are Wilder-smoothed averages instead
/// (ta-lib's variant), as InfluxDB does when the query names one.
struct ChandeMomentumOscillator: IndicatorAlgorithm {
    private struct Change {
        var price = 0.0
        var difference = 0.0
    }

    /// The last period − 1 prices and their changes.
    private var changes: PeriodRing<Change>
    private var gains = 0.0
    private var losses = 0.0
    private var count = 0
    private var newest = 0

    init(period: Int) {
        changes = PeriodRing(capacity: period &- 1, zero: Change())
    }

    var warmCount: Int { changes.capacity }

    mutating func add(_ value: Double) -> Double {
        let oldest = changes.index(after: newest)
        var difference = 0.0
        if count != 0 {
            difference = value - changes[newest].price
            if difference > 0 { gains += difference } else if difference < 0 { losses -= difference }
        }
        let output = gains != 0 || losses != 0 ? 100.0 * ((gains - losses) / (gains + losses)) : 0
        // The change leaving the window comes off the sums (which may drift over time, as InfluxDB's do).
        let leaving = changes[oldest].difference
        if leaving > 0 { gains -= leaving } else if leaving < 0 { losses += leaving }
        changes[oldest] = Change(price: value, difference: difference)
        newest = oldest
        if count != changes.capacity &+ 2 { count += 1 }
        return output
    }
}

/// The smoothed Chande momentum oscillator: gains and losses averaged as the relative strength index averages them.
struct SmoothedChandeMomentumOscillator: IndicatorAlgorithm {
    private var averages: GainsAndLosses

    init(period: Int, warmup: WarmupType) {
        averages = GainsAndLosses(period: period, warmup: warmup)
    }

    var warmCount: Int { averages.warmCount }

    mutating func add(_ value: Double) -> Double {
        averages.add(value)
        let (gains, losses) = (averages.gains.last, averages.losses.last)
        return 100.0 * ((gains - losses) / (gains + losses))
    }
}

/// A ring of `capacity` slots, all zero at first, that stores only the slots written so far: the period comes from
/// the query (`chande_momentum_oscillator(v, 9223372036854775807)`), so memory follows the points, not the period.
/// A ring of no slots reads zeros and keeps nothing (InfluxDB's own fails on it).
struct PeriodRing<Element> {
    let capacity: Int
    private var slots: [Element] = []
    private let zero: Element

    init(capacity: Int, zero: Element) {
        self.capacity = max(0, capacity)
        self.zero = zero
    }

    func index(after index: Int) -> Int {
        let next = index &+ 1
        return next >= capacity ? 0 : next
    }

    subscript(index: Int) -> Element {
        get { index < slots.count ? slots[index] : zero }
        set {
            guard index < capacity else { return }
            while slots.count <= index { slots.append(zero) }
            slots[index] = newValue
        }
    }
}
