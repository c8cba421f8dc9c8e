import InfluxQL
import QueryEngine
import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct QueryExecutorTests {
    private func run(_ query: String, database: String? = nil, readOnly: Bool = false, on engine: StorageEngine) async throws -> String {
        let results = await QueryExecutor(engine: engine).execute(
            try Parser.parse(query), context: .init(database: database, isReadOnly: readOnly)
        )
        return QueryResponseEncoder.json(results)
    }

    @Test func databaseLifecycleAnswersAsInfluxDB() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        #expect(
            try await run("CREATE DATABASE a; CREATE DATABASE b; SHOW DATABASES", on: engine)
                == #"{"results":[{"statement_id":0},{"statement_id":1},{"statement_id":2,"series":[{"name":"databases","columns":["name"],"values":[["a"],["b"]]}]}]}"#
        )
        #expect(
            try await run("DROP DATABASE a; SHOW DATABASES", on: engine)
                == #"{"results":[{"statement_id":0},{"statement_id":1,"series":[{"name":"databases","columns":["name"],"values":[["b"]]}]}]}"#
        )
    }

    @Test func retentionPolicies() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        _ = try await run("CREATE DATABASE db WITH DURATION 3d NAME three", on: engine)
        _ = try await run("CREATE RETENTION POLICY year ON db DURATION 52w REPLICATION 1 DEFAULT", on: engine)
        #expect(
            try await run("SHOW RETENTION POLICIES ON db", on: engine)
                == #"{"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration","replicaN","default"],"values":[["three","72h0m0s","24h0m0s",1,false],["year","8736h0m0s","168h0m0s",1,true]]}]}]}"#
        )
        _ = try await run("ALTER RETENTION POLICY three ON db DURATION 2d SHARD DURATION 2h", on: engine)
        _ = try await run("DROP RETENTION POLICY year ON db", on: engine)
        #expect(
            try await run("SHOW RETENTION POLICIES", database: "db", on: engine)
                == #"{"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration","replicaN","default"],"values":[["three","48h0m0s","2h0m0s",1,false]]}]}]}"#
        )
    }

    @Test(arguments: [
        ("SHOW RETENTION POLICIES", "database name required"),
        ("SHOW RETENTION POLICIES ON nope", "database not found: nope"),
        ("CREATE RETENTION POLICY rp ON nope DURATION 1h REPLICATION 1", "database not found: nope"),
        ("CREATE RETENTION POLICY rp ON db DURATION 30m REPLICATION 1", "retention policy duration must be at least 1h0m0s"),
        ("CREATE RETENTION POLICY autogen ON db DURATION 2h REPLICATION 1", "retention policy already exists"),
        ("ALTER RETENTION POLICY nope ON db DURATION 2h", "retention policy not found: nope"),
        ("CREATE DATABASE db WITH DURATION 2h", "retention policy conflicts with an existing policy"),
        ("SHOW MEASUREMENTS", "database name required"),
    ])
    func statementErrors(_ query: String, _ message: String) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        #expect(try await run(query, on: engine) == #"{"results":[{"statement_id":0,"error":"\#(message)"}]}"#)
    }

    @Test func laterStatementsAfterAFailureAreNotExecuted() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        #expect(
            try await run("SHOW MEASUREMENTS; CREATE DATABASE late", on: engine)
                == #"{"results":[{"statement_id":0,"error":"database name required"},{"statement_id":1,"error":"not executed"}]}"#)
        #expect(engine.databaseNames.isEmpty)
    }

    @Test func mutatingStatementsInAGetWarn() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        #expect(
            try await run("CREATE DATABASE \"a b\"", readOnly: true, on: engine)
                == #"{"results":[{"statement_id":0,"messages":[{"level":"warning","text":"deprecated use of 'CREATE DATABASE \"a b\"' in a read only context, please use a POST request instead"}]}]}"#
        )
    }

    @Test func showMeasurementsFiltersAndPages() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        try await engine.write(Array("cpu,host=a v=1 1\ndisk v=1 1\nmem,host=b v=1 1\ncpu2,host=a v=1 1".utf8), database: "db")
        #expect(
            try await run("SHOW MEASUREMENTS WITH MEASUREMENT =~ /^c/", database: "db", on: engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["cpu"],["cpu2"]]}]}]}"#)
        #expect(
            try await run("SHOW MEASUREMENTS LIMIT 1 OFFSET 1", database: "db", on: engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["cpu2"]]}]}]}"#)
        #expect(
            try await run("SHOW MEASUREMENTS WHERE host = 'a'", database: "db", on: engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["cpu"],["cpu2"]]}]}]}"#)
    }
}
