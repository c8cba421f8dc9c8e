public import TICKscript

/// What a task's TICKscript builds: the nodes of its DAG in creation order (node `id` = index), the dbrps its
/// `dbrp` statements name, and its vars. `PipelineRuntime` runs it; the tasks API shows it (`dot`, `vars`).
public struct Pipeline: Sendable {
    public let type: TaskType
    public internal(set) var nodes: [PipelineNode]
    public let dbrps: [DBRP]
    /// Every `var` of the script that is not a node, with its value after the task's vars are applied; a template
    /// lists these as its vars.
    public let vars: [String: TaskVar]

    /// Builds and checks the pipeline of a script. `type` is the task's declared type (nil: from the script);
    /// `vars` fill and override the script's vars; a template (`isTemplate`) may leave `var x type` vars unset.
    public static func build(script: String, type: TaskType? = nil, vars: [String: TaskVar] = [:], isTemplate: Bool = false)
        throws(PipelineError) -> Pipeline
    {
        let program: TickProgram
        do {
            program = try TickParser.parseProgram(script)
        } catch {
            throw PipelineError(error.message, at: error.position)
        }
        var builder = try PipelineBuilder(program: program, type: type, vars: vars, isTemplate: isTemplate)
        return try builder.build()
    }
}

public enum TaskType: String, Sendable, Equatable, Codable, CaseIterable {
    case stream, batch
}

/// A database and retention policy a task reads from.
public struct DBRP: Sendable, Hashable, Codable, CustomStringConvertible {
    public let db: String
    public let rp: String

    public init(db: String, rp: String) {
        self.db = db
        self.rp = rp
    }

    /// `"db"."rp"`, as Kapacitor prints dbrps.
    public var description: String { "\"\(db)\".\"\(rp)\"" }
}

/// One node of a pipeline.
public struct PipelineNode: Sendable {
    public let id: Int
    public let definition: NodeDefinition
    /// Where the method that created it was called (nil for nodes Sundial adds: the source, noOp, deadman's parts).
    public let position: TickPosition?
    /// The arguments of the creating method (`window()` has none, `httpOut('x')` one).
    public internal(set) var arguments: [TickValue]
    public internal(set) var properties: [PropertyCall] = []
    public internal(set) var handlers: [HandlerCall] = []
    public internal(set) var parents: [Int] = []
    public internal(set) var children: [Int] = []
    /// The edge its children get; nil when nothing can follow it.
    public let provides: EdgeType?

    /// `window2`: the name DOT, stats and the alert topic use.
    public var name: String { "\(definition.desc)\(id)" }

    /// The arguments of the last call of a property, if it was called.
    public func property(_ name: String) -> [TickValue]? {
        properties.last { $0.name == name }?.arguments
    }

    /// A property's value: the last call's arguments, else Kapacitor's default. `as` defaults to the InfluxQL
    /// function's name (`mean`) or to the derivative's field.
    public func value(of name: String) -> [TickValue]? {
        if let called = property(name) { return called }
        if let fallback = definition.defaults[name] { return fallback }
        guard name == "as", definition.properties["usePointTimes"] != nil || definition.method == "derivative" else { return nil }
        return definition.method == "derivative" ? Array(arguments.prefix(1)) : [.string(definition.method)]
    }
}

/// A property method call: `.period(10s)`.
public struct PropertyCall: Sendable, Equatable {
    public let name: String
    public let arguments: [TickValue]
    public let position: TickPosition?
}

/// An alert handler and its own properties: `.post('http://…').header('k', 'v')`.
public struct HandlerCall: Sendable, Equatable {
    public let name: String
    public let arguments: [TickValue]
    public internal(set) var properties: [PropertyCall]
    public let position: TickPosition?
}

/// A script or var that does not make a valid pipeline: the message and, where there is one, `line:column`.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: TickPosition?

    public init(_ message: String, at position: TickPosition?) {
        self.message = message
        self.position = position
    }

    public var description: String {
        guard let position else { return message }
        return "\(position.line):\(position.column): \(message)"
    }
}
