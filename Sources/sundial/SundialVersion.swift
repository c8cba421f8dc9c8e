internal import ControlService
internal import StoreService
internal import TaskService

/// Sundial's own version and the API versions it is compatible with.
enum SundialVersion {
    static let version = "0.1.0"

    static var summary: String {
        "Sundial \(version) (InfluxDB API \(StoreService.influxDBVersion), Kapacitor API \(TaskService.kapacitorVersion), "
            + "Chronograf API \(ControlService.chronografVersion))"
    }
}
