import Testing

@testable import InfluxQL

@Suite struct DatabaseStatementParsingTests {
    private let hour: Int64 = 3_600_000_000_000

    @Test func createDatabaseWithAndWithoutPolicy() throws {
        #expect(try Parser.parse("CREATE DATABASE mydb") == [.createDatabase(CreateDatabaseStatement(name: "mydb"))])
        #expect(try Parser.parse("create database \"my db\"") == [.createDatabase(CreateDatabaseStatement(name: "my db"))])
        let statement = try Parser.parse("CREATE DATABASE d WITH DURATION 3d REPLICATION 1 SHARD DURATION 1h NAME weekly")
        #expect(
            statement == [
                .createDatabase(
                    CreateDatabaseStatement(
                        name: "d",
                        policy: RetentionPolicySettings(name: "weekly", duration: 72 * hour, replication: 1, shardGroupDuration: hour)
                    )
                )
            ]
        )
    }

    @Test func retentionPolicyStatements() throws {
        #expect(
            try Parser.parse("CREATE RETENTION POLICY rp ON db DURATION INF REPLICATION 1 SHARD DURATION 2h DEFAULT")
                == [
                    .createRetentionPolicy(
                        CreateRetentionPolicyStatement(
                            database: "db",
                            settings: RetentionPolicySettings(
                                name: "rp", duration: 0, replication: 1, shardGroupDuration: 2 * hour, makeDefault: true)
                        )
                    )
                ]
        )
        #expect(
            try Parser.parse("ALTER RETENTION POLICY rp ON db DURATION 1w DEFAULT")
                == [
                    .alterRetentionPolicy(
                        AlterRetentionPolicyStatement(
                            name: "rp", database: "db", settings: RetentionPolicySettings(duration: 168 * hour, makeDefault: true)
                        )
                    )
                ]
        )
        #expect(try Parser.parse("DROP RETENTION POLICY rp ON db") == [.dropRetentionPolicy(name: "rp", database: "db")])
        #expect(try Parser.parse("SHOW RETENTION POLICIES ON db") == [.showRetentionPolicies(database: "db")])
        #expect(try Parser.parse("SHOW RETENTION POLICIES") == [.showRetentionPolicies(database: nil)])
    }

    @Test func severalStatementsCommentsAndEmptyOnes() throws {
        let statements = try Parser.parse("SHOW DATABASES;; -- a comment\n/* block */ DROP DATABASE x;")
        #expect(statements == [.showDatabases, .dropDatabase(name: "x")])
    }

    @Test func showMeasurementsClauses() throws {
        #expect(
            try Parser.parse("SHOW MEASUREMENTS ON db WITH MEASUREMENT =~ /cp.*/ LIMIT 2 OFFSET 1")
                == [.showMeasurements(ShowMeasurementsStatement(database: "db", filter: .matches("cp.*"), limit: 2, offset: 1))]
        )
    }

    @Test func printingRoundTrips() throws {
        for text in [
            "CREATE DATABASE mydb", "CREATE DATABASE \"my db\" WITH DURATION 1w REPLICATION 1 NAME rp", "DROP DATABASE \"select\"",
            "CREATE RETENTION POLICY rp ON db DURATION 2d REPLICATION 1 DEFAULT", "SHOW DATABASES",
        ] {
            let statement = try #require(try Parser.parse(text).first)
            #expect(StatementPrinter.print(statement) == text)
        }
    }
}
