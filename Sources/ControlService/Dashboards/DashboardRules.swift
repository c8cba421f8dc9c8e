import HTTPTypes

/// Chronograf's checks and normalisation of dashboards (server/dashboards.go, cells.go, templates.go and the
/// defaults its store applies), with its error texts: a request that breaks one is a 422.
enum DashboardRules {
    static let axisNames: Set<String> = ["x", "y", "y2"]
    private static let scales: Set<String> = ["linear", "log", ""]
    private static let bases: Set<String> = ["10", "2", "", "raw"]
    private static let colorTypes: Set<String> = ["max", "min", "threshold", "text", "background", "scale"]
    private static let orientations: Set<String> = ["top", "bottom", "right", "left"]
    private static let fieldTypes: Set<String> = ["func", "field", "integer", "number", "regex", "wildcard"]
    private static let templateTypes: Set<String> = [
        "constant", "csv", "fieldKeys", "tagKeys", "tagValues", "measurements", "databases", "map", "influxql", "text", "flux",
    ]
    private static let valueTypes: Set<String> = [
        "csv", "map", "fieldKey", "tagKey", "tagValue", "measurement", "database", "constant", "influxql", "flux",
    ]

    /// A dashboard as sent, checked and completed: organization, every cell and template, unique variable names.
    static func check(_ dashboard: inout DashboardJSON) throws {
        if dashboard.organization.isEmpty { dashboard.organization = "default" }
        for index in dashboard.cells.indices { try check(&dashboard.cells[index]) }
        try checkUniqueNames(dashboard.templates)
        for template in dashboard.templates { try check(template) }
    }

    static func check(_ cell: inout DashboardCellJSON) throws {
        if cell.noteVisibility.isEmpty { cell.noteVisibility = "default" }
        guard ["default", "showWhenNoData"].contains(cell.noteVisibility) else {
            throw invalid("Chronograf dashboard cell note visibility value is invalid")
        }
        correctSize(&cell)
        for query in cell.queries ?? [] { try checkFieldTypes(query.queryConfig) }
        for (name, axis) in cell.axes ?? [:] {
            guard axisNames.contains(name), scales.contains(axis.scale), bases.contains(axis.base) else {
                throw invalid("Unexpected axis in cell. Valid axes are 'x', 'y', and 'y2'")
            }
        }
        for index in (cell.queries ?? []).indices {
            if cell.queries![index].type.isEmpty { cell.queries![index].type = "influxql" }
            guard ["flux", "influxql"].contains(cell.queries![index].type) else {
                throw invalid("invalid cell query type: must be 'flux' or 'influxql'")
            }
        }
        for color in cell.colors ?? [] {
            guard colorTypes.contains(color.type) else {
                throw invalid("Invalid color type. Valid color types are 'min', 'max', 'threshold', 'text', and 'background'")
            }
            guard color.hex.count == 7 else { throw invalid("Invalid color. Accepted color format is #RRGGBB") }
        }
        try checkLegend(cell.legend)
    }

    static func check(_ template: TemplateJSON) throws {
        guard templateTypes.contains(template.type) else { throw invalid("unknown template type \(template.type)") }
        for value in template.values ?? [] {
            guard valueTypes.contains(value.type) else { throw invalid("unknown template variable type \(value.type)") }
            if value.type == "map" && (value.key ?? "").isEmpty { throw invalid("Templates of type 'map' require a 'key'") }
        }
        if ["influxql", "flux"].contains(template.type) && template.query == nil {
            throw invalid("no query set for template of type '\(template.type)'")
        }
    }

    static func checkUniqueNames(_ templates: [TemplateJSON]) throws {
        var seen: Set<String> = []
        for template in templates where !seen.insert(template.tempVar).inserted {
            throw invalid("duplicate variable name \(template.tempVar)")
        }
    }

    /// Cells have at least a 1×1 size: 0 becomes Chronograf's 4.
    static func correctSize(_ cell: inout DashboardCellJSON) {
        if cell.w < 1 { cell.w = 4 }
        if cell.h < 1 { cell.h = 4 }
    }

    /// A cell as every answer shows it: empty lists rather than null, the three axes, a query language, a note
    /// visibility.
    static func normalizedForAnswer(_ cell: DashboardCellJSON) -> DashboardCellJSON {
        var cell = cell
        cell.queries = (cell.queries ?? []).map { query in
            var query = query
            if query.type.isEmpty { query.type = "influxql" }
            return query
        }
        cell.colors = cell.colors ?? []
        var axes = cell.axes ?? [:]
        for name in axisNames {
            var axis = axes[name] ?? AxisJSON()
            if (axis.bounds ?? []).isEmpty { axis.bounds = ["", ""] }
            axes[name] = axis
        }
        cell.axes = axes
        if cell.noteVisibility.isEmpty { cell.noteVisibility = "default" }
        return cell
    }

    /// Chronograf's `AddQueryConfig`: each query's builder state made again from its text, keeping only the time
    /// shifts the client sent (null when there are none).
    static func withQueryConfigs(_ cell: DashboardCellJSON) -> DashboardCellJSON {
        var cell = cell
        cell.queries = cell.queries?.map { query in
            var query = query
            var config = QueryConfig(influxQL: query.query)
            if case .object(let sent)? = query.queryConfig, case .array(let shifts)? = sent["shifts"], !shifts.isEmpty {
                config.shifts = .array(shifts)
            }
            query.queryConfig = config.json
            return query
        }
        return cell
    }

    /// What Chronograf's store fills in when it reads a dashboard back: a line graph, decimal axes on a linear scale,
    /// variables whose source follows the dashboard's.
    static func storedDefaults(_ dashboard: DashboardJSON) -> DashboardJSON {
        var dashboard = dashboard
        for index in dashboard.cells.indices {
            if dashboard.cells[index].type.isEmpty { dashboard.cells[index].type = "line" }
            for (name, var axis) in dashboard.cells[index].axes ?? [:] {
                if axis.base.isEmpty { axis.base = "10" }
                if axis.scale.isEmpty { axis.scale = "linear" }
                dashboard.cells[index].axes?[name] = axis
            }
        }
        for index in dashboard.templates.indices where dashboard.templates[index].sourceID.isEmpty {
            dashboard.templates[index].sourceID = "dynamic"
        }
        return dashboard
    }

    private static func checkLegend(_ legend: LegendJSON) throws {
        let type = legend.type ?? ""
        let orientation = legend.orientation ?? ""
        if type.isEmpty && orientation.isEmpty { return }
        guard !type.isEmpty && !orientation.isEmpty else { throw invalid("Invalid legend. Both type and orientation must be set") }
        guard type == "static" else { throw invalid("Invalid legend type. Valid legend type is 'static'") }
        guard orientations.contains(orientation) else {
            throw invalid("Invalid orientation type. Valid orientation types are 'top', 'bottom', 'right', 'left'")
        }
    }

    /// The builder's fields (and their arguments) must have a type it knows.
    private static func checkFieldTypes(_ config: JSONValue?) throws {
        guard case .object(let object)? = config, case .array(let fields)? = object["fields"] else { return }
        func check(_ field: JSONValue) throws {
            guard case .object(let field) = field else { return }
            if case .string(let type)? = field["type"], !fieldTypes.contains(type) {
                throw invalid("invalid field type \"\(type)\" ; expect func, field, integer, number, regex, wildcard")
            }
            if case .array(let arguments)? = field["args"] { try arguments.forEach(check) }
        }
        try fields.forEach(check)
    }

    private static func invalid(_ message: String) -> ChronografError {
        ChronografError(.unprocessableContent, message)
    }
}
