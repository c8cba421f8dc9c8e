import FuzzSupport
import Graphite

/// Any Graphite input: the first line is taken as templates (space-separated groups split by `;`), the rest as
/// lines to parse, with InfluxDB's documented templates too. Nothing traps; refusals are errors.
public func graphiteFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let templates = lines.removeFirst().split(separator: ";").map(String.init)
    for parser in [try? GraphiteParser(templates: templates, tags: ["dc=one"], separator: "_"), documented] {
        for line in lines { _ = try? parser?.parse(line, now: 0) }
    }
    return 0
}

private let documented = try? GraphiteParser(
    templates: ["*.app env.service.resource.measurement", "stats.* .host.measurement* region=us-west,agent=sensu", "measurement.field*"],
    tags: ["region=eu"])

@main
enum GraphiteFuzzerMain {
    static func main() { FuzzDriver.run { graphiteFuzzer($0, $1) } }
}
