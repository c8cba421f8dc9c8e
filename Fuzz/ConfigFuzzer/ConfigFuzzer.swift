import FuzzSupport
import SundialConfig

/// A configuration file from any text: loading and validating it never traps.
public func configFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let loaded = ConfigLoader.parse(text, environment: ["KAPACITOR_HTTP_BIND_ADDRESS": ":9999"])
    if !loaded.hasErrors { _ = ConfigLoader.validate(loaded.configuration) }
    return 0
}

@main
enum ConfigFuzzerMain {
    static func main() { FuzzDriver.run { configFuzzer($0, $1) } }
}
