public import LineProtocol
public import TimeSeries

extension StreamRouter {
    /// Parses a line-protocol body written to `database`.`retentionPolicy` and routes its good points; returns the
    /// first bad line's error, if any (the good lines are routed anyway, as InfluxDB's partial writes are).
    @discardableResult
    public func route(
        lineProtocol body: [UInt8], database: String, retentionPolicy: String, precision: Precision, defaultTimestamp: Int64
    ) -> LineProtocolError? {
        var points: [StreamPoint] = []
        var firstError: LineProtocolError?
        var parser = LineProtocolParser()
        body.withUnsafeBufferPointer { buffer in
            parser.parse(
                buffer, precision: precision, defaultTimestamp: defaultTimestamp,
                onPoint: { points.append(StreamPoint($0, database: database, retentionPolicy: retentionPolicy)) },
                onError: { error in if firstError == nil { firstError = error } })
        }
        route(points, database: database, retentionPolicy: retentionPolicy)
        return firstError
    }
}
