import Foundation

/// A Chronograf dashboard as its API and `.dashboard` files write it (chronograf.go `Dashboard`): cells and
/// template variables. Stored as this JSON, less the links every answer adds.
struct DashboardJSON: Codable, Equatable, Sendable {
    var id: Int64 = 0
    var cells: [DashboardCellJSON] = []
    var templates: [TemplateJSON] = []
    var name = ""
    var organization = ""

    private enum CodingKeys: String, CodingKey {
        case id, cells, templates, name, organization
    }

    init(name: String = "", cells: [DashboardCellJSON] = [], templates: [TemplateJSON] = [], organization: String = "") {
        self.name = name
        self.cells = cells
        self.templates = templates
        self.organization = organization
    }

    /// `id` as a number or a numeric string (Chronograf's files and exports hold either).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decodeIfPresent(Int64.self, forKey: .id) {
            id = number
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .id) {
            guard let number = Int64(text) else {
                throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "id is not a number")
            }
            id = number
        }
        cells = try container.decodeIfPresent([DashboardCellJSON].self, forKey: .cells) ?? []
        templates = try container.decodeIfPresent([TemplateJSON].self, forKey: .templates) ?? []
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        organization = try container.decodeIfPresent(String.self, forKey: .organization) ?? ""
    }
}

/// A cell: where it sits on the grid, its queries and how it draws them (chronograf.go `DashboardCell`).
struct DashboardCellJSON: Codable, Equatable, Sendable {
    var i = ""
    var x: Int32 = 0
    var y: Int32 = 0
    var w: Int32 = 0
    var h: Int32 = 0
    var name = ""
    var queries: [CellQueryJSON]? = []
    var axes: [String: AxisJSON]? = [:]
    var type = ""
    var colors: [CellColorJSON]? = []
    var legend = LegendJSON()
    var tableOptions = TableOptionsJSON()
    var fieldOptions: [RenamableFieldJSON]?
    var timeFormat = ""
    var decimalPlaces = DecimalPlacesJSON()
    var note = ""
    var noteVisibility = ""

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        i = try c.decodeIfPresent(String.self, forKey: .i) ?? ""
        x = try c.decodeIfPresent(Int32.self, forKey: .x) ?? 0
        y = try c.decodeIfPresent(Int32.self, forKey: .y) ?? 0
        w = try c.decodeIfPresent(Int32.self, forKey: .w) ?? 0
        h = try c.decodeIfPresent(Int32.self, forKey: .h) ?? 0
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        queries = try c.decodeIfPresent([CellQueryJSON].self, forKey: .queries)
        axes = try c.decodeIfPresent([String: AxisJSON].self, forKey: .axes)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        colors = try c.decodeIfPresent([CellColorJSON].self, forKey: .colors)
        legend = try c.decodeIfPresent(LegendJSON.self, forKey: .legend) ?? LegendJSON()
        tableOptions = try c.decodeIfPresent(TableOptionsJSON.self, forKey: .tableOptions) ?? TableOptionsJSON()
        fieldOptions = try c.decodeIfPresent([RenamableFieldJSON].self, forKey: .fieldOptions)
        timeFormat = try c.decodeIfPresent(String.self, forKey: .timeFormat) ?? ""
        decimalPlaces = try c.decodeIfPresent(DecimalPlacesJSON.self, forKey: .decimalPlaces) ?? DecimalPlacesJSON()
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        noteVisibility = try c.decodeIfPresent(String.self, forKey: .noteVisibility) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case i, x, y, w, h, name, queries, axes, type, colors, legend, tableOptions, fieldOptions, timeFormat, decimalPlaces, note,
            noteVisibility
    }

    /// Go writes a nil slice or map as null: kept so, as Chronograf keeps it.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(i, forKey: .i)
        try c.encode(x, forKey: .x)
        try c.encode(y, forKey: .y)
        try c.encode(w, forKey: .w)
        try c.encode(h, forKey: .h)
        try c.encode(name, forKey: .name)
        try c.encode(queries, forKey: .queries)
        try c.encode(axes, forKey: .axes)
        try c.encode(type, forKey: .type)
        try c.encode(colors, forKey: .colors)
        try c.encode(legend, forKey: .legend)
        try c.encode(tableOptions, forKey: .tableOptions)
        try c.encode(fieldOptions, forKey: .fieldOptions)
        try c.encode(timeFormat, forKey: .timeFormat)
        try c.encode(decimalPlaces, forKey: .decimalPlaces)
        try c.encode(note, forKey: .note)
        try c.encode(noteVisibility, forKey: .noteVisibility)
    }
}

/// A cell's query (chronograf.go `DashboardQuery`). `queryConfig` is the explorer's builder state; it is kept as
/// sent, but answers make it again from the query (`DashboardRules.withQueryConfigs`), as Chronograf does.
struct CellQueryJSON: Codable, Equatable, Sendable {
    var query = ""
    var label: String?
    var range: QueryRangeJSON?
    var queryConfig: JSONValue?
    var source = ""
    var type = ""

