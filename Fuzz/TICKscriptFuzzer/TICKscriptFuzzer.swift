import FuzzSupport
import PipelineSpec
import TICKscript

/// TICKscript from any text: the parser, the formatter and the pipeline builder (vars, constants, chains, lambda
/// type checks, validation) never trap.
public func tickscriptFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let program = try? TickParser.parseProgram(text) else { return 0 }
    _ = TickFormatter.format(program)
    _ = try? Pipeline.build(script: text)
    return 0
}

@main
enum TICKscriptFuzzerMain {
    static func main() { FuzzDriver.run { tickscriptFuzzer($0, $1) } }
}
