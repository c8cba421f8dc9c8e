import Foundation
import PipelineSpec
import TICKscript

/// A rule's `alertNodes` as alert properties: `{"slack":[{"channel":"#ops"}]}` becomes `.slack().channel('#ops')`.
/// Every handler and option is checked against the alert node's handler table; an unknown one is an error, not
/// silently dropped.
struct AlertRuleHandlers {
    let alertNodes: [String: Any]

    /// The option that is the handler's argument rather than a property, per handler.
    private static let argumentKeys = [
        "post": "url", "tcp": "address", "email": "to", "exec": "command", "log": "filePath", "snmpTrap": "trapOid",
    ]

    /// Flags and handlers as property lines under `|alert()`.
    func chain(stateChangesOnly forced: Bool) throws(AlertRuleError) -> String {
        var text = ""
        if forced || alertNodes["stateChangesOnly"] as? Bool == true { text += "        .stateChangesOnly()\n" }
        if alertNodes["noRecoveries"] as? Bool == true { text += "        .noRecoveries()\n" }
        // Chronograf's rule has only an on/off switch for flapping; these are Kapacitor's documented example thresholds.
        if alertNodes["useFlapping"] as? Bool == true { text += "        .flapping(0.25, 0.5)\n" }
        let handlers = NodeCatalog.nodes["alert"]?.handlers ?? [:]
        for name in alertNodes.keys.sorted() where !["stateChangesOnly", "noRecoveries", "useFlapping", "id"].contains(name) {
            guard let entries = alertNodes[name] as? [[String: Any]] else { continue }
            guard let definition = handlers[name] else { throw AlertRuleError("unknown alert handler \(name)") }
            for entry in entries { text += try handler(definition, entry) }
        }
        return text
    }

    private func handler(_ definition: HandlerDefinition, _ entry: [String: Any]) throws(AlertRuleError) -> String {
        let argumentKey = Self.argumentKeys[definition.name]
        let arguments = argumentKey.flatMap { entry[$0] }.map(Self.values) ?? []
        var text = "        .\(definition.name)(\(arguments.joined(separator: ", ")))\n"
        for key in entry.keys.sorted() where key != argumentKey {
            let value = entry[key]!
            if key == "headers", definition.properties["header"] != nil, let headers = value as? [String: Any] {
                for header in headers.keys.sorted() {
                    text += "            .header(\(TickLiteral.string(header)), \(TickLiteral.string("\(headers[header]!)")))\n"
                }
                continue
            }
            guard let signature = definition.properties[key] else {
                if Self.isEmpty(value) { continue }
                throw AlertRuleError("\(definition.name) has no option \(key)")
            }
            // A flag property (`.captureResponse()`) is called when true; a bool-valued one (`.retained(TRUE)`) gets the value.
            let isFlag = Self.isBool(value) && signature.parameters.isEmpty
            if Self.isEmpty(value) || (isFlag && value as? Bool == false) { continue }
            let property = isFlag ? "" : Self.values(value).joined(separator: ", ")
            text += "            .\(key)(\(property))\n"
        }
        return text
    }

    private static func isEmpty(_ value: Any) -> Bool {
        if let text = value as? String { return text.isEmpty }
        if let list = value as? [Any] { return list.isEmpty }
        if let map = value as? [String: Any] { return map.isEmpty }
        return false
    }

    /// Whether a JSON value is `true`/`false` rather than a number: on Linux both arrive as `NSNumber`, and `1 is Bool`.
    static func isBool(_ value: Any) -> Bool {
        if let number = value as? NSNumber { return String(cString: number.objCType) == "c" }
        return value is Bool
    }

    /// JSON values as TICKscript literals: strings quoted, lists spread, whole numbers as ints.
    private static func values(_ value: Any) -> [String] {
        switch value {
        case let list as [Any]: return list.flatMap(values)
        case let text as String: return [TickLiteral.string(text)]
        case let flag as Bool where isBool(value): return [flag ? "TRUE" : "FALSE"]
        case let number as Double where number.rounded() == number && abs(number) < 1e15: return [String(Int64(number))]
        case let number as Double: return [TickLiteral.number(number)]
        case let number as Int: return [String(number)]
        default: return [TickLiteral.string("\(value)")]
        }
    }
}
