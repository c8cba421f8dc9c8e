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
