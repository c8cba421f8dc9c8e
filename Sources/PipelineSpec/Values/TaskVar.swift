public import TICKscript

/// A task var as the tasks API carries it: `{"type":"int","value":42,"description":"…"}`. A var without a value
/// is a template var still to be filled.
public struct TaskVar: Sendable, Equatable {
    public let type: TickValueType
    public let value: TickValue?
    public let description: String

    public init(type: TickValueType, value: TickValue?, description: String = "") {
        self.type = type
        self.value = value
        self.description = description
    }

    public init(_ value: TickValue, description: String = "") {
        self.init(type: value.type, value: value, description: description)
    }
}

extension TaskVar: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, value, description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = TickValueType(rawValue: typeName), TickValueType.allCases.prefix(9).contains(type) else {
            throw TaskVarError("unknown var type \"\(typeName)\"; use one of bool, int, float, string, regex, duration, lambda, list, star")
        }
        self.type = type
        self.description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        self.value = try Self.decodeValue(of: type, from: container)
    }

    private static func decodeValue(of type: TickValueType, from container: KeyedDecodingContainer<CodingKeys>) throws -> TickValue? {
        guard container.contains(.value), try !container.decodeNil(forKey: .value) else {
            return type == .star ? .star : nil
        }
        switch type {
        case .bool: return .bool(try container.decode(Bool.self, forKey: .value))
        case .int:
            let number = try container.decode(Double.self, forKey: .value)
            guard number.rounded() == number, let value = Int64(exactly: number) else {
                throw TaskVarError("value \(number) is not an int")
            }
            return .int(value)
        case .float: return .float(try container.decode(Double.self, forKey: .value))
        case .string: return .string(try container.decode(String.self, forKey: .value))
        case .regex: return .regex(try container.decode(String.self, forKey: .value))
        case .duration: return .duration(try decodeDuration(container))
        case .lambda: return .lambda(try parseLambda(try container.decode(String.self, forKey: .value)))
        case .list: return .list(try container.decode([TaskVar].self, forKey: .value).map { $0.value ?? .star })
        case .star: return .star
        case .node, .timeDimension: return nil
        }
    }

    /// Nanoseconds as a number, or a duration literal such as `"1m"`.
    private static func decodeDuration(_ container: KeyedDecodingContainer<CodingKeys>) throws -> Int64 {
        if let text = try? container.decode(String.self, forKey: .value) {
            guard let statements = try? TickParser.parse(text), statements.count == 1, case .expression(let expression) = statements[0],
                case .duration(let value) = expression.kind
            else { throw TaskVarError("\"\(text)\" is not a duration such as 10s or 5m") }
            return value
        }
        let number = try container.decode(Double.self, forKey: .value)
        guard let value = Int64(exactly: number) else { throw TaskVarError("value \(number) is not a whole number of nanoseconds") }
        return value
    }

    /// A lambda var's value is the expression without `lambda:`.
    private static func parseLambda(_ text: String) throws -> TickExpression {
        do {
            let statements = try TickParser.parse("lambda: " + text)
            guard statements.count == 1, case .expression(let expression) = statements[0], case .lambda(let body) = expression.kind else {
                throw TaskVarError("\"\(text)\" is not one lambda expression")
            }
            return body
        } catch let error as TICKscriptError {
            throw TaskVarError("lambda \"\(text)\": \(error.message)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        switch value {
        case .bool(let value): try container.encode(value, forKey: .value)
        case .int(let value): try container.encode(value, forKey: .value)
        case .float(let value): try container.encode(value, forKey: .value)
        case .string(let value), .regex(let value): try container.encode(value, forKey: .value)
        case .duration(let value): try container.encode(TickLiteral.duration(value), forKey: .value)
        case .lambda(let body): try container.encode(TickFormatter.expressionText(body), forKey: .value)
        case .list(let values): try container.encode(values.map { TaskVar($0) }, forKey: .value)
        case .star, .node, .timeDimension, .none: try container.encodeNil(forKey: .value)
        }
        try container.encode(description, forKey: .description)
    }
}

/// A task var whose JSON cannot be read.
public struct TaskVarError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
