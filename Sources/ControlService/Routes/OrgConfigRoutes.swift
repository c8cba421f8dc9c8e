import Foundation
import GRDB
import Hummingbird

/// `/chronograf/v1/org_config` and `/org_config/logviewer`: an organization's log viewer columns, Chronograf's
/// defaults until changed (kept in `control.sqlite`'s `config` table), checked as Chronograf checks them.
struct OrgConfigRoutes {
    let store: ControlStore

    struct Encoding: Codable, Equatable {
        var type: String
        var value: String
        var name: String?
    }

    struct Column: Codable, Equatable {
        var name: String
        var position: Int32
        var encodings: [Encoding]
    }

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/org_config") { request, _ in
            let organization = MeRoutes.currentOrganization(request) ?? "default"
            let columns = try store.logViewerColumns(organization) ?? Self.defaultColumns
            return try DashboardAnswer.response(
                OrgConfig(
                    links: ["self": "/chronograf/v1/org_config", "logViewer": "/chronograf/v1/org_config/logviewer"],
                    organization: organization, logViewer: ["columns": columns]))
        }
        routes.get("/chronograf/v1/org_config/logviewer") { request, _ in
            let columns = try store.logViewerColumns(MeRoutes.currentOrganization(request) ?? "default") ?? Self.defaultColumns
            return try DashboardAnswer.response(LogViewer(links: ["self": "/chronograf/v1/org_config/logviewer"], columns: columns))
        }
        routes.put("/chronograf/v1/org_config/logviewer") { request, _ in
            let columns = try await DashboardsRoutes.decode(LogViewerBody.self, request).columns
            try Self.check(columns)
            try store.setLogViewerColumns(columns, organization: MeRoutes.currentOrganization(request) ?? "default")
            return try DashboardAnswer.response(LogViewer(links: ["self": "/chronograf/v1/org_config/logviewer"], columns: columns))
        }
        return routes
    }

    private struct OrgConfig: Encodable {
        let links: [String: String]
        let organization: String
        let logViewer: [String: [Column]]
    }

    private struct LogViewer: Encodable {
        let links: [String: String]
        let columns: [Column]
    }

    private struct LogViewerBody: Decodable {
        let columns: [Column]
    }

    /// Chronograf's checks of a log viewer configuration, with its 400 texts.
    static func check(_ columns: [Column]) throws {
        func invalid(_ reason: String) -> ChronografError { ChronografError(.badRequest, "Invalid log viewer config: \(reason)") }
        guard !columns.isEmpty else { throw invalid("must have at least 1 column") }
        var names: Set<String> = []
        var positions: Set<Int32> = []
        for column in columns {
            guard names.insert(column.name).inserted else { throw invalid("Duplicate column name \(column.name)") }
            guard positions.insert(column.position).inserted else { throw invalid("Multiple columns with same position value") }
            let visibility = column.encodings.filter { $0.type == "visibility" }
            guard visibility.count == 1 else { throw invalid("missing visibility encoding in column \(column.name)") }
            guard ["visible", "hidden"].contains(visibility[0].value) else { throw invalid("invalid visibility in column \(column.name)") }
            if column.name == "severity" {
                let formats = column.encodings.filter { $0.type == "label" }.map(\.value)
                guard (1...2).contains(formats.count), Set(formats).count == formats.count, formats.allSatisfy(["icon", "text"].contains)
                else { throw invalid("invalid number of severity format encodings in column severity") }
            }
        }
    }

    /// Chronograf's default columns (kv/org_config.go).
    static let defaultColumns: [Column] = {
        func visible(_ name: String, _ position: Int32, _ more: [Encoding] = []) -> Column {
            Column(name: name, position: position, encodings: [Encoding(type: "visibility", value: "visible")] + more)
        }
        let severityColors = [
            ("ruby", "emerg"), ("fire", "alert"), ("curacao", "crit"), ("tiger", "err"), ("pineapple", "warning"),
            ("rainforest", "notice"), ("star", "info"), ("wolf", "debug"),
        ].map { Encoding(type: "color", value: $0.0, name: $0.1) }
        return [
            Column(name: "time", position: 0, encodings: [Encoding(type: "visibility", value: "hidden")]),
            visible("severity", 1, [Encoding(type: "label", value: "icon"), Encoding(type: "label", value: "text")] + severityColors),
            visible("timestamp", 2), visible("message", 3), visible("facility", 4),
            visible("procid", 5, [Encoding(type: "displayName", value: "Proc ID")]),
            visible("appname", 6, [Encoding(type: "displayName", value: "Application")]),
            visible("hostname", 7), visible("host", 8),
        ]
    }()
}

extension ControlStore {
    func logViewerColumns(_ organization: String) throws -> [OrgConfigRoutes.Column]? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM config WHERE key = ?", arguments: ["logViewer:" + organization])
        }.flatMap { try JSONDecoder().decode([OrgConfigRoutes.Column].self, from: Data($0.utf8)) }
    }

    func setLogViewerColumns(_ columns: [OrgConfigRoutes.Column], organization: String) throws {
        let value = String(decoding: try JSONEncoder().encode(columns), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: ["logViewer:" + organization, value])
        }
    }
}
