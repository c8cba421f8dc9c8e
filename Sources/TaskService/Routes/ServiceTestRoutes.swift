import Alerting
import Foundation
import Hummingbird

/// `/kapacitor/v1/service-tests`: each alert-handler service's test, which sends a test message through the service
/// as configured (or with the options posted) and answers whether it arrived, with the service's reason when not.
struct ServiceTestRoutes {
    let services: HandlerServices

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("service-tests") { request, _ in
            let pattern = request.uri.queryParameters.get("pattern").flatMap { $0.isEmpty ? nil : $0 } ?? "*"
            let tests = ServiceTests.names.filter { GlobPattern.matches($0, pattern: pattern) }.map(testJSON)
            return try TaskRoutes.json(["link": AlertRoutes.link("service-tests"), "services": tests])
        }
        routes.get("service-tests/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard ServiceTests.names.contains(name) else { throw KapacitorError(.notFound, "service \"\(name)\" not found") }
            return try TaskRoutes.json(testJSON(name))
        }
        routes.post("service-tests/{name}") { request, context in
            let name = try context.parameters.require("name")
            guard ServiceTests.names.contains(name) else { throw KapacitorError(.notFound, "service \"\(name)\" not found") }
            let data = Data((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
            guard let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw KapacitorError.badRequest("failed to decode JSON body:\(data.isEmpty ? "EOF" : "not a JSON object")")
            }
            let result = await ServiceTests.run(name, given: HandlerOptions(json: body), services: services)
            return try TaskRoutes.json(["success": result.success, "message": result.message])
        }
        return routes
    }

    private func testJSON(_ name: String) -> [String: Any] {
        let options = ServiceTests.defaultOptions(name, services: services) ?? []
        return [
            "link": AlertRoutes.link("service-tests/\(name)"), "name": name,
            "options": Dictionary(options.map { ($0.0, Self.json($0.1)) }, uniquingKeysWith: { first, _ in first }),
        ]
    }

    private static func json(_ value: HandlerOptions.Value) -> Any {
        switch value {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? Int(number) : number
        case .bool(let flag): flag
        case .duration(let nanoseconds): nanoseconds
        case .list(let items): items.map(json)
        case .object(let entries): entries.mapValues(json)
        }
    }
}
