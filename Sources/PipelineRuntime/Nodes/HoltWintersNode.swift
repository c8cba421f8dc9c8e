import Forecasting
import PipelineSpec
import TimeSeries

/// `|holtWinters('field', h, m, interval)` and `|holtWintersWithFit(…)`: each batch's forecast of the field's next
/// `h` intervals (season `m`), by InfluxDB's Holt-Winters, which Kapacitor runs for these nodes: a batch of the
/// forecast points (with the fitted values first for `…WithFit`), named `.as()` (default `holtWinters`), at the
/// points' own times. Integer fields are read as floats; points without the field are left out. On a stream, the
/// points of one group and time make the batch.
final class HoltWintersNode: RuntimeNode {
    private let forecast: HoltWintersForecast
    private let field: String
    private let interval: Int64
    private let outputName: String
    private var pending = SameTimeBatcher()

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .string(let field)? = spec.arguments.first, case .int(let horizon)? = spec.arguments.dropFirst().first,
            case .int(let season)? = spec.arguments.dropFirst(2).first, case .duration(let interval)? = spec.arguments.dropFirst(3).first
        else { throw TaskStartError("\(spec.name): holtWinters takes a field, a horizon, a season and an interval") }
        guard horizon > 0, horizon <= Int64(HoltWintersForecast.maximumHorizon) else {
            throw TaskStartError("\(spec.name): the horizon must be from 1 to \(HoltWintersForecast.maximumHorizon), got \(horizon)")
        }
        guard season >= 0, season <= Int64(HoltWintersForecast.maximumSeason) else {
            throw TaskStartError("\(spec.name): the season must be from 0 to \(HoltWintersForecast.maximumSeason), got \(season)")
        }
        guard interval > 0 else { throw TaskStartError("\(spec.name): the interval must be positive") }
        forecast = HoltWintersForecast(
            horizon: Int(horizon), season: Int(season), includesFit: spec.definition.method == "holtWintersWithFit")
        self.field = field
        self.interval = interval
        outputName = spec.string("as")
    }

    var cardinality: Int { pending.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .batch(let batch):
            emit(.batch(try forecasted(batch)))
        case .point(let point):
            if let finished = pending.add(point) { emit(.batch(try forecasted(finished))) }
        }
    }

    private func forecasted(_ batch: PointBatch) throws(NodeError) -> PointBatch {
        var values: [(time: Int64, value: Double)] = []
        values.reserveCapacity(batch.points.count)
        for point in batch.points {
            switch point.fields[field] {
            case .float(let number)?: values.append((point.time, number))
            case .integer(let number)?: values.append((point.time, Double(number)))
            case .unsigned(let number)?: values.append((point.time, Double(number)))
            case .string?, .boolean?: throw NodeError("holtWinters: field \(field) is not a number")
            case nil: continue
            }
        }
        let points: [(time: Int64, value: Double)]
        do {
            points = try forecast.forecast(values, interval: interval)
        } catch {
            throw NodeError("\(error)")
        }
        var output = batch
        output.points = points.map { BatchPoint(time: $0.time, fields: [outputName: .float($0.value)], tags: batch.tags) }
        if let last = output.points.last { output.time = last.time }
        return output
    }
}
