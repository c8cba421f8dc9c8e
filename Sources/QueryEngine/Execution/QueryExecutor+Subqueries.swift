import Foundation
import InfluxQL
import Storage
import TimeSeries

/// `SELECT … FROM (SELECT …)`: the inner statements run first and their rows become the data the outer one reads;
/// measurements named beside them are read in too.
///
/// The inner results are written, as points, to a private scratch store (on tmpfs where there is one) that lives
/// for the statement, so the outer SELECT runs with every feature it has over a store: `GROUP BY` tags of the inner
/// query are tags, its columns fields, null cells absent. As in InfluxDB the outer time range is passed down to an
/// inner query that has none of its own.
extension QueryExecutor {
    /// A SELECT over the store or, when it has subqueries, over their results.
    func selectAnySource(_ statement: SelectStatement, context: Context) async throws -> [ResultSeries] {
        guard statement.sources.contains(where: { $0.subquery != nil }) else { return try select(statement, context: context) }
        let scratch = try ScratchStore()
        defer { scratch.close() }
        for source in statement.sources {
            var inner = source.subquery?.statement ?? Self.copyOfMeasurement(source)
            inner.condition = Self.withOuterTime(inner.condition, outer: statement.condition)
            let tagColumns = try selectedTagColumns(inner, context: context)
            let lines = Self.lines(from: try await selectAnySource(inner, context: context), measurement: nil, tagColumns: tagColumns)
            // Moving the rows into the scratch store reads nothing the budget counts: check time and KILL QUERY around it.
            try QueryBudget.current?.check()
            guard !lines.isEmpty else { continue }
            let outcome = try await scratch.engine.write(lines, database: ScratchStore.database, precision: .nanoseconds)
            if let message = outcome.errorMessage { throw QueryError(message) }
            try QueryBudget.current?.check()
        }
        var outer = statement
        outer.sources = []
        var scratchContext = Context(database: ScratchStore.database, principal: context.principal)
        scratchContext.queryID = context.queryID
        return try QueryExecutor(engine: scratch.engine, registry: registry).select(outer, context: scratchContext)
    }

    /// Columns of an inner SELECT over measurements that show tags (`SELECT v, host FROM cpu`, `SELECT *`): InfluxDB
    /// keeps them tags for the outer query, so an outer `GROUP BY host` groups by them.
    func selectedTagColumns(_ inner: SelectStatement, context: Context) throws -> Set<String> {
        guard !inner.sources.contains(where: { $0.subquery != nil }) else { return [] }
        let (scope, _) = try selectScope(inner, context: context)
        let tags = scope.allTagKeys.subtracting(scope.allFields.map(\.name))
        var names: Set<String> = []
        for field in inner.fields {
            switch field.expression {
            // Renamed (`host AS h`), a tag is a plain column outside, as InfluxDB answers.
            case .variable(let variable) where (variable.cast ?? .tag) == .tag && tags.contains(variable.name) && field.alias == nil:
                names.insert(variable.name)
            case .wildcard(let cast) where cast != .field:
                names.formUnion(tags)
            default: continue
            }
        }
        return names
    }

    /// A measurement named beside subqueries (`FROM cpu, (SELECT …)`) is read whole, tags as tags, into the
    /// scratch store with them, so the outer query sees both.
    static func copyOfMeasurement(_ source: MeasurementSource) -> SelectStatement {
        var statement = SelectStatement(fields: [.init(.wildcard(nil))], sources: [source])
        statement.dimensions = [.wildcard]
        return statement
    }

    /// The inner condition, with the outer query's time comparisons added when it has none of its own.
    static func withOuterTime(_ inner: InfluxQL.Expression?, outer: InfluxQL.Expression?) -> InfluxQL.Expression? {
        guard let outer, !(inner.map(mentionsTime) ?? false) else { return inner }
        let timeParts = conjuncts(outer).filter(mentionsTime)
        guard let first = timeParts.first else { return inner }
        let time = timeParts.dropFirst().reduce(first) { .binary(.and, $0, $1) }
        return inner.map { .binary(.and, .parenthesized($0), time) } ?? time
    }

    private static func conjuncts(_ expression: InfluxQL.Expression) -> [InfluxQL.Expression] {
        switch expression {
        case .binary(.and, let left, let right): conjuncts(left) + conjuncts(right)
        case .parenthesized(let inner): conjuncts(inner)
        default: [expression]
        }
    }

    private static func mentionsTime(_ expression: InfluxQL.Expression) -> Bool {
        switch expression {
        case .variable(let variable): variable.name.lowercased() == "time"
        case .binary(_, let left, let right): mentionsTime(left) || mentionsTime(right)
        case .parenthesized(let inner): mentionsTime(inner)
        default: false
        }
    }
}

/// A store for one statement's subquery results, removed when closed.
struct ScratchStore {
    static let database = "subquery"
    let directory: String
    let engine: StorageEngine

    init() throws {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        directory = base + "/sundial-subquery-" + UUID().uuidString
        engine = try StorageEngine(configuration: .init(directory: directory))
        try engine.createDatabase(Self.database)
    }

    func close() {
        engine.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
