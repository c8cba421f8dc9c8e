/// What one argument of a node or property method must be. Kapacitor does not convert: an int is not a float.
public enum ArgumentType: Sendable, Equatable, CustomStringConvertible {
    case int, float, bool, string, duration, lambda, regex, node
    /// Default and sideload values: an int, float, bool or string.
    case scalar
    /// A `groupBy` dimension: a tag name or `*`; in `query(…).groupBy` also `time(…)`.
    case dimension
    /// `fill`: `'null'`, `'none'`, `'previous'`, `'linear'` or a number.
    case fill
    /// `sample`: a count or a duration.
    case intOrDuration

    public var description: String {
        switch self {
        case .scalar: "int, float, bool or string"
        case .dimension: "a tag name or *"
        case .fill: "'null', 'none', 'previous', 'linear' or a number"
        case .intOrDuration: "int or duration"
        case .node: "a node"
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        case .duration: "duration"
        case .lambda: "lambda"
        case .regex: "regex"
        }
    }
}

/// The arguments a method takes: fixed ones, how many of them may be left out at the end, and a repeated tail.
public struct Signature: Sendable, Equatable, CustomStringConvertible {
    public let parameters: [ArgumentType]
    public let optionalCount: Int
    public let variadic: ArgumentType?

    public init(_ parameters: ArgumentType..., optional: Int = 0, variadic: ArgumentType? = nil) {
        self.parameters = parameters
        self.optionalCount = optional
        self.variadic = variadic
    }

    public static let none = Signature()
    static func many(_ type: ArgumentType) -> Signature { Signature(variadic: type) }

    var minimumCount: Int { parameters.count - optionalCount }

    public var description: String {
        var parts = parameters.map(\.description)
        if let variadic { parts.append("\(variadic)…") }
        return parts.isEmpty ? "no arguments" : parts.joined(separator: ", ")
    }
}

public enum EdgeType: String, Sendable, Equatable {
    case stream, batch
}

/// Which edge a node may be chained onto.
public enum InputRule: Sendable, Equatable {
    case stream, batch, any
}

/// What edge a node gives its children.
public enum OutputRule: Sendable, Equatable {
    case stream, batch
    /// The same as its input.
    case same
    /// Nothing can be chained after it (only `stats` and `deadman`).
    case none
}

/// Which `|` methods a node offers.
public enum ChainMethods: Sendable, Equatable {
    case all
    case only([String])
    case none
}

/// A node of Kapacitor's pipeline: its method, the name it shows in DOT and stats, its edges, the arguments of the
/// method that creates it and the table of its property methods.
public struct NodeDefinition: Sendable {
    /// The chaining method, e.g. `influxDBOut`.
    public let method: String
    /// The name prefix in DOT and stats, e.g. `influxdb_out` (`influxdb_out4`).
    public let desc: String
    public let input: InputRule
    public let output: OutputRule
    public let arguments: Signature
    public let properties: [String: Signature]
    public let chains: ChainMethods
    /// Alert handlers (`.post()`, `.slack()`…), each with its own properties; empty for other nodes.
    public let handlers: [String: HandlerDefinition]
    /// A UDF (`@name()`): its options are declared by the UDF process, so they are not checked here.
    public let isUserDefined: Bool
    /// What a property is when the script does not call it (Kapacitor's defaults), as the property's arguments.
    public let defaults: [String: [TickValue]]

    init(
        _ method: String, desc: String? = nil, input: InputRule = .any, output: OutputRule = .same,
        arguments: Signature = .none, properties: [String: Signature] = [:], chains: ChainMethods = .all,
        handlers: [String: HandlerDefinition] = [:], isUserDefined: Bool = false, defaults: [String: [TickValue]] = [:]
    ) {
        self.isUserDefined = isUserDefined
        self.defaults = defaults
        self.method = method
        self.desc = desc ?? method
        self.input = input
        self.output = output
        self.arguments = arguments
        self.properties = properties.merging(["quiet": .none]) { own, _ in own }
        self.chains = chains
        self.handlers = handlers
    }
}

/// An alert handler property (`.post(url)`) and the properties that configure it (`.header(k, v)`).
public struct HandlerDefinition: Sendable {
    public let name: String
    public let arguments: Signature
    public let properties: [String: Signature]
    public let defaults: [String: [TickValue]]
}
