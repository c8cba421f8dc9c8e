import Testing

@testable import QueryEngine

/// The windows a query reads cover its range exactly, in order, and never split a GROUP BY time bucket.
@Suite struct WindowSequenceTests {
    private func windows(_ range: ClosedRange<Int64>, rowsPerWindow: Int = 0, alignEnd: ((Int64, Int64) -> Int64)? = nil) -> [ClosedRange<
        Int64
    >] {
        var sequence = WindowSequence(range: range, rowsWanted: 100, alignEnd: alignEnd)
        var result: [ClosedRange<Int64>] = []
        while let window = sequence.next() {
            result.append(window)
            sequence.adapt(toRowCount: rowsPerWindow)
        }
        return result
    }

    @Test(arguments: [0, 10, 100, 10_000])
    func windowsCoverTheRangeInOrderWithoutGaps(_ rows: Int) {
        let all = windows(-1_000...1_000_000, rowsPerWindow: rows)
        #expect(all.first?.lowerBound == -1_000)
        #expect(all.last?.upperBound == 1_000_000)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.upperBound + 1 == $1.lowerBound })
    }

    @Test func aWholeRangeIsOneWindowAtMost256AtFirst() {
        #expect(windows(5...5) == [5...5])
        #expect(windows(Int64.min...Int64.max).count <= 512)
    }

    @Test func alignedWindowsEndOnBucketBoundaries() {
        let buckets = TimeBuckets(width: 7_000, offset: 0)
        let all = windows(0...1_000_000, rowsPerWindow: 1_000) { start, end in
            let next = buckets.start(of: end + 1)
            return next > start ? next - 1 : buckets.next(after: buckets.start(of: start)) - 1
        }
        #expect(all.dropLast().allSatisfy { ($0.upperBound + 1) % 7_000 == 0 }, "every window but the last ends where a bucket does")
        #expect(all.last?.upperBound == 1_000_000)
    }
}
