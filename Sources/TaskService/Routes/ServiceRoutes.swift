import Alerting
import Foundation
import Hummingbird
import SundialConfig

/// `/kapacitor/v1/config` (read) and `/kapacitor/v1/service-tests`: the alert-handler services as Kapacitor's API shows
/// them, which Chronograf reads to offer and test alert endpoints. Changing them through the API (Kapacitor's
/// config overrides) is not supported yet: a POST says so, and the config file stays the one place they are set.
struct ServiceRoutes {
    let services: HandlerServices

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        let configuration = services.configuration
        routes.get("config") { _, _ in
            var sections: [String: Any] = [:]
            for (name, _) in SundialConfiguration.configAPISections {
                guard let elements = configuration.configElements(name), !elements.isEmpty else { continue }
                sections[name] = Self.sectionJSON(name, elements)
            }
            return try TaskRoutes.json(["link": AlertRoutes.link("config"), "sections": sections])
        }
        routes.get("config/{section}") { request, context in
            let section = try context.parameters.require("section")
            guard let elements = configuration.configElements(section), !elements.isEmpty else {
                throw KapacitorError(.notFound, "unknown section: \(section)")
            }
            // `/config/slack/` names the element whose key is empty (the default workspace, or a single section's).
            guard request.uri.path.hasSuffix("/") else { return try TaskRoutes.json(Self.sectionJSON(section, elements)) }
            return try element(section, "", in: elements)
        }
        routes.get("config/{section}/{element}") { _, context in
            let section = try context.parameters.require("section")
            let element = try context.parameters.require("element")
            guard let elements = configuration.configElements(section) else {
                throw KapacitorError(.notFound, "unknown section/element: \(section)/\(element)")
            }
            return try self.element(section, element, in: elements)
        }
        for path in ["config", "config/{section}", "config/{section}/{element}"] {
            routes.post(RouterPath(path)) { _, _ -> Response in
                throw KapacitorError(.forbidden, "changing the configuration through the API is not supported yet: edit the config file")
            }
        }
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

    private func element(_ section: String, _ id: String, in elements: [ConfigElementView]) throws -> Response {
        guard let element = elements.first(where: { $0.id == id }) else {
            throw KapacitorError(.notFound, "unknown section/element: \(section)/\(id)")
        }
        return try TaskRoutes.json(Self.elementJSON(section, element))
    }

    private func testJSON(_ name: String) -> [String: Any] {
        let options = ServiceTests.defaultOptions(name, services: services) ?? []
        return [
            "link": AlertRoutes.link("service-tests/\(name)"), "name": name,
            "options": Dictionary(options.map { ($0.0, Self.json($0.1)) }, uniquingKeysWith: { first, _ in first }),
        ]
    }

    private static func sectionJSON(_ name: String, _ elements: [ConfigElementView]) -> [String: Any] {
        ["link": AlertRoutes.link("config/\(name)"), "elements": elements.map { elementJSON(name, $0) }]
    }

    private static func elementJSON(_ section: String, _ element: ConfigElementView) -> [String: Any] {
        [
            "link": AlertRoutes.link("config/\(section)/\(element.id)"), "options": element.options.mapValues(json),
            "redacted": element.redacted.isEmpty ? NSNull() : element.redacted,
        ]
    }

    private static func json(_ value: ConfigJSON) -> Any {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let items): items.map(json)
        case .object(let entries): entries.mapValues(json)
        }
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
