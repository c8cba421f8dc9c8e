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
}
