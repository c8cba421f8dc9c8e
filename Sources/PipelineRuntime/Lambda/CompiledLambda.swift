import TICKscript

/// A lambda compiled once per node: its expression as a tree the evaluator walks, with stateful functions
/// (`sigma`, `count`, `spread`) numbered so each group keeps its own state (`LambdaState`).
struct CompiledLambda: Sendable {
    indirect enum Node: Sendable {
        case constant(LambdaValue)
        case reference(String)
        case unary(TickOperator, Node)
        case binary(TickOperator, Node, Node)
        case call(String, [Node])
        case stateful(String, [Node], slot: Int)
        case isPresent(String)
    }

    let root: Node
    let statefulCount: Int
    /// The lambda as written, for error messages.
    let text: String

    init(_ expression: TickExpression) throws(LambdaError) {
        var slots = 0
        root = try Self.compile(expression, slots: &slots)
        statefulCount = slots
        text = TickFormatter.expressionText(expression)
    }

    /// A fresh state for a new group.
    func makeState() -> LambdaState { LambdaState(slots: Array(repeating: .init(), count: statefulCount)) }

    func evaluate(_ scope: LambdaScope, state: inout LambdaState) throws(LambdaError) -> LambdaValue {
        var evaluator = LambdaEvaluator(scope: scope, state: state)
        defer { state = evaluator.state }
        return try evaluator.evaluate(root)
    }

    /// Evaluates a lambda that must give a boolean (`where`, alert levels).
    func test(_ scope: LambdaScope, state: inout LambdaState) throws(LambdaError) -> Bool {
        guard case .bool(let result) = try evaluate(scope, state: &state) else {
            throw LambdaError("expression did not evaluate to a boolean: \(text)")
        }
        return result
    }

    private static let statefulFunctions: Set<String> = ["sigma", "count", "spread"]

    private static func compile(_ expression: TickExpression, slots: inout Int) throws(LambdaError) -> Node {
        switch expression.kind {
        case .lambda(let body): return try compile(body, slots: &slots)
        case .reference(let name): return .reference(name)
        case .identifier(let name): throw LambdaError("unknown identifier \(name) in lambda")
        case .string(let text): return .constant(.string(text))
        case .integer(let value): return .constant(.int(value))
        case .number(let value): return .constant(.float(value))
        case .boolean(let value): return .constant(.bool(value))
        case .duration(let value): return .constant(.duration(value))
        case .regex(let pattern): return .constant(.regex(try LambdaRegex(pattern)))
        case .unary(let op, let operand): return .unary(op, try compile(operand, slots: &slots))
        case .binary(let op, let left, let right): return .binary(op, try compile(left, slots: &slots), try compile(right, slots: &slots))
        case .call(let name, let arguments):
            if name == "isPresent" {
                guard arguments.count == 1, case .reference(let field) = arguments[0].kind else {
                    throw LambdaError("isPresent takes one field or tag reference")
                }
                return .isPresent(field)
            }
            var compiled: [Node] = []
            for argument in arguments { compiled.append(try compile(argument, slots: &slots)) }
            guard statefulFunctions.contains(name) else {
                guard LambdaFunctionTable.isKnown(name) else { throw LambdaError("undefined function \(name)") }
                return .call(name, compiled)
            }
            slots += 1
            return .stateful(name, compiled, slot: slots - 1)
        case .star, .list, .chain: throw LambdaError("unsupported expression in lambda: \(TickFormatter.expressionText(expression))")
        }
    }
}

/// The per-group state of a lambda's stateful functions.
struct LambdaState: Sendable {
    struct Slot: Sendable {
        var count: Int64 = 0
        var mean = 0.0
        var squares = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
    }

    var slots: [Slot]
}
