import Logging
import Testing
import TimeSeries

@testable import Alerting

struct AlertHandlerTests {
    @Test func thePostHandlerLogsItsURLWithoutCredentials() throws {
        let options = HandlerOptions(["url": .string("https://alice:s3cret@hooks.example.com/alert?x=1")])
        let handler = try PostHandler(options: options, services: HandlerServices(), logger: Logger(label: "test"))
        #expect(handler.shownURL == "https://hooks.example.com/alert?x=1")
    }

    @Test func eventJSONHasKapacitorsFields() throws {
        let state = EventState(level: .critical, message: "m", details: "d", time: 31_536_010_000_000_000, duration: 2_000_000_000)
        let event = AlertEvent(
            topic: "t", id: "cpu:a", state: state, previousLevel: .ok, recoverable: true,
            data: [
                ResultSeries(
                    name: "cpu", tags: ["host": "a"], columns: ["time", "count"], values: [[.time(31_536_010_000_000_000), .integer(10)]])
            ])
        #expect(
            event.json
                == #"{"id":"cpu:a","message":"m","details":"d","time":"1971-01-01T00:00:10Z","duration":2000000000,"level":"CRITICAL","data":{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","count"],"values":[["1971-01-01T00:00:10Z",10]]}]},"previousLevel":"OK","recoverable":true}"#
        )
    }
}

/// `.exec()` runs its program off the caller, one event at a time, so a slow program holds up only its own events.
struct ExecHandlerTests {
    @Test func aSlowProgramDoesNotHoldUpTheCaller() async throws {
        var options = HandlerOptions(["prog": .string("/bin/sleep"), "args": .list([.string("60")])])
        options["timeout"] = .duration(120_000_000_000)
        let services = HandlerServices(execPrograms: ["/bin/sleep"])
        let handler = try ExecHandler(options: options, services: services, logger: Logger(label: "test"))
        let event = AlertEvent(
            topic: "t", id: "a", state: EventState(level: .critical, message: "m", details: "", time: 0, duration: 0), previousLevel: .ok,
            recoverable: true, data: [])
        let started = ContinuousClock.now
        // Past the handler's pending limit too: the extra events are dropped and reported, never waited for.
        for _ in 0..<(ExecHandler.pendingLimit + 5) { await handler.handle(event) }
        #expect(ContinuousClock.now - started < .seconds(30), "each program sleeps 60 s")
    }
}
