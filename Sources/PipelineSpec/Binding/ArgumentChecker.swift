import TICKscript

/// Checks a method's arguments against its signature, strictly as Kapacitor does: no int→float conversion.
enum ArgumentChecker {
    static func check(_ values: [TickValue], against signature: Signature, method: String, at position: TickPosition) throws(PipelineError)
    {
        let fixed = signature.parameters.count
        let tooFew = values.count < signature.minimumCount
        let tooMany = signature.variadic == nil && values.count > fixed
        if tooFew || tooMany {
            let count: String
            if signature.variadic != nil {
                count = "at least \(signature.minimumCount)"
            } else if signature.optionalCount > 0 {
                count = "\(signature.minimumCount) to \(fixed)"
            } else {
                count = "\(fixed)"
            }
            let noun = count == "1" ? "argument" : "arguments"
            throw PipelineError("\(method) takes \(count) \(noun) (\(signature)), got \(values.count)", at: position)
        }
        for (index, value) in values.enumerated() {
            let expected = index < fixed ? signature.parameters[index] : signature.variadic!
            guard fits(value, expected) else {
                var message = "\(method) argument \(index + 1) must be \(expected), got \(value.type.spoken)"
                if expected == .float && value.type == .int { message += "; write 1.0, not 1, for a float" }
                if expected == .duration && (value.type == .int || value.type == .float) { message += "; write a duration such as 10s" }
                throw PipelineError(message, at: position)
            }
        }
    }

    static func fits(_ value: TickValue, _ expected: ArgumentType) -> Bool {
        switch (expected, value) {
        case (.int, .int), (.float, .float), (.bool, .bool), (.string, .string), (.duration, .duration), (.lambda, .lambda),
            (.regex, .regex), (.node, .node):
            return true
        case (.scalar, .int), (.scalar, .float), (.scalar, .bool), (.scalar, .string): return true
        case (.dimension, .string), (.dimension, .star), (.dimension, .timeDimension): return true
        case (.fill, .int), (.fill, .float): return true
        case (.fill, .string(let option)): return ["null", "none", "previous", "linear"].contains(option)
        case (.intOrDuration, .int), (.intOrDuration, .duration): return true
        default: return false
        }
    }
}
