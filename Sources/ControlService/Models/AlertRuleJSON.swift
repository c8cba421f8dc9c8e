import Foundation

/// Alert rules as Chronograf shows them: the rule's own fields (or `query: null` for a task Sundial did not
/// generate), the task's read-only fields from Kapacitor, and links.
enum AlertRuleJSON {
    struct Links {
        let base: String

        func rule(_ taskID: String) -> String { base + "/rules/" + taskID }
        func proxy(_ taskID: String, suffix: String = "") -> String { base + "/proxy?path=%2Fkapacitor%2Fv1%2Ftasks%2F" + taskID + suffix }
    }

    /// Every handler list Chronograf's rule carries; absent ones show as `[]`.
    static let handlerKinds = [
        "post", "tcp", "email", "exec", "log", "victorOps", "pagerDuty", "pagerDuty2", "pushover", "sensu", "slack", "telegram", "alerta",
        "opsGenie", "opsGenie2", "talk", "kafka", "serviceNow", "bigPanda", "teams", "zenoss",
    ]

    /// The fields a client may set; the rest are the task's and are not stored.
    static let ruleFields: Set<String> = ["name", "trigger", "values", "every", "query", "message", "details", "alertNodes"]

    static func stored(_ rule: [String: Any]) -> [String: Any] {
        rule.filter { ruleFields.contains($0.key) }
    }

    static func document(task: [String: Any], rule: [String: Any]?, links: Links) -> [String: Any] {
        let taskID = task["id"] as? String ?? ""
        var document: [String: Any] = [
            "name": taskID, "trigger": "", "values": [String: Any](), "every": "", "message": "", "details": "", "query": NSNull(),
        ]
        for (key, value) in stored(rule ?? [:]) { document[key] = value }
        var alertNodes = document["alertNodes"] as? [String: Any] ?? [:]
        for kind in handlerKinds where !(alertNodes[kind] is [Any]) { alertNodes[kind] = [Any]() }
        document["alertNodes"] = alertNodes
        document["id"] = taskID
        document["tickscript"] = task["script"] ?? ""
        for key in ["type", "dbrps", "status", "executing", "error", "created", "modified", "last-enabled", "vars", "template-id"] {
            document[key] = task[key] ?? NSNull()
        }
        document["links"] = [
            "self": links.rule(taskID), "kapacitor": links.proxy(taskID), "output": links.proxy(taskID, suffix: "%2Foutput"),
        ]
        return document
    }
}
