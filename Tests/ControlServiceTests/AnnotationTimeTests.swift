import Testing

@testable import ControlService

/// Annotation times as Chronograf writes and reads them (`2006-01-02T15:04:05.999Z07:00`), at any Int64 a source
/// may hold.
struct AnnotationTimeTests {
    @Test func millisecondsTruncatedAtEveryTime() {
        #expect(Annotation.format(1_704_111_000_123_456_000) == "2024-01-01T12:10:00.123Z")
        #expect(Annotation.format(-1) == "1969-12-31T23:59:59.999Z")
        #expect(!Annotation.format(Int64.min).isEmpty)
        #expect(!Annotation.format(Int64.max).isEmpty)
    }

    @Test func timesNeedAZoneAndSeconds() {
        #expect(Annotation.parse("2024-01-01T06:00:00+02:00") == 1_704_081_600_000_000_000)
        #expect(Annotation.parse("2024-01-01T00:00:00.5Z") == 1_704_067_200_500_000_000)
        for text in ["2024-01-01", "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "", "9999999-01-01T00:00:00Z"] {
            #expect(Annotation.parse(text) == nil, "\(text)")
        }
    }
}
