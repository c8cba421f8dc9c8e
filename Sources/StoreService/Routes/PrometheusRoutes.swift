import Hummingbird
import LineProtocol
import PrometheusRemote
import RE2Regex
import ServerLogging
import Storage
import StoreAccess
import TimeSeries

/// `POST /api/v1/prom/write` and `/api/v1/prom/read` (`?db=&rp=`): Prometheus remote storage as InfluxDB 1.8 maps
/// it. A sample is a point of the measurement its `__name__` label names (`prom_metric_not_specified` without one)
/// with every label as a tag (`__name__` too) and its value in the field `value`; NaN and infinite samples are
/// dropped. A read takes one query; `__name__` matchers select measurements, the others tags (regexes anchored, as
/// PromQL's), and answers the float `value` fields of the matching series in the range, ends included.
struct PrometheusRoutes {
    let engine: StorageEngine
    let maxBodySize: Int
    let authenticator: RequestAuthenticator
    let statistics: HTTPStatistics

    static let defaultMeasurement = "prom_metric_not_specified"

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/api/v1/prom/write") { request, _ in try await write(request) }
        routes.post("/api/v1/prom/read") { request, _ in try await read(request) }
        return routes
    }

    private func write(_ request: Request) async throws -> Response {
        let (database, parameters) = try authorized(request, write: true)
        let body = try await uncompressedBody(request)
        let message: RemoteWriteRequest
        do {
            message = try RemoteWriteRequest(decoding: body)
        } catch {
            throw InfluxErrorResponse(.badRequest, "proto: \(error)")
        }
        let lines = Self.lines(message)
        guard !lines.isEmpty else { return Response(status: .noContent) }
        let outcome = try await engine.write(lines, database: database, retentionPolicy: parameters["rp"], precision: .nanoseconds)
        statistics.countWritten(points: outcome.pointsWritten, dropped: outcome.dropped)
        if let message = outcome.errorMessage { throw InfluxErrorResponse(.badRequest, message) }
        return Response(status: .noContent)
    }

    private func read(_ request: Request) async throws -> Response {
        let (database, parameters) = try authorized(request, write: false)
        let body = try await uncompressedBody(request)
        let message: RemoteReadRequest
        do {
            message = try RemoteReadRequest(decoding: body)
        } catch {
            throw InfluxErrorResponse(.badRequest, "proto: \(error)")
        }
        guard message.queries.count == 1, let query = message.queries.first else {
            throw InfluxErrorResponse(.badRequest, "Prometheus read endpoint currently only supports one query at a time")
        }
        let series = try PrometheusReader(engine: engine, database: database, retentionPolicy: parameters["rp"]).series(query)
        let answer = Snappy.compress(RemoteReadResponse.encode([series]))
        return Response(
            status: .ok, headers: [.contentType: "application/x-protobuf", .contentEncoding: "snappy"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }

    /// The request's database, once its caller may read (or write) it. Who asks comes first, as InfluxDB's middleware
    /// checks: an anonymous caller learns no database names.
    private func authorized(_ request: Request, write: Bool) throws -> (String, [String: String]) {
        let parameters = Self.parameters(request)
        let principal = try authenticator.authenticate(request, parameters: parameters)
        let database = try existingDatabase(parameters)
        if write {
            try authenticator.authorizeWrite(principal: principal, database: database)
        } else {
            try authenticator.authorizeRead(principal: principal, database: database)
        }
        return (database, parameters)
    }

    private static func parameters(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The request's existing database; InfluxDB's 400 and 404 otherwise.
    private func existingDatabase(_ parameters: [String: String]) throws -> String {
        guard let database = parameters["db"], !database.isEmpty else { throw InfluxErrorResponse(.badRequest, "database is required") }
        guard engine.databaseInfo(database) != nil else { throw InfluxErrorResponse(.notFound, "database not found: \"\(database)\"") }
        return database
    }

    private func uncompressedBody(_ request: Request) async throws -> [UInt8] {
        let compressed: [UInt8]
        do {
            compressed = try await WriteBody.collect(request, maxBodySize: maxBodySize)
        } catch .tooLarge {
            throw InfluxErrorResponse(.contentTooLarge, "Request Entity Too Large")
        } catch .badGzip(let reason) {
            throw InfluxErrorResponse(.badRequest, "gzip: invalid or truncated body (\(reason))")
        }
        do {
            return try Snappy.uncompress(compressed, limit: maxBodySize)
        } catch .tooLarge {
            throw InfluxErrorResponse(.contentTooLarge, "Request Entity Too Large")
        } catch {
            throw InfluxErrorResponse(.badRequest, "snappy: corrupt input")
        }
    }

    /// The samples as line protocol, NaN and infinities left out; a timestamp past the range of nanoseconds too.
    static func lines(_ message: RemoteWriteRequest) -> [UInt8] {
        var lines: [UInt8] = []
        for series in message.series {
            let measurement = series.labels.last { $0.name == "__name__" }?.value ?? defaultMeasurement
            var byName: [String: String] = [:]
            for label in series.labels where !label.value.isEmpty { byName[label.name] = label.value }
            let tags = byName.map { Tag($0.key, $0.value) }
            for sample in series.samples where sample.value.isFinite {
                guard let time = sample.timestampMilliseconds.multipliedChecked(by: 1_000_000) else { continue }
                LineProtocolEncoder.append(
                    Point(measurement: measurement, tags: tags, fields: [Field("value", .float(sample.value))], timestamp: time), to: &lines
                )
            }
        }
        return lines
    }
}

/// Finds the series a remote read query selects and reads their `value` fields.
struct PrometheusReader {
    let engine: StorageEngine
    let database: String
    let retentionPolicy: String?

    func series(_ query: RemoteQuery) throws -> [RemoteTimeSeries] {
        let policy = retentionPolicy ?? engine.databaseInfo(database)?.defaultRetentionPolicy
        let matchers = try query.matchers.map(CompiledMatcher.init)
        let start = query.startMilliseconds.multipliedSaturated(by: 1_000_000)
        let end = query.endMilliseconds.multipliedSaturated(by: 1_000_000)
        guard start <= end else { return [] }
        var results: [RemoteTimeSeries] = []
        let names = matchers.filter { $0.name == "__name__" }
        for measurement in try engine.measurementNames(database: database) where names.allSatisfy({ $0.matches(measurement) }) {
            let fields = try engine.fields(database: database, measurement: measurement, retentionPolicy: policy)
            guard fields.contains(where: { $0.name == "value" && $0.type == .float }) else { continue }
            for entry in try engine.series(database: database, measurement: measurement) {
                guard matchers.allSatisfy({ $0.name == "__name__" || $0.matches(entry.tags[$0.name] ?? "") }) else { continue }
                let columns = try engine.read(
                    database: database, retentionPolicy: policy, seriesKey: entry.key, field: "value", in: start...end)
                var samples: [(value: Double, timestampMilliseconds: Int64)] = []
                for column in columns {
                    guard case .floats(let values) = column.values else { continue }
                    for (time, value) in zip(column.times, values) { samples.append((value, time / 1_000_000)) }
                }
                guard !samples.isEmpty else { continue }
                let labels = entry.tags.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
                results.append(RemoteTimeSeries(labels: labels, samples: samples))
            }
        }
        return results
    }

    /// A label matcher ready to test values; regexes anchored as PromQL's are.
    struct CompiledMatcher {
        let name: String
        private let test: (String) -> Bool

        init(_ matcher: RemoteLabelMatcher) throws {
            name = matcher.name
            let value = matcher.value
            switch matcher.kind {
            case .equal: test = { $0 == value }
            case .notEqual: test = { $0 != value }
            case .regexMatch, .regexNoMatch:
                let regex: RE2Regex
                do {
                    regex = try RE2Regex("^(?:" + value + ")$")
                } catch {
                    throw InfluxErrorResponse(.badRequest, "\(error)")
                }
                let wanted = matcher.kind == .regexMatch
                test = { regex.matches($0) == wanted }
            }
        }

        func matches(_ value: String) -> Bool { test(value) }
    }
}
