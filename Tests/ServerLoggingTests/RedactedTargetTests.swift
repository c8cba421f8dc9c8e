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
    ])
    func secretsAreReplaced(_ target: String, _ expected: String) {
        #expect(RedactedTarget.redacting(target) == expected)
    }
}
