import FuzzSupport
import InfluxQL

/// InfluxQL from any text: parsing never traps, and every parsed statement prints.
public func influxQLFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let statements = try? Parser.parse(text, parameters: ["x": .integer(Int64.min), "s": .string("v")]) else { return 0 }
    for statement in statements { _ = StatementPrinter.print(statement) }
    return 0
}

@main
enum InfluxQLFuzzerMain {
    static func main() { FuzzDriver.run { influxQLFuzzer($0, $1) } }
}
