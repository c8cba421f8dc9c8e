import FileIO
import Foundation
import Hummingbird

/// `/chronograf/v1/layouts` (the canned layouts of the host pages: the `.json` files of the canned directory read at
/// start-up, as Chronograf reads them, unreadable ones skipped, then Sundial's own from `Layouts/` for Telegraf's
/// system, InfluxDB and Kapacitor inputs; a user's file wins over a built-in one of the same id, as Chronograf's
/// directory wins over its embedded layouts).
struct LayoutsRoutes {
    /// Each layout as its file holds it: the user's by id, then the built-in ones by file name.
    let layouts: [[String: JSONValue]]

    init(directory: String?, builtInDirectory: String? = Bundle.module.url(forResource: "Layouts", withExtension: nil)?.path) {
        let user = Self.read(directory)
        let userIDs = Set(user.map { Self.text($0["id"]) })
        let builtIn = Self.read(builtInDirectory).filter { !userIDs.contains(Self.text($0["id"])) }
        layouts = user.sorted { Self.text($0["id"]) < Self.text($1["id"]) } + builtIn
    }

    /// The objects of a directory's `.json` files in file-name order, unreadable ones skipped; of two with one id,
    /// the first.
    static func read(_ directory: String?) -> [[String: JSONValue]] {
        guard let directory else { return [] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter { $0.hasSuffix(".json") }
        var seen: Set<String> = []
        return names.compactMap { name in
            guard let data = try? POSIXFileSystem().contents(of: directory + "/" + name),
                let layout = try? JSONDecoder().decode([String: JSONValue].self, from: Data(data)),
                case .string(let id)? = layout["id"], seen.insert(id).inserted
            else { return nil }
            return layout
        }
    }

    func collection() -> RouteCollection<ControlRequestContext> {
        let layouts = layouts
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/layouts") { request, _ in
            // `?app=` and `?measurement=` (each repeatable) pick layouts of any of the apps or measurements named.
            let query = FormQuery(request)
            let wanted = Set(query.all("app") + query.all("measurement"))
            let chosen = layouts.filter { layout in
                wanted.isEmpty || wanted.contains(Self.text(layout["app"])) || wanted.contains(Self.text(layout["measurement"]))
            }
            return try DashboardAnswer.response(["layouts": chosen.map(Self.answer)])
        }
        routes.get("/chronograf/v1/layouts/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let layout = layouts.first(where: { Self.text($0["id"]) == id }) else {
                throw ChronografError(.notFound, "ID \(id) not found")
            }
            return try DashboardAnswer.response(Self.answer(layout))
        }
        return routes
    }

    /// A layout as Chronograf answers it: every cell with its three axes and a list of colours, and its link.
    static func answer(_ layout: [String: JSONValue]) -> [String: JSONValue] {
        var layout = layout
        if layout["autoflow"] == nil { layout["autoflow"] = .bool(false) }
        if case .array(let cells)? = layout["cells"] {
            layout["cells"] = .array(
                cells.map { cell in
                    guard case .object(var cell) = cell else { return cell }
                    var axes: [String: JSONValue] = [:]
                    if case .object(let given)? = cell["axes"] { axes = given }
                    for name in ["x", "y", "y2"] where axes[name] == nil {
                        axes[name] = .object([
                            "bounds": .array([]), "label": .string(""), "prefix": .string(""), "suffix": .string(""),
                            "base": .string(""), "scale": .string(""),
                        ])
                    }
                    cell["axes"] = .object(axes)
                    if cell["colors"] == nil || cell["colors"] == .null { cell["colors"] = .array([]) }
                    return .object(cell)
                })
        } else {
            layout["cells"] = .array([])
        }
        layout["link"] = .object(["href": .string("/chronograf/v1/layouts/\(text(layout["id"]))"), "rel": .string("self")])
        return layout
    }

    static func text(_ value: JSONValue?) -> String {
        if case .string(let text)? = value { return text }
        return ""
    }
}
