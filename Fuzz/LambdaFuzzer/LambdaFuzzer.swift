import FuzzSupport
import TICKscript
import TimeSeries

@testable import PipelineRuntime

/// Any lambda expression (`lambda: <input>`): compiling it and evaluating it, twice with the same state (so
/// `sigma`, `count` and `spread` carry over), on points whose fields sit at the edges of their types, never traps.
public func lambdaFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = "var l = lambda: " + String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let statements = try? TickParser.parse(text), statements.count == 1,
        case .variable(_, let value, _) = statements[0], case .lambda(let expression) = value.kind,
        let lambda = try? CompiledLambda(expression)
    else { return 0 }
    var state = lambda.makeState()
    for scope in LambdaPoints.scopes {
        _ = try? lambda.evaluate(scope, state: &state)
        _ = try? lambda.evaluate(scope, state: &state)
    }
    return 0
}

/// The points each lambda is evaluated on.
enum LambdaPoints {
    static let scopes = [
        LambdaScope(
            fields: ["v": .float(1e300), "i": .integer(Int64.min), "u": .unsigned(UInt64.max), "s": .string("a"), "b": .boolean(true)],
            tags: ["host": "a", "v": "tag"], time: Int64.max),
        LambdaScope(
            fields: ["v": .float(-.infinity), "i": .integer(-1), "u": .unsigned(0), "s": .string(""), "n": .float(.nan)],
            tags: ["host": ""], time: Int64.min),
        LambdaScope(fields: ["v": .float(0), "i": .integer(Int64.max), "f": .float(-0.0)], tags: [:], time: 0),
    ]
}

@main
enum LambdaFuzzerMain {
    static func main() { FuzzDriver.run { lambdaFuzzer($0, $1) } }
}
