import Testing
import TimeSeries

@Suite struct GoTimeTests {
    /// The ends of Int64 nanoseconds (a lambda's `hour("time")` on them trapped, found by Fuzz/LambdaFuzzer).
    @Test func theEndsOfTimePrintAsGoPrintsThem() {
        #expect(GoTime.rfc3339Nano(Int64.min) == "1677-09-21T00:12:43.145224192Z")
        #expect(GoTime.rfc3339Nano(Int64.max) == "2262-04-11T23:47:16.854775807Z")
        #expect(GoTime.goString(-1) == "1969-12-31 23:59:59.999999999 +0000 UTC")
        let first = GoTime.Parts(Int64.min)
        #expect((first.hour, first.minute, first.second, first.weekday) == (0, 12, 43, 2))
    }
}
