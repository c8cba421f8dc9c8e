import Alerting
import Foundation
import FuzzSupport
import Logging
import SundialConfig

/// A config API update and a topic handler's options, as `POST /kapacitor/v1/config/<section>/<element>` and
/// `POST /kapacitor/v1/alerts/topics/<topic>/handlers` take them: the first byte picks the section, the second the
/// element, the rest is the JSON body. Decoding the update, applying it over the defaults, then making every handler
/// kind (and the httpPost node's poster) from the body as options against the result never trap.
public func alertServicesFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 2 else { return 0 }
    let sections = SundialConfiguration.configAPISections
    let section = sections[Int(data[0]) % sections.count].name
    let element = ["", "x", "default", "example"][Int(data[1]) % 4]
    let body = Data(UnsafeBufferPointer(start: data + 2, count: size - 2))
    var configuration = SundialConfiguration()
    if let action = try? JSONDecoder().decode(ConfigUpdateAction.self, from: body) {
        var overrides = ConfigOverrides()
        for hasElement in [false, true]
        where (try? overrides.update(action, section: section, element: element, hasElement: hasElement)) != nil {
            break
        }
        if let applied = try? configuration.applying(overrides.items) { configuration = applied }
        _ = configuration.configElements(section)
    }
    let json = (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? [String: Any] ?? [:]
    let options = HandlerOptions(json: json)
    let services = HandlerServices(configuration: configuration, logFiles: Sandbox.logFiles, execPrograms: [])
    for kind in AlertHandlerCatalog.kinds.sorted() {
        _ = try? AlertHandlerCatalog.make(kind: kind, options: options, services: services, owner: "fuzz", logger: Sandbox.logger)
    }
    for name in ServiceTests.names { _ = ServiceTests.defaultOptions(name, services: services) }
    _ = try? RowPoster(
        endpoint: options.string("endpoint"), url: options.string("url"), headers: [("X-A", "b")], timeout: nil, captureResponse: true,
        services: services)
    return 0
}

/// Where `.log()` handlers the fuzzer makes may write: a directory of their own under `TMPDIR`.
enum Sandbox {
    static let logger = Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }
    static let logFiles: LogFilePolicy = {
        let directory = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/alert-services-fuzz"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return LogFilePolicy(directories: [directory])
    }()
}

@main
enum AlertServicesFuzzerMain {
    static func main() { FuzzDriver.run { alertServicesFuzzer($0, $1) } }
}
