import Alerting
import FuzzSupport

/// Any `.id()`, `.message()` or `.details()` template: parsing it (as text/template and as html/template) and
/// rendering it over the data an alert gives its templates never trap.
public func alertTemplateFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for escapesHTML in [false, true] {
        guard let template = try? AlertTemplate(source, escapesHTML: escapesHTML) else { continue }
        _ = try? template.render(AlertData.value)
    }
    return 0
}

/// What an alert template sees (Kapacitor's alert data), with values at the edges of their types.
enum AlertData {
    static let value = TemplateValue.object([
        ("ID", .string("cpu:host=a")), ("Name", .string("cpu")), ("TaskName", .string("t")), ("Group", .string("host=a")),
        ("Tags", .map(["host": .string("a"), "empty": .string(""), "html": .string("<b>&\"'")])),
        ("ServerInfo", .object([("Hostname", .string("h")), ("ClusterID", .string("c")), ("ServerID", .string("s"))])),
        ("Level", .string("CRITICAL")),
        ("Fields", .map(["v": .float(1e300), "n": .float(-.nan), "i": .int(Int64.min), "b": .bool(true), "s": .string("%v")])),
        ("Time", .time(Int64.max)), ("Duration", .duration(Int64.min)), ("Message", .string("m")), ("Details", .null),
    ])
}

@main
enum AlertTemplateFuzzerMain {
    static func main() { FuzzDriver.run { alertTemplateFuzzer($0, $1) } }
}