    init(query: String = "") {
        self.query = query
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        query = try c.decodeIfPresent(String.self, forKey: .query) ?? ""
        label = try c.decodeIfPresent(String.self, forKey: .label)
        range = try c.decodeIfPresent(QueryRangeJSON.self, forKey: .range)
        queryConfig = try c.decodeIfPresent(JSONValue.self, forKey: .queryConfig)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case query, label, range, queryConfig, source, type
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        if let label, !label.isEmpty { try c.encode(label, forKey: .label) }
        try c.encodeIfPresent(range, forKey: .range)
        try c.encode(queryConfig ?? Self.emptyQueryConfig, forKey: .queryConfig)
        try c.encode(source, forKey: .source)
        try c.encode(type, forKey: .type)
    }

    /// Go's zero `QueryConfig`, which Chronograf echoes for a cell replaced without one.
    static let emptyQueryConfig = JSONValue.object([
        "database": .string(""), "measurement": .string(""), "retentionPolicy": .string(""), "fields": .null, "tags": .null,
        "groupBy": .object(["time": .string(""), "tags": .null]), "areTagsAccepted": .bool(false), "rawText": .null, "range": .null,
        "shifts": .null,
    ])
}

struct QueryRangeJSON: Codable, Equatable, Sendable {
    var upper: Int64 = 0
    var lower: Int64 = 0

    init() {}

    /// Missing keys are zero values, as Go reads them.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        upper = try c.decodeIfPresent(Int64.self, forKey: .upper) ?? 0
        lower = try c.decodeIfPresent(Int64.self, forKey: .lower) ?? 0
    }

    private enum CodingKeys: String, CodingKey {
        case upper, lower
    }
}

struct AxisJSON: Codable, Equatable, Sendable {
    var bounds: [String]? = ["", ""]
    var label = ""
    var prefix = ""
    var suffix = ""
    var base = ""
    var scale = ""

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bounds = try c.decodeIfPresent([String].self, forKey: .bounds)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
        prefix = try c.decodeIfPresent(String.self, forKey: .prefix) ?? ""
        suffix = try c.decodeIfPresent(String.self, forKey: .suffix) ?? ""
        base = try c.decodeIfPresent(String.self, forKey: .base) ?? ""
        scale = try c.decodeIfPresent(String.self, forKey: .scale) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case bounds, label, prefix, suffix, base, scale
    }
}

struct CellColorJSON: Codable, Equatable, Sendable {
    var id = ""
    var type = ""
    var hex = ""
    var name = ""
    var value = ""

    init() {}

    /// Missing keys are zero values, as Go reads them.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        hex = try c.decodeIfPresent(String.self, forKey: .hex) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, hex, name, value
    }
}

struct LegendJSON: Codable, Equatable, Sendable {
    var type: String?
    var orientation: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let type, !type.isEmpty { try c.encode(type, forKey: .type) }
        if let orientation, !orientation.isEmpty { try c.encode(orientation, forKey: .orientation) }
    }
}

struct RenamableFieldJSON: Codable, Equatable, Sendable {
    var internalName = ""
    var displayName = ""
    var visible = false

    init() {}

    /// Missing keys are zero values, as Go reads them.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        internalName = try c.decodeIfPresent(String.self, forKey: .internalName) ?? ""
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName) ?? ""
        visible = try c.decodeIfPresent(Bool.self, forKey: .visible) ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case internalName, displayName, visible
    }
}

struct TableOptionsJSON: Codable, Equatable, Sendable {
    var verticalTimeAxis = false
    var sortBy = RenamableFieldJSON()
    var wrapping = ""
    var fixFirstColumn = false

    init() {}

    /// Missing keys are zero values, as Go reads them.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        verticalTimeAxis = try c.decodeIfPresent(Bool.self, forKey: .verticalTimeAxis) ?? false
        sortBy = try c.decodeIfPresent(RenamableFieldJSON.self, forKey: .sortBy) ?? RenamableFieldJSON()
        wrapping = try c.decodeIfPresent(String.self, forKey: .wrapping) ?? ""
        fixFirstColumn = try c.decodeIfPresent(Bool.self, forKey: .fixFirstColumn) ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case verticalTimeAxis, sortBy, wrapping, fixFirstColumn
    }
}

struct DecimalPlacesJSON: Codable, Equatable, Sendable {
    var isEnforced = false
    var digits: Int32 = 0

    init() {}

    /// Missing keys are zero values, as Go reads them.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        isEnforced = try c.decodeIfPresent(Bool.self, forKey: .isEnforced) ?? false
        digits = try c.decodeIfPresent(Int32.self, forKey: .digits) ?? 0
    }

    private enum CodingKeys: String, CodingKey {
        case isEnforced, digits
    }
}
