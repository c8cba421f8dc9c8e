import Logging
import TaskService

extension TaskRunner {
    /// A runner with no store behind `influxDBOut` (its writes are logged as failed).
    static func test() -> TaskRunner { TaskRunner(writer: nil, logger: Logger(label: "test")) }
}
