import PipelineSpec
import TICKscript

/// A running node: it receives messages from its parents and emits to its children, one message at a time (the
/// task serialises them), keeping whatever per-group state it needs.
protocol RuntimeNode: AnyObject {
    /// Handles one message; what it emits goes to every child. A thrown error drops the message and is counted.
    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError)
    /// The same, for nodes that need to know which parent (its node id) sent the message (`join`).
    func process(_ message: RuntimeMessage, from parent: Int, emit: (RuntimeMessage) -> Void) throws(NodeError)
    /// Counters beyond collected, emitted and errors (an alert's triggered counts, influxDBOut's points written).
    var extraStats: [(String, Int64)] { get }
    /// How many groups it holds state for.
    var cardinality: Int { get }
    /// Wall-clock tick, about once a second: flushes and timers.
    func tick(now: Int64, emit: (RuntimeMessage) -> Void)
    /// The task is stopping: flush what is buffered.
    func stop()
}

extension RuntimeNode {
    func process(_ message: RuntimeMessage, from parent: Int, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        try process(message, emit: emit)
    }

    var extraStats: [(String, Int64)] { [] }
    var cardinality: Int { 0 }
    func tick(now: Int64, emit: (RuntimeMessage) -> Void) {}
    func stop() {}
}

/// Why a node dropped a message: logged with the node's name and counted in its `errors`.
struct NodeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Why a task cannot start: a node Sundial does not run yet, a lambda or template that does not compile.
public struct TaskStartError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Passes everything through: `stream` (the source), `noOp`, `log` when logging is off.
final class PassThroughNode: RuntimeNode {
    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) { emit(message) }
}

extension PipelineNode {
    /// A property's single string argument, or `fallback`.
    func string(_ name: String, default fallback: String = "") -> String {
        if case .string(let text)? = value(of: name)?.first { return text }
        return fallback
    }

    func duration(_ name: String) -> Int64? {
        if case .duration(let nanoseconds)? = value(of: name)?.first { return nanoseconds }
        return nil
    }

    func int(_ name: String) -> Int64? {
        if case .int(let number)? = value(of: name)?.first { return number }
        return nil
    }

    func isSet(_ name: String) -> Bool { property(name) != nil }

    /// Every `.tag(key, value)` call's pair, in order (`influxDBOut`, `kapacitorLoopback`).
    var tagProperties: [(String, String)] {
        properties.filter { $0.name == "tag" }.compactMap { call in
            guard case .string(let key)? = call.arguments.first, case .string(let value)? = call.arguments.last else { return nil }
            return (key, value)
        }
    }

    /// Every `.name(lambda)` call's lambda, compiled.
    func lambdas(_ name: String) throws(TaskStartError) -> [CompiledLambda] {
        var result: [CompiledLambda] = []
        for call in properties where call.name == name {
            for argument in call.arguments {
                guard case .lambda(let expression) = argument else { continue }
                result.append(try compile(expression))
            }
        }
        return result
    }

    func compile(_ expression: TickExpression) throws(TaskStartError) -> CompiledLambda {
        do {
            return try CompiledLambda(expression)
        } catch {
            throw TaskStartError("\(name): \(error)")
        }
    }

    /// `groupBy` dimensions: tag names, or nil for `*` (all tags).
    static func dimensions(_ values: [TickValue]) -> [String]? {
        var names: [String] = []
        for value in values {
            switch value {
            case .star: return nil
            case .string(let name): names.append(name)
            case .list(let inner): names += dimensions(inner) ?? []
            default: continue
            }
        }
        return names
    }
}
