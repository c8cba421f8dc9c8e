import InfluxQL
import Testing
import TimeSeries

@testable import QueryEngine

@Suite struct TransformationTests {
    private let second: Int64 = 1_000_000_000

    private func rows(_ points: [(Int64, FieldValue)]) -> [QueryExecutor.Row] {
        points.enumerated().map { index, point in
            QueryExecutor.Row(time: point.0 * second, series: index % 2, fields: RowFields("v", point.1))
        }
    }

    private func transformation(_ name: String, _ arguments: [Expression] = []) throws -> Transformation {
        try Transformation(Transformation.Function(name: name)!, [.variable(.init("v"))] + arguments)
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

    @Test func cumulativeSumKeepsIntegersIntegral() throws {
        let integers = rows([(0, .integer(5)), (1, .integer(-2)), (2, .integer(10))])
        #expect(
            try transformation("cumulative_sum").apply(to: integers, ascending: true)
                == [[.time(0), .integer(5)], [.time(second), .integer(3)], [.time(2 * second), .integer(13)]])
        let floats = rows([(0, .float(0.5)), (1, .float(1))])
        #expect(
            try transformation("cumulative_sum").apply(to: floats, ascending: true) == [
                [.time(0), .float(0.5)], [.time(second), .float(1.5)],
            ])
    }

    @Test func elapsedCountsWholeUnitsForAnyFieldType() throws {
        let points = rows([(0, .string("a")), (90, .string("b")), (200, .string("c"))])
        #expect(
            try transformation("elapsed", [.duration(60 * second)]).apply(to: points, ascending: true)
                == [[.time(90 * second), .integer(1)], [.time(200 * second), .integer(1)]])
        #expect(try transformation("elapsed").apply(to: points, ascending: true).first == [.time(90 * second), .integer(90 * second)])
    }

    @Test func movingAverageStartsOnceTheWindowIsFull() throws {
        let points = rows([(0, .float(1)), (1, .float(2)), (2, .float(6)), (3, .integer(10))])
        #expect(
            try transformation("moving_average", [.integer(3)]).apply(to: points, ascending: true)
                == [[.time(2 * second), .float(3)], [.time(3 * second), .float(6)]])
    }

    @Test func argumentsAreChecked() {
        #expect(throws: QueryError.self) { try transformation("moving_average") }
        #expect(throws: QueryError.self) { try transformation("moving_average", [.integer(1)]) }
        #expect(throws: QueryError.self) { try transformation("cumulative_sum", [.integer(2)]) }
        #expect(throws: QueryError.self) { try transformation("difference", [.duration(second)]) }
        #expect(throws: QueryError.self) { try transformation("derivative", [.integer(1)]) }
        #expect(throws: QueryError.self) {
            try Transformation(.derivative, [.call(name: "percentile", arguments: [.variable(.init("v"))])])
        }
        #expect(throws: QueryError.self) { try Transformation(.derivative, [.call(name: "mean", arguments: [.integer(1)])]) }
        let ofMean = try? Transformation(.derivative, [.call(name: "mean", arguments: [.variable(.init("v"))])])
        #expect(ofMean?.aggregate == "mean" && ofMean?.field == "v")
    }
}
