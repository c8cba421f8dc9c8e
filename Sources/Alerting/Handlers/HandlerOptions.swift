import Foundation

/// What one use of a handler asks, by Kapacitor's option names (`channel`, `icon-emoji`, `routing-key`): a TICKscript
/// chain's properties (`.slack().channel('#ops').iconEmoji(':fire:')`, camel case there, the same names in kebab case
/// here) or a topic handler's `options` JSON, which Kapacitor decodes into the same handler config.
public struct HandlerOptions: Sendable, Equatable {
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        /// Nanoseconds: a TICKscript duration, or a JSON duration string (`"10s"`).
        case duration(Int64)
        case list([Value])
        case object([String: Value])
    }

    public private(set) var values: [String: Value]

    public init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    /// A topic handler's `options` object, as JSON decoding gives it.
    public init(json: [String: Any]) {
        values = json.compactMapValues(Self.value)
    }

    private static func value(_ any: Any) -> Value? {
        switch any {
        // On Linux `true` and `1` both arrive as NSNumber, and `1 is Bool`: the number's type code tells them apart.
        case let number as NSNumber:
            return String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let flag as Bool: return .bool(flag)
        case let text as String: return .string(text)
        case let list as [Any]: return .list(list.compactMap(value))
        case let object as [String: Any]: return .object(object.compactMapValues(value))
        default: return nil
        }
    }

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public func string(_ name: String) -> String? {
        if case .string(let text)? = values[name] { return text }
        return nil
    }

    public func strings(_ name: String) -> [String] {
        switch values[name] {
        case .string(let text)?: [text]
        case .list(let items)?: items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: []
        }
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let flag)? = values[name] { return flag }
        return false
    }

    /// A table of values: a topic handler's JSON object, or a TICKscript property given as key and value and
    /// repeated (`.metadata('k1', 'v1').metadata('k2', 5)`), which arrives as a flat list of keys and values.
    public func table(_ name: String) -> [String: Value] {
        switch values[name] {
        case .object(let entries)?: return entries
        case .list(let pairs)?:
            var entries: [String: Value] = [:]
            for index in stride(from: 0, to: pairs.count - 1, by: 2) {
                if case .string(let key) = pairs[index] { entries[key] = pairs[index + 1] }
            }
            return entries
        default: return [:]
        }
    }

    /// Templates by field, each from the first non-empty option of its names (topic options' spelling, then
    /// TICKscript's): ServiceNow's and Zenoss's templated fields.
    func templates(_ fields: [(field: String, options: [String])]) throws(AlertTemplateError) -> [String: AlertTemplate] {
        var templates: [String: AlertTemplate] = [:]
        for (field, names) in fields {
            if let text = names.lazy.compactMap({ self.string($0).nonEmpty }).first { templates[field] = try AlertTemplate(text) }
        }
        return templates
    }

    public func number(_ name: String) -> Double? {
        if case .number(let number)? = values[name] { return number }
        return nil
    }

    /// TICKscript's camel-case property name as Kapacitor's option name: `iconEmoji` → `icon-emoji`, `avatarURL` →
    /// `avatar-url`, `uRLTitle` → `url-title`.
    public static func optionName(_ property: String) -> String {
        let characters = Array(property)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // `uRL` (TICKscript's `.URL()` with its first letter lowered) is one word.
                let startsAcronym = index == 1 && previous.isLowercase
                if !startsAcronym && (previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower)) { result += "-" }
            }
            result += character.lowercased()
        }
        return result
    }
}
