import Foundation
import FuzzSupport

@testable import ControlService

/// What clients send the control plane's dashboards, annotations and queries routes: a dashboard's JSON checked,
/// given its defaults and answered (each query's builder state made from its text); an annotation body read as a
/// new one and as a change; a query's builder state and time width. None may trap. The first byte picks which.
public func chronografRequestFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0:
        guard var dashboard = try? JSONDecoder().decode(DashboardJSON.self, from: body), (try? DashboardRules.check(&dashboard)) != nil
        else { return 0 }
        _ = try? DashboardAnswer.response(DashboardAnswer.Dashboard(dashboard: DashboardRules.storedDefaults(dashboard)))
    case 1:
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return 0 }
        if let annotation = try? AnnotationRequest.new(object) {
            _ = annotation.document(source: 1)
            _ = try? AnnotationRequest.change(annotation, by: object)
        }
    default:
        let text = String(decoding: body, as: UTF8.self)
        _ = QueryConfig(influxQL: text).json
        _ = QueriesRoutes.durationMilliseconds(text, now: 1_700_000_000_000_000_000)
        _ = Annotation.parse(text)
    }
    return 0
}

@main
enum ChronografRequestFuzzerMain {
    static func main() { FuzzDriver.run { chronografRequestFuzzer($0, $1) } }
}
