extension Duration {
    /// The duration in whole nanoseconds, saturated at the ends of Int64 (about 292 years either way).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let whole = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !whole.overflow else { return seconds < 0 ? .min : .max }
        return whole.partialValue.addingSaturated(attoseconds / 1_000_000_000)
    }
}
