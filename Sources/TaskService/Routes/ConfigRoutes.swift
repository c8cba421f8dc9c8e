import Alerting
import Foundation
import Hummingbird
import Logging
import SundialConfig
import Synchronization

/// `/kapacitor/v1/config`: the alert-handler services as Kapacitor's config API shows them (secrets as whether they
/// are set), and the overrides it makes (`set`/`delete` on an element, `add`/`remove` of list elements), which Chronograf
/// uses to set endpoints up. An accepted update is stored, then applied to running tasks at once; the stored overrides
/// are applied over the file at every start (`TaskService.applyStoredOverrides`).
final class ConfigRoutes: Sendable {
    let services: HandlerServices
    let store: TaskStore
    /// `[config-override] enabled`: off, every call is refused as Kapacitor refuses it.
    let isEnabled: Bool
    /// One update at a time: each reads, changes and writes the whole list of overrides.
    private let updates = Mutex(())

    init(services: HandlerServices, store: TaskStore, isEnabled: Bool) {
        self.services = services
        self.store = store
        self.isEnabled = isEnabled
    }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("config") { _, _ in
            try self.checkEnabled()
            let configuration = self.services.configuration
            var sections: [String: Any] = [:]
            for (name, _) in SundialConfiguration.configAPISections {
                guard let elements = configuration.configElements(name), !elements.isEmpty else { continue }
                sections[name] = Self.sectionJSON(name, elements)
            }
            return try TaskRoutes.json(["link": AlertRoutes.link("config"), "sections": sections])
        }
        routes.get("config/{section}") { request, context in
            try self.checkEnabled()
            let section = try context.parameters.require("section")
            guard let elements = self.services.configuration.configElements(section), !elements.isEmpty else {
                throw KapacitorError(.notFound, "unknown section: \(section)")
            }
            // `/config/slack/` names the element whose key is empty (the default workspace, or a single section's).
            guard request.uri.path.hasSuffix("/") else { return try TaskRoutes.json(Self.sectionJSON(section, elements)) }
            return try Self.element(section, "", in: elements)
        }
        routes.get("config/{section}/{element}") { _, context in
            try self.checkEnabled()
            let section = try context.parameters.require("section")
            let element = try context.parameters.require("element")
            guard let elements = self.services.configuration.configElements(section) else {
                throw KapacitorError(.notFound, "unknown section/element: \(section)/\(element)")
            }
            return try Self.element(section, element, in: elements)
        }
        routes.post("config") { _, _ -> Response in
            try self.checkEnabled()
            throw KapacitorError.badRequest("no section specified")
        }
        routes.post("config/{section}") { request, context in
            let section = try context.parameters.require("section")
            return try await self.update(request, section: section, element: "", hasElement: request.uri.path.hasSuffix("/"))
        }
        routes.post("config/{section}/{element}") { request, context in
            let section = try context.parameters.require("section")
            return try await self.update(request, section: section, element: try context.parameters.require("element"), hasElement: true)
        }
        return routes
    }

    private func checkEnabled() throws {
        guard isEnabled else { throw KapacitorError(.forbidden, "config override service is not enabled") }
    }

    private func update(_ request: Request, section: String, element: String, hasElement: Bool) async throws -> Response {
        try self.checkEnabled()
        let body = Data((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
        let action: ConfigUpdateAction
        do {
            action = try JSONDecoder().decode(ConfigUpdateAction.self, from: body)
        } catch {
            let reason = body.isEmpty ? "EOF" : (error as? DecodingError).map(DecodingErrorText.describe) ?? "\(error)"
            throw KapacitorError.badRequest("failed to decode JSON:\(reason)")
        }
        try updates.withLock { _ in
            var overrides = ConfigOverrides(try store.configOverrides())
            do {
                try overrides.update(action, section: section, element: element, hasElement: hasElement)
            } catch {
                throw KapacitorError.badRequest("failed to apply update: \(error)")
            }
            // Only the section posted to is checked and changed: an override elsewhere that no longer applies (the
            // file changed under it) does not block it, and `skip-config-overrides` leaves the others as they run.
            let updated: SundialConfiguration
            do {
                updated = try services.settings.section(section, with: overrides.items)
            } catch {
                throw KapacitorError.badRequest("\(error)")
            }
            do {
                try store.replaceConfigOverrides(section: section, with: overrides.section(section))
            } catch {
                throw KapacitorError(.internalServerError, "failed to save override \(section)/\(element): \(error)")
            }
            services.settings.replace(section, from: updated)
            // Kapacitor checks the rules across a section's elements in the file only; its API takes a change that
            // breaks them (Chronograf adds a workspace before marking one default). Said, not refused.
            for problem in updated.elementSetProblems(section) {
                services.logger.warning("config API: [\(section)] \(problem.key): \(problem.message) (as the overrides stand now)")
            }
        }
        return Response(status: .noContent)
    }

    private static func element(_ section: String, _ id: String, in elements: [ConfigElementView]) throws -> Response {
        guard let element = elements.first(where: { $0.id == id }) else {
            throw KapacitorError(.notFound, "unknown section/element: \(section)/\(id)")
        }
        return try TaskRoutes.json(elementJSON(section, element))
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
}
