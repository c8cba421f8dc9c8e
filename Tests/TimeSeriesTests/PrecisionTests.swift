import Testing

@testable import TimeSeries

@Suite struct PrecisionTests {
    @Test func readsOneXAndTwoXNames() {
        #expect(Precision(name: "n") == .nanoseconds)
        #expect(Precision(name: "ns") == .nanoseconds)
        #expect(Precision(name: "") == .nanoseconds)
        #expect(Precision(name: "u") == .microseconds)
        #expect(Precision(name: "us") == .microseconds)
        #expect(Precision(name: "ms") == .milliseconds)
        #expect(Precision(name: "s") == .seconds)
        #expect(Precision(name: "m") == .minutes)
        #expect(Precision(name: "h") == .hours)
        #expect(Precision(name: "d") == nil)
    }

    @Test func truncatesTowardsThePast() {
        #expect(Precision.seconds.truncate(1_500_000_000) == 1_000_000_000)
        #expect(Precision.seconds.truncate(-1_500_000_000) == -2_000_000_000)
        #expect(Precision.seconds.truncate(-2_000_000_000) == -2_000_000_000)
        #expect(Precision.nanoseconds.truncate(123) == 123)
    }

    @Test func timeBoundsExcludeTheInt64Extremes() {
        #expect(!TimeBounds.contains(Int64.max))
        #expect(!TimeBounds.contains(Int64.min + 1))
        #expect(TimeBounds.contains(Int64.max - 1))
        #expect(TimeBounds.contains(Int64.min + 2))
    }

    @Test func pointsSortTagsAndFindFields() {
        let point = Point(
            measurement: "cpu", tags: [Tag("region", "x"), Tag("host", "a")],
            fields: [Field("v", .float(1)), Field("v", .integer(2))], timestamp: 0
        )
        #expect(point.tags.map(\.key) == ["host", "region"])
        #expect(point.tag("host") == "a")
        #expect(point.field("v") == .integer(2))
        #expect(FieldType.unsigned.description == "unsigned")
    }
}

@Suite struct GoDurationTests {
    @Test(arguments: [
        (Int64(0), "0s"), (10_000_000_000, "10s"), (604_800_000_000_000, "168h0m0s"), (90_500_000_000, "1m30.5s"),
        (250_000_000, "250ms"), (1500, "1.5µs"), (12, "12ns"), (-3_600_000_000_000, "-1h0m0s"),
    ])
    func formatsAsGo(_ nanoseconds: Int64, _ text: String) {
        #expect(GoDuration.format(nanoseconds: nanoseconds) == text)
    }
}
