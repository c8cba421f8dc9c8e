import Testing

@testable import InfluxQL

/// Parse errors with InfluxDB's exact text and position.
@Suite struct ErrorMessageTests {
    static let cases: [(String, String)] = [
        ("", ""),
        ("FOO", "found FOO, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1"),
        ("CREATE DATABASE", "found EOF, expected identifier at line 1, char 17"),
        ("CREATE DATABASE select", "found SELECT, expected identifier at line 1, char 17"),
        ("CREATE DATABASE x WITH", "found EOF, expected DURATION, NAME, REPLICATION, SHARD at line 1, char 24"),
        ("CREATE DATABASE x y", "found y, expected ; at line 1, char 19"),
        ("CREATE FOO", "found FOO, expected CONTINUOUS, DATABASE, USER, RETENTION, SUBSCRIPTION at line 1, char 8"),
        ("CREATE RETENTION POLICY rp ON db DURATION 1h", "found EOF, expected REPLICATION at line 1, char 46"),
        ("CREATE RETENTION POLICY rp ON db DURATION soon REPLICATION 1", "found soon, expected duration at line 1, char 43"),
        ("CREATE RETENTION POLICY rp ON db DURATION 1h REPLICATION 0", "invalid value 0: must be 1 <= n <= 2147483647 at line 1, char 58"),
        ("ALTER RETENTION POLICY rp ON db", "found EOF, expected DURATION, REPLICATION, SHARD, DEFAULT at line 1, char 33"),
        (
            "SHOW",
            "found EOF, expected CONTINUOUS, DATABASES, DIAGNOSTICS, FIELD, GRANTS, MEASUREMENT, MEASUREMENTS, QUERIES, RETENTION, SERIES, SHARD, SHARDS, STATS, SUBSCRIPTIONS, TAG, USERS at line 1, char 6"
        ),
        ("DROP DATABASE 'x'", "found x, expected identifier at line 1, char 14"),
        ("SHOW DATABASES\nDROP", "found DROP, expected ; at line 2, char 1"),
        ("CREATE DATABASE \"unterminated", "bad identifier at line 1, char 17"),
        ("CREATE DATABASE x WITH DURATION 1.5h", "invalid duration at line 1, char 33"),
        // Cardinalities (texts read from InfluxDB 1.6.7).
        ("SHOW MEASUREMENT", "found EOF, expected EXACT, CARDINALITY at line 1, char 18"),
        ("SHOW TAG X", "found X, expected KEY, KEYS, VALUES at line 1, char 10"),
        ("SHOW FIELD X", "found X, expected KEY, KEYS at line 1, char 12"),
        ("SHOW TAG VALUES CARDINALITY", "found EOF, expected WITH at line 1, char 29"),
        // Continuous queries (texts read from InfluxDB 1.6.7).
        (
            "CREATE CONTINUOUS QUERY cq ON db BEGIN SELECT mean(v) INTO m FROM cpu END",
            "found cpu, expected GROUP BY time(...) at line 1, char 67"
        ),
        (
            "CREATE CONTINUOUS QUERY cq ON db BEGIN SELECT mean(v) FROM cpu GROUP BY time(1h) END",
            "found FROM, expected INTO at line 1, char 55"
        ),
        (
            "CREATE CONTINUOUS QUERY cq ON db RESAMPLE BEGIN SELECT mean(v) INTO m FROM cpu GROUP BY time(1h) END",
            "found BEGIN, expected EVERY, FOR at line 1, char 43"
        ),
        (
            "CREATE CONTINUOUS QUERY cq ON db RESAMPLE EVERY 2h FOR 1h BEGIN SELECT mean(v) INTO m FROM cpu GROUP BY time(1h) END",
            "FOR duration must be >= GROUP BY time duration: must be a minimum of 2h, got 1h"
        ),
        ("CREATE CONTINUOUS QUERY cq db", "found db, expected ON at line 1, char 28"),
        ("DROP CONTINUOUS QUERY cq", "found EOF, expected ON at line 1, char 26"),
        ("SHOW CONTINUOUS", "found EOF, expected QUERIES at line 1, char 17"),
        (
            "CREATE CONTINUOUS QUERY cq ON db RESAMPLE EVERY soon BEGIN SELECT mean(v) INTO m FROM cpu GROUP BY time(1h) END",
            "found soon, expected duration at line 1, char 49"
        ),
        ("CREATE CONTINUOUS QUERY cq ON db BEGIN DELETE END", "found DELETE, expected SELECT at line 1, char 40"),
    ]

    @Test(arguments: cases)
    func messageAndPosition(_ query: String, _ expected: String) {
        do {
            let statements = try Parser.parse(query)
            #expect(expected.isEmpty, "parsed \(statements)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func durationLiterals() {
        #expect(DurationLiteral.nanoseconds("1h30m") == 5_400_000_000_000)
        #expect(DurationLiteral.nanoseconds("10µs") == 10_000)
        #expect(DurationLiteral.nanoseconds("2w") == 1_209_600_000_000_000)
        #expect(DurationLiteral.nanoseconds("5x") == nil)
        #expect(DurationLiteral.format(nanoseconds: 604_800_000_000_000) == "1w")
        #expect(DurationLiteral.format(nanoseconds: 5_400_000_000_000) == "90m")
        #expect(DurationLiteral.format(nanoseconds: 1_500_000_000) == "1500ms")
    }
}
