/// Arithmetic on times, durations and integer values that never traps.
///
/// Swift stops the process on overflow; every value here can come from a client (a timestamp, a `GROUP BY`
/// interval, a task's `every`, a field value). Each caller picks the semantics the product it imitates has:
/// `checked` (nil: the caller answers with an error such as InfluxDB's "time outside range"), `saturated` (clamped
/// to the representable range, for bounds of time ranges), or `wrapping` (Go's two's-complement results, which
/// Kapacitor's lambdas and InfluxQL's integer math show).
extension Int64 {
    /// `self + other`, or nil when the sum does not fit.
    @inlinable public func addingChecked(_ other: Int64) -> Int64? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }

    /// `self - other`, or nil when the difference does not fit.
    @inlinable public func subtractingChecked(_ other: Int64) -> Int64? {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? nil : difference
    }

    /// `self * other`, or nil when the product does not fit.
    @inlinable public func multipliedChecked(by other: Int64) -> Int64? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }

    /// `self + other` clamped to `Int64.min...Int64.max`.
    @inlinable public func addingSaturated(_ other: Int64) -> Int64 {
        addingChecked(other) ?? (other > 0 ? .max : .min)
    }

    /// `self - other` clamped to `Int64.min...Int64.max`.
    @inlinable public func subtractingSaturated(_ other: Int64) -> Int64 {
        subtractingChecked(other) ?? (other < 0 ? .max : .min)
    }

    /// `self * other` clamped to `Int64.min...Int64.max`.
    @inlinable public func multipliedSaturated(by other: Int64) -> Int64 {
        multipliedChecked(by: other) ?? ((self < 0) == (other < 0) ? .max : .min)
    }

    /// Go's `self / other` for a non-zero divisor: `Int64.min / -1` is `Int64.min`, where Swift would trap.
    @inlinable public func dividedWrapping(by other: Int64) -> Int64 {
        dividedReportingOverflow(by: other).partialValue
    }

    /// Go's `self % other` for a non-zero divisor: `Int64.min % -1` is 0, where Swift would trap.
    @inlinable public func remainderWrapping(dividingBy other: Int64) -> Int64 {
        remainderReportingOverflow(dividingBy: other).partialValue
    }

    /// The largest multiple of `unit` (positive) at or below `self`, or `Int64.min` when that lies below it: a
    /// time truncated to a window, a shard group or a `.truncate()` unit, whatever the unit and the time.
    @inlinable public func flooredSaturated(toMultipleOf unit: Int64) -> Int64 {
        let remainder = self % unit
        return subtractingSaturated(remainder < 0 ? remainder + unit : remainder)
    }

    /// The multiple of `unit` (positive) nearest to `self`, halves up, saturating at the ends of Int64.
    @inlinable public func roundedSaturated(toMultipleOf unit: Int64) -> Int64 {
        let below = flooredSaturated(toMultipleOf: unit)
        return subtractingSaturated(below) >= (unit - 1) / 2 + 1 ? below.addingSaturated(unit) : below
    }

    /// Go's `-self`: `-Int64.min` is `Int64.min`.
    @inlinable public var negatedWrapping: Int64 { 0 &- self }

    /// Go's `int64(value)` as it runs on amd64 (where Kapacitor and InfluxDB run): the value truncated toward zero,
    /// and `Int64.min` for NaN, infinities and values out of range, where Swift's `Int64(_:)` would trap.
    @inlinable public init(goTruncating value: Double) {
        self = Int64(exactly: value.rounded(.towardZero)) ?? .min
    }
}
