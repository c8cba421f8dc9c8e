import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

@Suite struct AggregationTests {
    private func mode(_ values: [(Int64, FieldValue)]) -> ResultValue {
        let (value, time) = Aggregation.apply("mode", to: values.map { (time: $0.0, value: $0.1) })
        #expect(time == nil, "mode is an aggregate: its rows carry the bucket's start")
        return value
    }

    @Test func modeIsTheMostFrequentValue() {
        #expect(mode([(0, .float(5)), (1, .float(1)), (2, .float(5))]) == .float(5))
        #expect(mode([(0, .string("b")), (1, .string("a")), (2, .string("b"))]) == .string("b"))
        #expect(mode([(0, .boolean(false)), (1, .boolean(true)), (2, .boolean(false))]) == .boolean(false))
    }

    @Test func modeWithoutRepeatsIsTheSmallestValue() {
        #expect(mode([(0, .float(3)), (1, .float(1)), (2, .float(2))]) == .float(1))
        #expect(mode([(0, .string("y")), (1, .string("x"))]) == .string("x"))
    }

    /// InfluxDB's reducer: a later value of equal count wins only if its first point is no later than the
    /// current winner's last point.
    @Test func modeTiesFollowInfluxDBsReducer() {
        #expect(mode([(0, .float(1)), (5, .float(2)), (10, .float(1)), (20, .float(2))]) == .float(2))
        #expect(mode([(0, .float(1)), (10, .float(1)), (15, .float(2)), (25, .float(2))]) == .float(1))
    }

    @Test func modeOfBooleansFavoursTrueOnATie() {
        #expect(mode([(0, .boolean(false)), (1, .boolean(true))]) == .boolean(true))
    }

    @Test func modeComparesLargeIntegersExactly() {
        let big = Int64.max
        #expect(mode([(0, .integer(big)), (1, .integer(big)), (2, .integer(big - 1))]) == .integer(big))
    }

    @Test func distinctListsEachValueOnceInTheOrderFirstSeen() {
        let points: [(time: Int64, value: FieldValue)] = [(0, .float(1.5)), (5, .float(0.5)), (7, .float(1.5)), (9, .float(2))]
        #expect(Aggregation.distinct(points) == [.float(1.5), .float(0.5), .float(2)])
        #expect(Aggregation.distinct([(0, .string("b")), (0, .string("a")), (1, .string("b"))]) == [.string("a"), .string("b")])
        #expect(Aggregation.distinct([]) == [])
    }

    @Test func modeOfNothingIsNull() {
        #expect(mode([]) == .null)
    }

    /// InfluxDB's nearest rank over the numeric values; equal values keep time order, and the answer carries the
    /// chosen point's time.
    @Test func percentileIsTheNearestRankWithTiesInTimeOrder() {
        let points: [(time: Int64, value: FieldValue)] = [
            (10, .float(5)), (20, .float(1)), (30, .string("x")), (40, .float(5)), (50, .integer(3)),
        ]
        let top = Aggregation.apply("percentile", to: points, argument: 100)
        #expect(top.0 == .float(5) && top.1 == 40)
        let third = Aggregation.apply("percentile", to: points, argument: 75)
        #expect(third.0 == .float(5) && third.1 == 10)
        let second = Aggregation.apply("percentile", to: points, argument: 50)
        #expect(second.0 == .integer(3) && second.1 == 50)
        #expect(Aggregation.apply("percentile", to: points, argument: 0).0 == .null)
    }

    @Test func percentileMatchesAFullSortOnRandomValuesWithTies() {
        var random = SeededGenerator(seed: 5)
        for count in [1, 2, 3, 10, 257, 1000] {
            let points: [(time: Int64, value: FieldValue)] = (0..<count).map { index in
                (Int64(index), .float(Double(Int.random(in: 0..<20, using: &random))))
            }
            let sorted = points.enumerated().sorted { left, right in
                guard case .float(let a) = left.element.value, case .float(let b) = right.element.value else { return false }
                return (a, left.offset) < (b, right.offset)
            }
            for percent in [1.0, 25, 50, 90, 95, 99, 100] {
                let rank = Int((Double(count) * percent / 100 + 0.5).rounded(.down)) - 1
                let answer = Aggregation.apply("percentile", to: points, argument: percent)
                if rank < 0 {
                    #expect(answer.0 == .null)
                } else {
                    #expect(answer.1 == sorted[rank].element.time, "count \(count), \(percent)%")
                }
            }
        }
    }
}
