/// A template variable (chronograf.go `Template`): its name, its values, and where they come from.
struct TemplateJSON: Codable, Equatable, Sendable {
    var tempVar = ""
    var values: [TemplateValueJSON]? = []
    var id = ""
    var type = ""
    var label = ""
    var query: TemplateQueryJSON?
    var sourceID = ""

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tempVar = try c.decodeIfPresent(String.self, forKey: .tempVar) ?? ""
        values = try c.decodeIfPresent([TemplateValueJSON].self, forKey: .values)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
        query = try c.decodeIfPresent(TemplateQueryJSON.self, forKey: .query)
        sourceID = try c.decodeIfPresent(String.self, forKey: .sourceID) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case tempVar, values, id, type, label, query, sourceID
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tempVar, forKey: .tempVar)
        try c.encode(values, forKey: .values)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(query, forKey: .query)
        try c.encode(sourceID, forKey: .sourceID)
    }
}

struct TemplateValueJSON: Codable, Equatable, Sendable {
    var value = ""
    var type = ""
    var selected = false
    var key: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        selected = try c.decodeIfPresent(Bool.self, forKey: .selected) ?? false
        key = try c.decodeIfPresent(String.self, forKey: .key)
    }

    private enum CodingKeys: String, CodingKey {
        case value, type, selected, key
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(type, forKey: .type)
        try c.encode(selected, forKey: .selected)
        if let key, !key.isEmpty { try c.encode(key, forKey: .key) }
    }
}

struct TemplateQueryJSON: Codable, Equatable, Sendable {
    var influxql = ""
    var flux: String?
    var db: String?
    var rp: String?
    var measurement = ""
    var tagKey = ""
    var fieldKey = ""

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        influxql = try c.decodeIfPresent(String.self, forKey: .influxql) ?? ""
        flux = try c.decodeIfPresent(String.self, forKey: .flux)
        db = try c.decodeIfPresent(String.self, forKey: .db)
        rp = try c.decodeIfPresent(String.self, forKey: .rp)
        measurement = try c.decodeIfPresent(String.self, forKey: .measurement) ?? ""
        tagKey = try c.decodeIfPresent(String.self, forKey: .tagKey) ?? ""
        fieldKey = try c.decodeIfPresent(String.self, forKey: .fieldKey) ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case influxql, flux, db, rp, measurement, tagKey, fieldKey
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(influxql, forKey: .influxql)
        if let flux, !flux.isEmpty { try c.encode(flux, forKey: .flux) }
        if let db, !db.isEmpty { try c.encode(db, forKey: .db) }
        if let rp, !rp.isEmpty { try c.encode(rp, forKey: .rp) }
        try c.encode(measurement, forKey: .measurement)
        try c.encode(tagKey, forKey: .tagKey)
        try c.encode(fieldKey, forKey: .fieldKey)
    }
}
