public import Alerting
import TICKscript
import TimeSeries

/// A topic handler's `match` (Kapacitor's): a lambda over an alert event, such as `level() == CRITICAL`,
/// `changed() == TRUE`, `"host" == 'serverA'` or `alertDuration() > 5m`. Quoted names are the event's tags; the level
/// names are integers; `level()`, `changed()`, `name()`, `taskName()` and `alertDuration()` give the event's. It is
/// evaluated by the lambda evaluator once those are put in as constants.
public struct MatchExpression: Sendable {
    private let body: TickExpression
    public let text: String

    private static let levels: [String: Int64] = ["OK": 0, "INFO": 1, "WARNING": 2, "CRITICAL": 3]

    public init(_ text: String) throws(MatchExpressionError) {
        let statements: [TickStatement]
        do {
            statements = try TickParser.parse("var match = lambda: " + text)
        } catch {
            throw MatchExpressionError("invalid match expression: \(error)")
        }
        guard statements.count == 1, case .variable(_, let value, _) = statements[0], case .lambda(let body) = value.kind else {
            throw MatchExpressionError("invalid match expression: \(text)")
        }
        self.body = body
        self.text = text
        // Unknown identifiers and functions are refused when the handler is made, not at its first event.
        let probe = AlertEvent(
            topic: "", id: "", state: EventState(level: .ok, message: "", details: "", time: 0, duration: 0), previousLevel: .ok,
            recoverable: true, data: [])
        do {
            _ = try CompiledLambda(Self.substituted(body, event: probe))
        } catch {
            throw MatchExpressionError("invalid match expression: \(error)")
        }
    }

    /// Whether `event` matches; an error (a tag the event does not have, a comparison of mismatched types) says why not.
    public func matches(_ event: AlertEvent) throws(MatchExpressionError) -> Bool {
        let tags = event.data.first?.tags ?? [:]
        for name in Self.references(body) where tags[name] == nil { throw MatchExpressionError("no tag exists for \(name)") }
        do {
            let lambda = try CompiledLambda(try Self.substituted(body, event: event))
            var state = lambda.makeState()
            return try lambda.test(LambdaScope(fields: [:], tags: tags, time: event.state.time), state: &state)
        } catch {
            throw MatchExpressionError("\(error)")
        }
    }

    /// The expression with the level names and the event functions replaced by the event's values.
    private static func substituted(_ expression: TickExpression, event: AlertEvent) throws(MatchExpressionError) -> TickExpression {
        let at = expression.position
        switch expression.kind {
        case .identifier(let name):
            guard let level = levels[name] else { throw MatchExpressionError("unknown identifier \"\(name)\"") }
            return TickExpression(.integer(level), at: at)
        case .call(let name, let arguments) where ["level", "changed", "name", "taskName", "alertDuration"].contains(name):
            guard arguments.isEmpty else { throw MatchExpressionError("\(name) takes no arguments") }
            switch name {
            case "level": return TickExpression(.integer(Int64(event.state.level.rawValue)), at: at)
            case "changed": return TickExpression(.boolean(event.state.level != event.previousLevel), at: at)
            case "name": return TickExpression(.string(event.data.first?.name ?? ""), at: at)
            case "taskName": return TickExpression(.string(event.taskName), at: at)
            default: return TickExpression(.duration(event.state.duration), at: at)
            }
        case .call(let name, let arguments):
            var substitutedArguments: [TickExpression] = []
            for argument in arguments { substitutedArguments.append(try substituted(argument, event: event)) }
            return TickExpression(.call(name: name, arguments: substitutedArguments), at: at)
        case .unary(let op, let operand): return TickExpression(.unary(op, try substituted(operand, event: event)), at: at)
        case .binary(let op, let left, let right):
            return TickExpression(.binary(op, try substituted(left, event: event), try substituted(right, event: event)), at: at)
        default: return expression
        }
    }

    /// The tag names the expression reads.
    private static func references(_ expression: TickExpression) -> Set<String> {
        switch expression.kind {
        case .reference(let name): return [name]
        case .unary(_, let operand): return references(operand)
        case .binary(_, let left, let right): return references(left).union(references(right))
        case .call(_, let arguments): return arguments.reduce(into: []) { $0.formUnion(references($1)) }
        default: return []
        }
    }
}

/// Why a match expression cannot be made or evaluated.
public struct MatchExpressionError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
