/// Consecutive time windows over a range, so a query reads a window of rows at a time instead of all of them: 256
/// windows to begin with, then narrower where rows are dense and wider where they are sparse, so each holds about
/// `rowsWanted` rows. `alignEnd` moves a window's end (given its start and proposed end) onto a `GROUP BY time`
/// bucket boundary, so no bucket is split between windows.
struct WindowSequence {
    private var start: Int64
    private let upper: Int64
    private var width: Int64
    private var done: Bool
    private let rowsWanted: Int
    private let alignEnd: ((Int64, Int64) -> Int64)?

    init(range: ClosedRange<Int64>?, rowsWanted: Int, alignEnd: ((Int64, Int64) -> Int64)? = nil) {
        self.start = range?.lowerBound ?? 0
        self.upper = range?.upperBound ?? 0
        self.done = range == nil
        self.rowsWanted = rowsWanted
        self.alignEnd = alignEnd
        let span = upper.subtractingReportingOverflow(start)
        self.width = span.overflow ? Int64.max / 256 : max(span.partialValue / 256, 1)
    }

    mutating func next() -> ClosedRange<Int64>? {
        guard !done else { return nil }
        var (end, overflow) = start.addingReportingOverflow(width - 1)
        if !overflow, end < upper, let alignEnd { end = max(alignEnd(start, end), start) }
        if overflow || end >= upper {
            done = true
            return start...upper
        }
        defer { start = end + 1 }
        return start...end
    }

    mutating func adapt(toRowCount count: Int) {
        if count > rowsWanted * 4 {
            width = max(width / 4, 1)
        } else if count < rowsWanted / 4 {
            width = width > Int64.max / 4 ? Int64.max / 2 : width * 2
        }
    }
}
