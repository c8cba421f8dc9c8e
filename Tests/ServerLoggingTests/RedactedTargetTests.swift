import Foundation
import Testing

@testable import ServerLogging

@Suite struct RedactedTargetTests {
    @Test(arguments: [
        ("/ping", "/ping"),
        ("/query?u=admin&p=hunter2&q=SHOW+DATABASES", "/query?u=admin&p=[REDACTED]&q=SHOW+DATABASES"),
        ("/write?db=x&P=Secret", "/write?db=x&P=[REDACTED]"),
        ("/x?token=abc&password=def&keep=1", "/x?token=[REDACTED]&password=[REDACTED]&keep=1"),
        ("/x?p", "/x?p"),
        ("/x?a=1&&b=2", "/x?a=1&&b=2"),
        // Names as the server reads them: percent-encoded or with a bad escape.
        ("/query?u=admin&%70=hunter2", "/query?u=admin&%70=[REDACTED]"), ("/x?%50aSsWoRd=hunter2", "/x?%50aSsWoRd=[REDACTED]"),
        ("/x?%zz=hunter2", "/x?%zz=[REDACTED]"),
        ("/query?%71=CREATE+USER+a+WITH+PASSWORD+%27hunter2%27", "/query?%71=CREATE%20USER%20a%20WITH%20PASSWORD%20%5BREDACTED%5D"),
    ])
    func secretsAreReplaced(_ target: String, _ expected: String) {
        #expect(RedactedTarget.redacting(target) == expected)
    }
}

@Suite struct QueryPasswordRedactionTests {
    @Test(arguments: [
        "CREATE USER bob WITH PASSWORD 'hunter2' WITH ALL PRIVILEGES",
        "create user \"b b\" with password 'hun ter\\'2'",
        "SET PASSWORD FOR bob = 'hunter2'",
        "SET PASSWORD FOR \"the user\"='hunter2'",
        "SHOW DATABASES; CREATE USER x WITH PASSWORD hunter2",
        "CREATE SUBSCRIPTION s ON db.rp DESTINATIONS ALL 'http://kapacitor:hunter2@host:9092', 'https://u:hunter2@h:1'",
    ])
    func passwordsInQueriesAreReplaced(_ query: String) throws {
        for encoded in [
            query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            query.replacingOccurrences(of: " ", with: "+"),
        ] {
            let logged = RedactedTarget.redacting("/query?db=x&q=\(encoded)")
            let decoded = try #require(logged.removingPercentEncoding)
            #expect(!decoded.contains("hunter2") && !decoded.contains("ter\\'2") && decoded.contains("[REDACTED]"), "\(logged)")
        }
    }

    @Test func queriesWithoutPasswordsAreLoggedAsSent() {
        #expect(RedactedTarget.redacting("/query?q=SELECT+v+FROM+cpu") == "/query?q=SELECT+v+FROM+cpu")
    }
}
