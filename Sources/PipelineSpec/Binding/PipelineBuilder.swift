import TICKscript

/// Evaluates a parsed script the way Kapacitor's `tick` package does, statement by statement: vars are bound
/// (immutably), expressions outside lambdas are computed at once, chains create nodes and call their property
/// methods, each checked against `NodeCatalog`.
struct PipelineBuilder {
    let program: TickProgram
    let type: TaskType
    let suppliedVars: [String: TaskVar]
    let isTemplate: Bool
    var nodes: [PipelineNode] = []
    var scope: [String: TickValue] = [:]
    var declaredVars: [String: TaskVar] = [:]
    var dbrps: [DBRP] = []

    init(program: TickProgram, type declared: TaskType?, vars: [String: TaskVar], isTemplate: Bool) throws(PipelineError) {
        self.program = program
        self.suppliedVars = vars
        self.isTemplate = isTemplate
        let used = try Self.sourceUsed(in: program.statements)
        switch (declared, used) {
        case (nil, nil):
            throw PipelineError(
                "the script uses neither stream nor batch, so it defines no task", at: TickPosition(offset: 0, line: 1, column: 1))
        case (let declared?, let used?) where declared != used.type:
            throw PipelineError(
                "the task's type is \(declared.rawValue), but the script starts from \(used.type.rawValue)", at: used.position)
        default:
            type = declared ?? used!.type
        }
        let source = type == .stream ? NodeCatalog.stream : NodeCatalog.batch
        nodes.append(PipelineNode(id: 0, definition: source, position: nil, arguments: [], provides: type == .stream ? .stream : .batch))
    }

    mutating func build() throws(PipelineError) -> Pipeline {
        for (index, statement) in program.statements.enumerated() {
            try bind(statement, index: index)
        }
        try PipelineValidator.validate(nodes)
        return Pipeline(type: type, nodes: nodes, dbrps: dbrps, vars: declaredVars)
    }

    private mutating func bind(_ statement: TickStatement, index: Int) throws(PipelineError) {
        switch statement {
        case .variable(let name, let expression, let position):
            try ensureUndefined(name, at: position)
            var value = try evaluate(expression)
            if case .node = value {
                scope[name] = value
                return
            }
            if let supplied = suppliedVars[name], let suppliedValue = supplied.value {
                guard supplied.type == value.type else {
                    throw PipelineError(
                        "invalid type supplied for var \"\(name)\": the script declares \(value.type.rawValue), got \(supplied.type.rawValue)",
                        at: position)
                }
                value = suppliedValue
            }
            scope[name] = value
            declaredVars[name] = TaskVar(value, description: description(before: index))
        case .templateVariable(let name, let declared, let position):
            try ensureUndefined(name, at: position)
            let type = TickValueType(declared)
            var value = suppliedVars[name]?.value
            if let supplied = suppliedVars[name], supplied.type != type {
                throw PipelineError(
                    "invalid type supplied for var \"\(name)\": the script declares \(type.rawValue), got \(supplied.type.rawValue)",
                    at: position)
            }
            if value == nil {
                guard isTemplate else { throw PipelineError("missing value for var \"\(name)\".", at: position) }
                value = Self.zeroValue(of: declared)
            }
            scope[name] = value
            declaredVars[name] = TaskVar(type: type, value: suppliedVars[name]?.value, description: description(before: index))
        case .dbrp(let database, let policy, let position):
            let dbrp = DBRP(db: database, rp: policy)
            guard !dbrps.contains(dbrp) else { throw PipelineError("dbrp \(dbrp) is named twice", at: position) }
            dbrps.append(dbrp)
        case .expression(let expression):
            _ = try evaluate(expression)
        }
    }

    private func ensureUndefined(_ name: String, at position: TickPosition) throws(PipelineError) {
        if name == "stream" || name == "batch" || scope[name] != nil {
            throw PipelineError("var \(name) is already defined; vars are immutable", at: position)
        }
    }

    /// The comment block right above statement `index`: a template var's description.
    private func description(before index: Int) -> String {
        let line = program.statements[index].position.line
        var lines: [String] = []
        var expected = line - 1
        for comment in program.comments.reversed() where comment.position.line <= expected {
            guard comment.position.line == expected else { break }
            lines.insert(comment.text.trimmingSpaces, at: 0)
            expected -= 1
        }
        return lines.joined(separator: " ")
    }

    /// What an unset template var holds while a template is checked, as Kapacitor uses zero values.
    private static func zeroValue(of type: TickVariableType) -> TickValue {
        switch type {
        case .int: .int(0)
        case .float: .float(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .duration: .duration(0)
        case .lambda: .lambda(TickExpression(.boolean(true), at: TickPosition(offset: 0, line: 1, column: 1)))
        case .regex: .regex("")
        case .list: .list([])
        case .star: .star
        }
    }

    /// Which source the chains start from, and where it is first used; both at once is an error.
    private static func sourceUsed(in statements: [TickStatement]) throws(PipelineError) -> (type: TaskType, position: TickPosition)? {
        var found: (type: TaskType, position: TickPosition)?
        for statement in statements {
            let expression: TickExpression
            switch statement {
            case .variable(_, let value, _): expression = value
            case .expression(let value): expression = value
            default: continue
            }
            for (type, position) in expression.sourceIdentifiers {
                if let first = found, first.type != type {
                    throw PipelineError("a task starts from stream or from batch, not both (batch and stream both used)", at: position)
                }
                if found == nil { found = (type, position) }
            }
        }
        return found
    }
}

extension TickExpression {
    /// `stream` and `batch` identifiers used outside lambdas, in order.
    var sourceIdentifiers: [(TaskType, TickPosition)] {
        switch kind {
        case .identifier(let name): TaskType(rawValue: name).map { [($0, position)] } ?? []
        case .chain(let base, let link): base.sourceIdentifiers + (link.arguments ?? []).flatMap(\.sourceIdentifiers)
        case .list(let elements): elements.flatMap(\.sourceIdentifiers)
        case .binary(_, let left, let right): left.sourceIdentifiers + right.sourceIdentifiers
        case .unary(_, let operand): operand.sourceIdentifiers
        case .call(_, let arguments): arguments.flatMap(\.sourceIdentifiers)
        default: []
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
