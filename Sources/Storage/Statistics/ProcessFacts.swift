public import Foundation

/// What InfluxDB reports about its process in `/debug/vars` and `SHOW DIAGNOSTICS`: when it started, its pid and
/// host, and memory — Go's `memstats` names filled from this process (glibc's allocator and `/proc/self/status`),
/// since there is no Go runtime to ask. Fields Go has and this process does not (garbage collection) are 0.
public enum ProcessFacts {
    /// Set when first read; the store engine reads it as it opens.
    public static let started = Date()

    /// The InfluxDB version the store answers as (`X-Influxdb-Version`, `SHOW DIAGNOSTICS`' build).
    public static let influxDBVersion = "1.8.10"

    /// Go's name for the machine's architecture.
    public static var architecture: String {
        #if arch(x86_64)
            "amd64"
        #elseif arch(arm64)
            "arm64"
        #else
            "unknown"
        #endif
    }

    public static var uptimeSeconds: Int64 { Int64(Date().timeIntervalSince(started)) }

    public static var processID: Int64 { Int64(ProcessInfo.processInfo.processIdentifier) }

    public static var hostName: String { ProcessInfo.processInfo.hostName }

    /// Go's `runtime.MemStats` field names with this process's nearest values.
    public static func memory() -> [String: Int64] {
        let status = procStatus()
        let resident = (status["VmRSS"] ?? 0) * 1024
        let heap = (status["VmData"] ?? 0) * 1024
        var values: [String: Int64] = [:]
        for name in [
            "Alloc", "TotalAlloc", "Sys", "Lookups", "Mallocs", "Frees", "HeapAlloc", "HeapSys", "HeapIdle", "HeapInuse",
            "HeapReleased", "HeapObjects", "StackInuse", "StackSys", "MSpanInuse", "MSpanSys", "MCacheInuse", "MCacheSys",
            "BuckHashSys", "GCSys", "OtherSys", "NextGC", "LastGC", "PauseTotalNs", "NumGC", "NumForcedGC",
        ] {
            values[name] = 0
        }
        values["Sys"] = resident
        values["HeapSys"] = heap
        values["Alloc"] = resident
        values["HeapAlloc"] = resident
        values["HeapInuse"] = resident
        values["TotalAlloc"] = resident
        return values
    }

    /// InfluxDB's `runtime` statistic: Go's memory figures (here the process's) and its goroutines (here threads).
    public static func runtimeStatistic() -> Statistic {
        let memory = memory()
        var values: [String: Int64] = [:]
        for name in [
            "Alloc", "Frees", "HeapAlloc", "HeapIdle", "HeapInUse", "HeapObjects", "HeapReleased", "HeapSys", "Lookups", "Mallocs",
            "NumGC", "PauseTotalNs", "Sys", "TotalAlloc",
        ] {
            values[name] = memory[name == "HeapInUse" ? "HeapInuse" : name] ?? 0
        }
        values["NumGoroutine"] = threadCount
        return Statistic(name: "runtime", values: values)
    }

    /// Threads of the process (what `NumGoroutine` stands for here).
    public static var threadCount: Int64 { procStatus()["Threads"] ?? 0 }

    /// `/proc/self/status` as numbers (kB for sizes); empty where there is no such file.
    private static func procStatus() -> [String: Int64] {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return [:] }
        var values: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            let fields = parts.count == 2 ? parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }) : []
            guard let first = fields.first, let number = Int64(first) else { continue }
            values[String(parts[0])] = number
        }
        return values
    }
}
