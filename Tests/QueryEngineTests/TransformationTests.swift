import InfluxQL
import Testing
import TimeSeries

@testable import QueryEngine

@Suite struct TransformationTests {
    private let second: Int64 = 1_000_000_000

    private func rows(_ points: [(Int64, FieldValue)]) -> [QueryExecutor.Row] {
        points.enumerated().map { index, point in QueryExecutor.Row(time: point.0 * second, series: index % 2, fields: ["v": point.1]) }
    }

    private func transformation(_ name: String, _ arguments: [Expression] = []) throws -> Transformation {
        try Transformation(Transformation.Function(rawValue: name)!, [.variable(.init("v"))] + arguments)
    }

    @Test func derivativeIsTheChangePerUnitOfTime() throws {
        let points = rows([(0, .float(1)), (10, .float(6)), (20, .float(2))])
        #expect(
            try transformation("derivative").apply(to: points, ascending: true) == [
                [.time(10 * second), .float(0.5)], [.time(20 * second), .float(-0.4)],
            ])
        #expect(
            try transformation("derivative", [.duration(60 * second)]).apply(to: points, ascending: true)
                == [[.time(10 * second), .float(30)], [.time(20 * second), .float(-24)]])
        #expect(try transformation("non_negative_derivative").apply(to: points, ascending: true) == [[.time(10 * second), .float(0.5)]])
    }

    /// In descending order InfluxDB takes the change from the later point to the earlier one over positive time.
    @Test func descendingOrderMeasuresTimeBackwards() throws {
        let points = rows([(20, .float(2)), (10, .float(6)), (0, .float(1))])
        #expect(
            try transformation("derivative").apply(to: points, ascending: false)
                == [[.time(10 * second), .float(0.4)], [.time(0), .float(-0.5)]])
    }

    @Test func differenceKeepsIntegersIntegral() throws {
        let points = rows([(0, .integer(5)), (1, .integer(3)), (2, .integer(10))])
        #expect(
            try transformation("difference").apply(to: points, ascending: true) == [
                [.time(second), .integer(-2)], [.time(2 * second), .integer(7)],
            ])
        #expect(try transformation("non_negative_difference").apply(to: points, ascending: true) == [[.time(2 * second), .integer(7)]])
    }

    @Test func pointsAtTheSameTimeDoNotAdvanceTheStream() throws {
        let points = rows([(0, .float(1)), (0, .float(100)), (1, .float(3))])
        #expect(try transformation("difference").apply(to: points, ascending: true) == [[.time(second), .float(2)]])
    }

    @Test func argumentsAreChecked() {
        #expect(throws: QueryError.self) { try transformation("difference", [.duration(second)]) }
        #expect(throws: QueryError.self) { try transformation("derivative", [.integer(1)]) }
        #expect(throws: QueryError.self) { try Transformation(.derivative, [.call(name: "mean", arguments: [.variable(.init("v"))])]) }
    }
}
