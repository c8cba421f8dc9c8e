import InfluxQL
import Testing
import TimeSeries

@testable import QueryEngine

/// InfluxDB 1.x's typing rules for arithmetic in SELECT.
@Suite struct FieldExpressionTests {
    @Test(arguments: [
        (BinaryOperator.add, ResultValue.integer(7), ResultValue.integer(2), ResultValue.integer(9)),
        (.divide, .integer(7), .integer(2), .float(3.5)),
        (.divide, .integer(7), .integer(0), .float(0)),
        (.modulo, .integer(7), .integer(0), .integer(0)),
        (.modulo, .float(7.5), .float(0), .null),
        (.modulo, .float(-7.5), .integer(2), .float(-1.5)),
        (.multiply, .integer(3), .float(0.5), .float(1.5)),
        (.bitwiseXor, .integer(6), .integer(3), .integer(5)),
        (.bitwiseAnd, .boolean(true), .null, .boolean(false)),
        (.add, .null, .integer(1), .null),
        (.add, .string("a"), .integer(1), .null),
        (.add, .integer(.max), .integer(1), .integer(.min)),
    ])
    func binaryOperators(_ op: BinaryOperator, _ left: ResultValue, _ right: ResultValue, _ expected: ResultValue) {
        #expect(FieldExpression.apply(op, left, right) == expected)
    }

    @Test func mathFunctionsKeepIntegersWhereInfluxDBDoes() {
        #expect(MathFunction.abs.apply([.integer(-3)]) == .integer(3))
        #expect(MathFunction.round.apply([.integer(4)]) == .integer(4))
        #expect(MathFunction.round.apply([.float(-2.5)]) == .float(-3))
        #expect(MathFunction.sqrt.apply([.integer(16)]) == .float(4))
        #expect(MathFunction.sqrt.apply([.float(-1)]) == .null)
        #expect(MathFunction.ln.apply([.integer(0)]) == .null)
        #expect(MathFunction.log.apply([.integer(8), .integer(2)]) == .float(3))
        #expect(MathFunction.pow.apply([.integer(2), .float(0.5)]) == .float(2.0.squareRoot()))
        #expect(MathFunction.sin.apply([.string("x")]) == .null)
    }

    @Test func columnNamesFollowInfluxDB() throws {
        func name(_ text: String) throws -> String {
            guard case .select(let select) = try Parser.parse("SELECT \(text) FROM m")[0] else { return "" }
            return SelectPlan.outputName(select.fields[0].expression)
        }
        #expect(try name("a + b * c") == "a_b_c")
        #expect(try name("mean(v) * 2") == "mean")
        #expect(try name("(v + 1) / 2") == "v")
        #expect(try name("abs(v)") == "abs")
        #expect(try name("max(a) - min(a)") == "max_min")
    }
}
