public import LineProtocol
public import TimeSeries

/// Value lists as InfluxDB 1.8's collectd service writes them: tags `host`, `instance` (the plugin instance),
/// `type` and `type_instance` when not empty; with `split` (the default) one point per value, measurement
/// `<plugin>_<data source>` and field `value`; with `join` one point per list, measurement `<plugin>` and a field
/// per data source. Counters, gauges and derives become floats; absolute values, lists whose type `types.db` does
/// not list with that many values, and points that cannot be written are dropped (and counted).
public enum CollectdPoints {
    public enum MultiValue: String, Sendable {
        case split, join
    }

    public static func lines(_ lists: [CollectdValueList], types: CollectdTypes, multiValue: MultiValue) -> (lines: [UInt8], dropped: Int) {
        var lines: [UInt8] = []
        var dropped = 0
        for list in lists {
            guard let sources = types.dataSources(of: list.type), sources.count == list.values.count else {
                dropped += list.values.count
                continue
            }
            let tags = [("host", list.host), ("instance", list.pluginInstance), ("type", list.type), ("type_instance", list.typeInstance)]
                .filter { !$0.1.isEmpty }.map { Tag($0.0, $0.1) }
            let fields = zip(sources, list.values).compactMap { name, value in float(value).map { Field(name, .float($0)) } }
            switch multiValue {
            case .join:
                // One value that cannot be written (NaN, absolute) makes the whole point invalid, as in InfluxDB.
                guard fields.count == list.values.count, !fields.isEmpty else {
                    dropped += 1
                    continue
                }
                LineProtocolEncoder.append(Point(measurement: list.plugin, tags: tags, fields: fields, timestamp: list.time), to: &lines)
            case .split:
                dropped += list.values.count - fields.count
                for field in fields {
                    let point = Point(
                        measurement: list.plugin + "_" + field.key, tags: tags, fields: [Field("value", field.value)], timestamp: list.time)
                    LineProtocolEncoder.append(point, to: &lines)
                }
            }
        }
        return (lines, dropped)
    }

    private static func float(_ value: CollectdValueList.Value) -> Double? {
        switch value {
        case .counter(let number): Double(number)
        case .gauge(let number): number.isFinite ? number : nil
        case .derive(let number): Double(number)
        case .absolute: nil
        }
    }
}
