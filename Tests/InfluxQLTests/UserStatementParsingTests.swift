import Testing

@testable import InfluxQL

@Suite struct UserStatementParsingTests {
    @Test(arguments: [
        ("CREATE USER bob WITH PASSWORD 'secret'", UserStatement.create(name: "bob", password: "secret", isAdmin: false)),
        ("create user \"a b\" with password 'x' with all privileges", .create(name: "a b", password: "x", isAdmin: true)),
        ("DROP USER bob", .drop(name: "bob")),
        ("SET PASSWORD FOR bob = 'new'", .setPassword(name: "bob", password: "new")),
        ("GRANT READ ON db TO bob", .grant(.read, database: "db", user: "bob")),
        ("GRANT ALL ON db TO bob", .grant(.all, database: "db", user: "bob")),
        ("GRANT ALL PRIVILEGES TO bob", .grantAdmin(user: "bob")),
        ("GRANT ALL TO bob", .grantAdmin(user: "bob")),
        ("REVOKE WRITE ON db FROM bob", .revoke(.write, database: "db", user: "bob")),
        ("REVOKE ALL PRIVILEGES FROM bob", .revokeAdmin(user: "bob")),
        ("SHOW USERS", .showUsers),
        ("SHOW GRANTS FOR bob", .showGrants(user: "bob")),
    ])
    func parses(_ text: String, _ expected: UserStatement) throws {
        #expect(try Parser.parse(text) == [.user(expected)])
    }

    @Test func printingNeverShowsPasswords() throws {
        let create = try Parser.parse("CREATE USER bob WITH PASSWORD 'hunter2' WITH ALL PRIVILEGES")[0]
        #expect(StatementPrinter.print(create) == "CREATE USER bob WITH PASSWORD [REDACTED] WITH ALL PRIVILEGES")
        let set = try Parser.parse("SET PASSWORD FOR \"the user\" = 'hunter2'")[0]
        #expect(StatementPrinter.print(set) == "SET PASSWORD FOR \"the user\" = [REDACTED]")
        #expect(StatementPrinter.print(try Parser.parse("GRANT ALL ON db TO bob")[0]) == "GRANT ALL PRIVILEGES ON db TO bob")
    }

    @Test(arguments: [
        ("GRANT", "found EOF, expected READ, WRITE, ALL [PRIVILEGES] at line 1, char 7"),
        ("GRANT READ TO bob", "found TO, expected ON at line 1, char 12"),
        ("GRANT ALL bob", "found bob, expected ON, TO at line 1, char 11"),
        ("REVOKE ALL PRIVILEGES bob", "found bob, expected ON, FROM at line 1, char 23"),
        ("CREATE USER bob WITH PASSWORD secret", "found secret, expected string at line 1, char 31"),
        ("CREATE USER bob WITH PASSWORD 'x' WITH ADMIN", "found ADMIN, expected ALL at line 1, char 40"),
        ("SET PASSWORD FOR bob 'x'", "found x, expected = at line 1, char 21"),
        ("SHOW GRANTS bob", "found bob, expected FOR at line 1, char 13"),
    ])
    func errors(_ text: String, _ expected: String) {
        #expect(throws: InfluxQLError.self) { try Parser.parse(text) }
        do {
            _ = try Parser.parse(text)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func privilegeCoverage() {
        #expect(Privilege.all.covers(.read) && Privilege.all.covers(.write))
        #expect(Privilege.read.covers(.read) && !Privilege.read.covers(.write))
        #expect(!Privilege.write.covers(.read) && !Privilege.none.covers(.read))
    }
}

/// Statements printed as InfluxDB prints them in messages; each text parses back to the same statement.
@Suite struct StatementPrintingTests {
    @Test(arguments: [
        "SELECT v FROM cpu",
        "SELECT mean(v) AS m, max(\"my field\") FROM db.autogen.cpu, /^mem/ WHERE host = 'a\\'s' AND v > 2.5 GROUP BY time(10s, 5s), host fill(none) ORDER BY time DESC LIMIT 3 OFFSET 1 SLIMIT 2 SOFFSET 1",
        "SELECT * FROM db..cpu WHERE time > now() - 1h",
        "SELECT v::integer FROM cpu WHERE path =~ /a\\/b/ GROUP BY * fill(previous)",
        "DELETE FROM cpu WHERE time < 10",
        "DROP SERIES FROM cpu, mem WHERE host = 'a'",
        "SELECT max(m) FROM (SELECT mean(v) AS m FROM cpu GROUP BY host) WHERE time > 0",
        "SELECT v INTO db.rp.copy FROM cpu",
        "SELECT v INTO db.rp.:MEASUREMENT FROM /c.*/",
        "SELECT v INTO rp.:MEASUREMENT FROM cpu",
        "DROP SHARD 18446744073709551615",
        "EXPLAIN SELECT mean(v) FROM cpu WHERE host = 'a' GROUP BY time(10s)",
        "EXPLAIN ANALYZE SELECT v FROM cpu",
    ])
    func printsBackAndReparses(_ text: String) throws {
        let statement = try Parser.parse(text)[0]
        let printed = StatementPrinter.print(statement)
        #expect(try Parser.parse(printed) == [statement], "\(printed)")
    }

    @Test func floatsAndStringsAsInfluxDBPrintsThem() throws {
        let select = try Parser.parse("SELECT v FROM cpu WHERE v > 2 AND v < 2.50 AND s = 'it\\'s'")[0]
        #expect(StatementPrinter.print(select) == "SELECT v FROM cpu WHERE v > 2 AND v < 2.500 AND s = 'it\\'s'")
    }
}

@Suite struct BoundParameterTests {
    @Test func placeholdersStandForTheirValues() throws {
        let parameters: [String: BoundParameter] = [
            "h": .string("a"), "n": .integer(3), "x": .number(2.5), "r": .regex("a|b"), "t": .boolean(true),
        ]
        let parsed = try Parser.parse("DELETE WHERE h = $h AND n > $n AND x < $x AND k =~ $r AND b = $t", parameters: parameters)
        let expected = try Parser.parse("DELETE WHERE h = 'a' AND n > 3 AND x < 2.5 AND k =~ /a|b/ AND b = true")
        #expect(parsed == expected)
    }

    @Test func aMissingValueIsNamed() {
        #expect(throws: InfluxQLError(message: "missing parameter: h", position: nil)) { try Parser.parse("DELETE WHERE h = $h") }
        #expect(throws: InfluxQLError(message: "missing parameter: r", position: nil)) { try Parser.parse("DELETE WHERE h =~ $r") }
    }
}
