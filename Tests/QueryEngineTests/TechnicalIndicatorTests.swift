import Forecasting
import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// The technical-analysis functions and holt_winters. Their answers are compared bit for bit with InfluxDB 1.6.7's in
/// e2e/tests/test_influxdb_compat.py ("indicators: …"); these tests pin the algorithms and the hostile arguments.
@Suite struct TechnicalIndicatorTests {
    private static let rising: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 13, 12]

    private func indicator(_ call: String) throws -> TechnicalIndicator {
        guard case .select(let statement) = try Parser.parse("SELECT \(call) FROM m")[0],
            case .call(let name, let arguments) = statement.fields[0].expression
        else { throw QueryError("not a call") }
        return try TechnicalIndicator(TechnicalIndicator.Kind(rawValue: name)!, arguments)
    }

    private func values(_ call: String, _ input: [Double] = rising) throws -> [Double] {
        try indicator(call).apply(to: input.enumerated().map { (Int64($0.offset), $0.element) }).map(\.value)
    }

    @Test func exponentialAverageWithSimpleWarmupMatchesTaLib() throws {
        // ta-lib's EMA(10) of the same values (InfluxDB's own test of the algorithm).
        let expected = [5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.136363636363637, 11.475206611570249, 11.570623591284749]
        let actual = try values("exponential_moving_average(v, 10, 9, 'simple')", Self.rising)
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) < 1e-9 } && actual.count == expected.count)
    }

    @Test func theHoldPeriodDefaultsToTheWarmupAndWrapsAt32Bits() throws {
        #expect(try values("exponential_moving_average(v, 4)").count == Self.rising.count - 3)
        #expect(try values("exponential_moving_average(v, 4, 0)").count == Self.rising.count)
        // InfluxDB keeps the hold as a 32-bit count: 2^32 holds nothing back.
        #expect(try values("exponential_moving_average(v, 4, 4294967296)").count == Self.rising.count)
    }

    @Test func argumentsAreCheckedWithInfluxDBsErrors() throws {
        #expect(throws: QueryError("exponential_moving_average period must be greater than or equal to 1")) {
            try indicator("exponential_moving_average(v, 0)")
        }
        #expect(throws: QueryError("chande_momentum_oscillator warmup type must be one of: 'none' 'exponential' 'simple'")) {
            try indicator("chande_momentum_oscillator(v, 2, 1, 'x')")
        }
        #expect(throws: QueryError("triple_exponential_derivative hold period must be greater than or equal to 1")) {
            try indicator("triple_exponential_derivative(v, 2, 0)")
        }
    }

    @Test func aHugePeriodNeitherTrapsNorReservesMemory() throws {
        for call in [
            "kaufmans_efficiency_ratio(v, 9223372036854775807, 0)", "chande_momentum_oscillator(v, 9223372036854775807, 0)",
            "relative_strength_index(v, 9223372036854775807, 0)", "triple_exponential_derivative(v, 9223372036854775807, 1, 'simple')",
            "kaufmans_adaptive_moving_average(v, 9223372036854775807, 0)", "chande_momentum_oscillator(v, 1, 0, 'none')",
        ] {
            #expect(try values(call).count <= Self.rising.count, "\(call)")
        }
    }

    @Test func goPowerAgreesWithRepeatedMultiplicationWhereExact() {
        #expect(GoMath.pow(0.5, 3) == 0.125)
        #expect(GoMath.pow(0.7, 0) == 1)
        #expect(GoMath.pow(0, 5) == 0)
        #expect(GoMath.pow(2, 1100) == .infinity)
        #expect(GoMath.pow(0.5, 1100) == 0)
        #expect(GoMath.pow(.nan, 2).isNaN)
    }

    @Test func holtWintersForecastsAStraightLineAlongIt() throws {
        let model = try HoltWinters(false, [.variable(.init("v")), .integer(3), .integer(0)])
        let points = (0..<20).map { (Int64($0) * 10, 5 + 2 * Double($0)) }
        let forecast = try model.forecast(points, interval: 10)
        #expect(forecast.map(\.time) == [200, 210, 220])
        #expect(forecast.allSatisfy { abs($0.value - (5 + 2 * Double($0.time / 10))) < 1 })
    }

    @Test func holtWintersRefusesAHorizonItCouldNotHold() {
        #expect(throws: QueryError("second arg to holt_winters must be at most 10000000, got 9223372036854775807")) {
            try HoltWinters(false, [.variable(.init("v")), .integer(.max), .integer(0)])
        }
    }
}

extension TechnicalIndicatorTests {
    @Test func holtWintersOverTimesEitherSideOf1970AnswersInsteadOfTrapping() throws {
        // -19m, -9m and 1m round (towards zero, as InfluxDB rounds) to -10m, 0 and 0: two values for a season of 3.
        let model = try HoltWinters(false, [.variable(.init("v")), .integer(1), .integer(3)])
        let minute: Int64 = 60_000_000_000
        #expect(try model.forecast([(-19 * minute, 1), (-9 * minute, 2), (minute, 3)], interval: 10 * minute).isEmpty)
    }

    @Test func holtWintersRefusesASeasonItsSearchCouldNotHold() throws {
        let model = try HoltWinters(false, [.variable(.init("v")), .integer(1), .integer(3000)])
        // Fewer values than the season: nothing to fit, nothing answered (as InfluxDB).
        #expect(try model.forecast((0..<100).map { (Int64($0), 1) }, interval: 1).isEmpty)
        #expect(throws: QueryError("holt_winters season must be at most 2048 intervals to fit, got 3000")) {
            try model.forecast((0..<3000).map { (Int64($0), 1) }, interval: 1)
        }
    }
}
