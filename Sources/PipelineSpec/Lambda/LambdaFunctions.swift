/// The built-in lambda functions (SPEC-kapacitor.md §1.5): what they take and what they give.
struct LambdaFunction {
    enum Parameter: Equatable {
        case exactly(LambdaType)
        case number
        case any
        /// Only a `"field"` reference (`isPresent`).
        case reference
    }

    let parameters: [Parameter]
    let optionalCount: Int
    let returns: LambdaType

    init(_ parameters: [Parameter], optional: Int = 0, returns: LambdaType) {
        self.parameters = parameters
        self.optionalCount = optional
        self.returns = returns
    }

    static let table: [String: LambdaFunction] = {
        var table: [String: LambdaFunction] = [
            "bool": LambdaFunction([.any], returns: .bool), "int": LambdaFunction([.any], returns: .int),
            "float": LambdaFunction([.any], returns: .float), "string": LambdaFunction([.any], returns: .string),
            "duration": LambdaFunction([.any, .exactly(.duration)], optional: 1, returns: .duration),
            "pow10": LambdaFunction([.exactly(.int)], returns: .float),
            "jn": LambdaFunction([.exactly(.int), .exactly(.float)], returns: .float),
            "yn": LambdaFunction([.exactly(.int), .exactly(.float)], returns: .float),
            "strLength": LambdaFunction([.exactly(.string)], returns: .int),
            "strReplace": LambdaFunction([.exactly(.string), .exactly(.string), .exactly(.string), .exactly(.int)], returns: .string),
            "strSubstring": LambdaFunction([.exactly(.string), .exactly(.int), .exactly(.int)], returns: .string),
            "regexReplace": LambdaFunction([.exactly(.regex), .exactly(.string), .exactly(.string)], returns: .string),
            "isPresent": LambdaFunction([.reference], returns: .bool),
            "if": LambdaFunction([.exactly(.bool), .any, .any], returns: .unknown),
            "now": LambdaFunction([], returns: .time), "unixNano": LambdaFunction([.exactly(.time)], returns: .int),
            "humanBytes": LambdaFunction([.number], returns: .string),
            "sigma": LambdaFunction([.exactly(.float)], returns: .float), "count": LambdaFunction([], returns: .int),
            "spread": LambdaFunction([.exactly(.float)], returns: .float),
            "rand": LambdaFunction([.exactly(.int)], optional: 1, returns: .int),
        ]
        let math1 = [
            "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "cos", "cosh", "erf", "erfc", "exp", "exp2", "expm1",
            "floor", "gamma", "j0", "j1", "log", "log10", "log1p", "log2", "logb", "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "y0",
            "y1",
        ]
        for name in math1 { table[name] = LambdaFunction([.exactly(.float)], returns: .float) }
        for name in ["atan2", "hypot", "max", "min", "mod", "pow"] {
            table[name] = LambdaFunction([.exactly(.float), .exactly(.float)], returns: .float)
        }
        for name in ["strContains", "strContainsAny", "strHasPrefix", "strHasSuffix"] {
            table[name] = LambdaFunction([.exactly(.string), .exactly(.string)], returns: .bool)
        }
        for name in ["strCount", "strIndex", "strIndexAny", "strLastIndex", "strLastIndexAny"] {
            table[name] = LambdaFunction([.exactly(.string), .exactly(.string)], returns: .int)
        }
        for name in ["strToLower", "strToUpper", "strTrimSpace"] { table[name] = LambdaFunction([.exactly(.string)], returns: .string) }
        for name in ["strTrim", "strTrimLeft", "strTrimRight", "strTrimPrefix", "strTrimSuffix"] {
            table[name] = LambdaFunction([.exactly(.string), .exactly(.string)], returns: .string)
        }
        for name in ["minute", "hour", "weekday", "day", "month", "year"] { table[name] = LambdaFunction([.exactly(.time)], returns: .int) }
        return table
    }()
}
