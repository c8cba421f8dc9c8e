import PipelineSpec

/// The body of `POST /tasks` and `PATCH /tasks/<id>`: every field optional (a PATCH changes only what it names).
struct TaskOptions: Decodable {
    var id: String?
    var templateID: String?
    var type: String?
    var dbrps: [DBRP]?
    var script: String?
    var status: String?
    var vars: [String: TaskVar]?

    enum CodingKeys: String, CodingKey {
        case id, type, dbrps, script, status, vars
        case templateID = "template-id"
    }
}

/// The body of `POST /templates` and `PATCH /templates/<id>`.
struct TemplateOptions: Decodable {
    var id: String?
    var type: String?
    var script: String?
}
