import Foundation
import LineProtocol
import NIOHTTP1
public import TimeSeries

/// A remote InfluxDB 1.x, 2.x (1.x compatibility API) or Cloud as the task engine uses it: batch queries through
/// `/query` and `influxDBOut` writes through `/write`, signed in as the connection says, with Kapacitor's
/// `User-Agent`.
public struct RemoteInfluxDB: PointWriter, InfluxQLQuerying {
    public let connection: InfluxConnection
    let timeout: Duration
    let client = InfluxHTTPClient()

    public init(connection: InfluxConnection, timeout: Duration = .seconds(30)) {
        self.connection = connection
        self.timeout = timeout
    }

    /// Runs InfluxQL (times asked for as epoch nanoseconds) and decodes InfluxDB's JSON into results.
    public func query(_ text: String) async throws -> [StatementResult] {
        let body = try await client.query(connection, text, parameters: [("epoch", "ns")], timeout: timeout)
        return try Self.decodeResults(body)
    }

    public func write(_ points: [Point], database: String, retentionPolicy: String) async throws {
        var query = [("db", database)]
        if !retentionPolicy.isEmpty { query.append(("rp", retentionPolicy)) }
        _ = try await client.send(
            connection, path: "/write", query: query, method: .POST, body: LineProtocolEncoder.encode(points), timeout: timeout)
    }

    public func createDatabase(_ database: String, retentionPolicy: String?) async throws {
        var statement = "CREATE DATABASE \(Self.identifier(database))"
        if let retentionPolicy { statement += " WITH NAME \(Self.identifier(retentionPolicy))" }
        let results = try await query(statement)
        if let error = results.first?.error { throw InfluxClientError.status(200, error) }
    }

    /// A name quoted only when InfluxQL needs it, as Kapacitor writes `CREATE DATABASE`.
    static func identifier(_ name: String) -> String {
        let plain = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `{"results":[{"statement_id":0,"series":[{"name","tags","columns","values"}],"error"}]}` into results.
    static func decodeResults(_ body: [UInt8]) throws -> [StatementResult] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw InfluxClientError.status(200, "unexpected answer from /query")
        }
        if let error = object["error"] as? String { throw InfluxClientError.status(200, error) }
        return (object["results"] as? [[String: Any]] ?? []).enumerated().map { index, result in
            let series = (result["series"] as? [[String: Any]] ?? []).map(decodeSeries)
            return StatementResult(statementID: result["statement_id"] as? Int ?? index, series: series, error: result["error"] as? String)
        }
    }

    private static func decodeSeries(_ object: [String: Any]) -> ResultSeries {
        let columns = object["columns"] as? [String] ?? []
        let rows = (object["values"] as? [[Any]] ?? []).map { row in
            row.enumerated().map { index, cell in cellValue(cell, isTime: index < columns.count && columns[index] == "time") }
        }
        return ResultSeries(name: object["name"] as? String, tags: object["tags"] as? [String: String], columns: columns, values: rows)
    }

    private static func cellValue(_ cell: Any, isTime: Bool) -> ResultValue {
        switch cell {
        case let number as NSNumber:
            // Foundation gives JSON's true/false as char-typed numbers, fractions as doubles, the rest as integers.
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" { return .boolean(number.boolValue) }
            if isTime { return .time(number.int64Value) }
            return type == "d" || type == "f" ? .float(number.doubleValue) : .integer(number.int64Value)
        case let text as String: return .string(text)
        default: return .null
        }
    }
}
