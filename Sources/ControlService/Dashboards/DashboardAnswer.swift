import Foundation
import Hummingbird

/// Dashboards, cells and template variables as Chronograf's API answers them: each with its `links`, the
/// dashboard's id as a string (Go's `json:",string"`), cells normalised (`DashboardRules.normalizedForAnswer`).
enum DashboardAnswer {
    static func path(_ id: Int64) -> String { "/chronograf/v1/dashboards/\(id)" }

    struct Dashboard: Encodable {
        let dashboard: DashboardJSON

        private enum Keys: String, CodingKey { case id, cells, templates, name, organization, links }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            let base = DashboardAnswer.path(dashboard.id)
            try c.encode(String(dashboard.id), forKey: .id)
            try c.encode(dashboard.cells.map { Cell(dashboard: dashboard.id, cell: $0) }, forKey: .cells)
            try c.encode(dashboard.templates.map { Template(dashboard: dashboard.id, template: $0) }, forKey: .templates)
            try c.encode(dashboard.name, forKey: .name)
            try c.encode(dashboard.organization, forKey: .organization)
            try c.encode(["self": base, "cells": base + "/cells", "templates": base + "/templates"], forKey: .links)
        }
    }

    /// A cell, its queries' `queryConfig` made from their text as Chronograf answers them, except where Chronograf
    /// echoes the cell it was sent (`PUT …/cells/{cid}`: `echoesQueryConfig`).
    struct Cell: Encodable {
        let dashboard: Int64
        let cell: DashboardCellJSON
        var echoesQueryConfig = false

        private enum Keys: String, CodingKey { case links }

        func encode(to encoder: any Encoder) throws {
            try DashboardRules.normalizedForAnswer(echoesQueryConfig ? cell : DashboardRules.withQueryConfigs(cell)).encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(["self": DashboardAnswer.path(dashboard) + "/cells/" + cell.i], forKey: .links)
        }
    }

    struct Template: Encodable {
        let dashboard: Int64
        let template: TemplateJSON

        private enum Keys: String, CodingKey { case links }

        func encode(to encoder: any Encoder) throws {
            try template.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(["self": DashboardAnswer.path(dashboard) + "/templates/" + template.id], forKey: .links)
        }
    }

    /// The JSON (a newline after it, as Go's encoder writes it).
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/json"]
        if let location { headers[.location] = location }
        let body = try encoder.encode(value) + [0x0A]
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
