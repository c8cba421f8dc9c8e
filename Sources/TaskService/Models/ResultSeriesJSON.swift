import Foundation
import TimeSeries

/// A series of rows as Kapacitor's JSON carries it (httpOut, alert data): `name`, `tags` when there are any,
/// `columns`, `values` with times in RFC 3339.
enum ResultSeriesJSON {
    static func object(_ series: ResultSeries) -> [String: Any] {
        var object: [String: Any] = ["columns": series.columns, "values": series.values.map { $0.map(cell) }]
        if let name = series.name { object["name"] = name }
        if let tags = series.tags, !tags.isEmpty { object["tags"] = tags }
        return object
    }

    static func cell(_ value: ResultValue) -> Any {
        switch value {
        case .null: NSNull()
        case .float(let number): number
        case .integer(let number): number
        case .unsigned(let number): number
        case .string(let text): text
        case .boolean(let flag): flag
        case .time(let nanoseconds): GoTime.rfc3339Nano(nanoseconds)
        case .strings(let texts): texts
        }
    }

    /// The first float JSON cannot hold (`+Inf`, `-Inf`, `NaN`, as Go prints them), if any.
    static func firstNonFiniteNumber(in series: [ResultSeries]) -> String? {
        for row in series.lazy.flatMap(\.values) {
            for case .float(let number) in row where !number.isFinite {
                return number.isNaN ? "NaN" : number < 0 ? "-Inf" : "+Inf"
            }
        }
        return nil
    }
}
