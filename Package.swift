// swift-tools-version: 6.1
// Sundial: the TICK stack's store, processing engine and control plane in one Swift package.
// The module map is in docs/ARCHITECTURE.md; a lower layer never imports a higher one.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let httpTypes: Target.Dependency = .product(name: "HTTPTypes", package: "swift-http-types")

let package = Package(
    name: "sundial",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sundial", targets: ["sundial"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // Layer 0: the shared vocabulary.
        .target(name: "TimeSeries", exclude: ["README.md"], swiftSettings: strictSettings),
        // RE2 (Debian's libre2-dev) behind a C interface, and Go-syntax regexes matched in linear time on top of it.
        .target(name: "RE2Bridge", linkerSettings: [.linkedLibrary("re2")]),
        .target(name: "RE2Regex", dependencies: ["RE2Bridge"], exclude: ["README.md"], swiftSettings: strictSettings),
        // Snappy (Debian's libsnappy-dev) behind a C interface, and Prometheus' remote storage messages on top of it.
        .target(name: "SnappyBridge", linkerSettings: [.linkedLibrary("snappy")]),
        .target(name: "PrometheusRemote", dependencies: ["SnappyBridge"], exclude: ["README.md"], swiftSettings: strictSettings),
        // ISA-L's igzip (Debian's libisal-dev) behind a C interface: gzip for answers, several times zlib's speed.
        .target(name: "IgzipBridge", linkerSettings: [.linkedLibrary("isal")]),
        .target(name: "FileIO", exclude: ["README.md"], swiftSettings: strictSettings),
        // Layer 1: languages and formats.
        .target(name: "Compression", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "InfluxQL", dependencies: ["RE2Regex"], exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "Forecasting", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "TICKscript", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "CRC32CHardware", exclude: ["README.md"]),
        .target(
            name: "Credentials",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            exclude: ["README.md"], swiftSettings: strictSettings),
        .target(
            name: "WriteAheadLog", dependencies: ["FileIO", "CRC32CHardware"], exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "LineProtocol", dependencies: ["TimeSeries"], exclude: ["README.md"], swiftSettings: strictSettings),
        .target(
            name: "SundialConfig",
            dependencies: ["TimeSeries", .product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // Layer 2: the storage engine and process-wide pieces the services share.
        .target(
            name: "Storage",
            dependencies: ["TimeSeries", "LineProtocol", "Compression", "WriteAheadLog", "FileIO"],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(name: "DataDirectory", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "PipelineSpec", dependencies: ["TICKscript", "TimeSeries"], exclude: ["README.md"], swiftSettings: strictSettings),
        .target(
            name: "InfluxClient",
            dependencies: [
                "TimeSeries", "LineProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StoreAccess",
            dependencies: [
                "InfluxQL", "FileIO", "Credentials", .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ServerLogging",
            dependencies: [
                hummingbird, .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdTLS", package: "hummingbird"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), httpTypes,
                logging, "TimeSeries", "IgzipBridge", .product(name: "CompressNIO", package: "compress-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // Layer 3: running queries.
        .target(
            name: "QueryEngine",
            dependencies: ["InfluxQL", "LineProtocol", "RE2Regex", "Storage", "StoreAccess", "TimeSeries", "Forecasting"],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Collectd",
            dependencies: [
                "LineProtocol", "TimeSeries", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(name: "Graphite", dependencies: ["TimeSeries"], exclude: ["README.md"], swiftSettings: strictSettings),
        .target(
            name: "ContinuousQueries",
            dependencies: ["InfluxQL", "QueryEngine", "Storage", "TimeSeries", logging],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StoreBackup",
            dependencies: ["Storage", "StoreAccess", "FileIO", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // Layer 5: the three HTTP services.
        .target(
            name: "StoreService",
            dependencies: [
                hummingbird, httpTypes, logging, "ServerLogging", "Storage", "StoreAccess", "StoreBackup", "TimeSeries", "InfluxQL",
                "QueryEngine",
                "Credentials", "PrometheusRemote", "RE2Regex", "LineProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), .product(name: "CompressNIO", package: "compress-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Alerting",
            dependencies: [
                "TimeSeries", "SundialConfig", logging, .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PipelineRuntime",
            dependencies: [
                "PipelineSpec", "TICKscript", "Alerting", "TimeSeries", "LineProtocol", "RE2Regex", "Forecasting", logging,
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TaskService",
            dependencies: [
                hummingbird, httpTypes, logging, "ServerLogging", "PipelineSpec", "TICKscript", "InfluxQL", "PipelineRuntime", "Alerting",
                "LineProtocol", "TimeSeries", "InfluxClient", "Credentials", "SundialConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(name: "ControlUI", exclude: ["README.md"], resources: [.copy("Resources/ui")], swiftSettings: strictSettings),
        .target(
            name: "ControlService",
            dependencies: [
                "ControlUI",
                hummingbird, httpTypes, logging, "ServerLogging", "InfluxClient", "PipelineSpec", "TICKscript", "FileIO", "Credentials",
                "InfluxQL", "QueryEngine", "TimeSeries",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Layouts")],
            swiftSettings: strictSettings
        ),
        // Layer 6: the composition root.
        .executableTarget(
            name: "sundial",
            dependencies: [
                "SundialConfig", "DataDirectory", "ServerLogging", "Storage", "StoreAccess", "StoreBackup", "StoreService", "TaskService",
                "ControlService", "PipelineSpec", "PipelineRuntime", "Alerting", "TICKscript", "InfluxClient", "QueryEngine", "InfluxQL",
                "ContinuousQueries", "Collectd", "Graphite", "LineProtocol", .product(name: "Yams", package: "Yams"),
                hummingbird, logging,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SundialConfigTests",
            dependencies: ["SundialConfig"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // Test support, used only by test targets.
        .target(name: "SundialTesting", dependencies: ["FileIO"], exclude: ["README.md"], swiftSettings: strictSettings),
        .testTarget(name: "RE2RegexTests", dependencies: ["RE2Regex"], swiftSettings: strictSettings),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials"], swiftSettings: strictSettings),
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries"], swiftSettings: strictSettings),
        .testTarget(
            name: "LineProtocolTests", dependencies: ["LineProtocol", "TimeSeries", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(name: "CompressionTests", dependencies: ["Compression", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "WriteAheadLogTests", dependencies: ["WriteAheadLog", "FileIO", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "TimeSeries", "LineProtocol", "FileIO", "WriteAheadLog", "SundialTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "InfluxQLTests", dependencies: ["InfluxQL"], swiftSettings: strictSettings),
        .testTarget(name: "TICKscriptTests", dependencies: ["TICKscript", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "PipelineSpecTests", dependencies: ["PipelineSpec", "TICKscript", "SundialTesting"], exclude: ["Corpus"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "QueryEngineTests",
            dependencies: ["QueryEngine", "InfluxQL", "Storage", "TimeSeries", "SundialTesting", "Forecasting"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "PrometheusRemoteTests", dependencies: ["PrometheusRemote"], swiftSettings: strictSettings),
        .testTarget(
            name: "CollectdTests", dependencies: ["Collectd", "TimeSeries", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings),
        .testTarget(name: "GraphiteTests", dependencies: ["Graphite", "TimeSeries"], swiftSettings: strictSettings),
        .testTarget(
            name: "ContinuousQueriesTests",
            dependencies: ["ContinuousQueries", "QueryEngine", "InfluxQL", "Storage", "TimeSeries", "SundialTesting", logging],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreAccessTests", dependencies: ["StoreAccess", "InfluxQL", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(name: "StoreBackupTests", dependencies: ["StoreBackup", "FileIO", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "SundialTesting"], swiftSettings: strictSettings),
        .testTarget(name: "DataDirectoryTests", dependencies: ["DataDirectory"], swiftSettings: strictSettings),
        .testTarget(
            name: "ServerLoggingTests",
            dependencies: [
                "ServerLogging", hummingbird, httpTypes, logging, .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreServiceTests",
            dependencies: [
                "StoreService", "Storage", "StoreAccess", "SundialTesting", "Credentials", "PrometheusRemote", "InfluxQL", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), logging,
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "TimeSeries", logging], swiftSettings: strictSettings),
        .testTarget(
            name: "PipelineRuntimeTests",
            dependencies: ["PipelineRuntime", "PipelineSpec", "Alerting", "TimeSeries", "LineProtocol", logging],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TaskServiceTests",
            dependencies: [
                "TaskService", "PipelineSpec", "SundialTesting", "Credentials", hummingbird, logging,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ControlServiceTests",
            dependencies: [
                "ControlService", "PipelineSpec", "SundialTesting", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)

// Benchmarks (ordo-one/benchmark) exist only when SUNDIAL_BENCHMARKS is set, so CI's build never compiles them.
// Run: SUNDIAL_BENCHMARKS=1 swift package benchmark --target LineProtocolBenchmarks --no-progress (or TICKscriptBenchmarks,
// AlertNodeBenchmarks)
if Context.environment["SUNDIAL_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]))
    let benchmarkTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("LineProtocolBenchmarks", ["LineProtocol", "TimeSeries"]),
        ("TICKscriptBenchmarks", ["TICKscript", "PipelineSpec"]),
        ("AlertNodeBenchmarks", ["PipelineRuntime", "PipelineSpec", "Alerting", "TimeSeries", logging]),
    ]
    for (name, dependencies) in benchmarkTargets {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: dependencies + [.product(name: "Benchmark", package: "benchmark")],
                path: "Benchmarks/\(name)",
                swiftSettings: strictSettings,
                plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
            )
        )
    }
}

// Fuzz targets (libFuzzer) exist only when SUNDIAL_FUZZ is set; Fuzz/run builds them with
// `-sanitize=fuzzer,address` in their own scratch folder and runs each (see Fuzz/README.md).
if Context.environment["SUNDIAL_FUZZ"] != nil {
    package.targets.append(.target(name: "LibFuzzerDriver", path: "Fuzz/LibFuzzerDriver"))
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["WriteAheadLog", "LibFuzzerDriver"], path: "Fuzz/FuzzSupport"))
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("LineProtocolFuzzer", ["LineProtocol", "TimeSeries", "FuzzSupport"]),
        ("InfluxQLFuzzer", ["InfluxQL", "FuzzSupport"]),
        ("TICKscriptFuzzer", ["TICKscript", "PipelineSpec", "FuzzSupport"]),
        ("ConfigFuzzer", ["SundialConfig", "FuzzSupport"]),
        ("WALReplayFuzzer", ["Storage", "FileIO", "FuzzSupport"]),
        ("TSMReaderFuzzer", ["Storage", "FileIO", "FuzzSupport"]),
        ("QueryPlannerFuzzer", ["QueryEngine", "InfluxQL", "Storage", "FuzzSupport"]),
        ("LambdaFuzzer", ["PipelineRuntime", "TICKscript", "TimeSeries", "FuzzSupport"]),
        ("CronScheduleFuzzer", ["PipelineRuntime", "FuzzSupport"]),
        ("AlertTemplateFuzzer", ["Alerting", "FuzzSupport"]),
        ("AlertServicesFuzzer", ["Alerting", "SundialConfig", logging, "FuzzSupport"]),
        ("ResourceFileFuzzer", ["ControlService", "FuzzSupport"]),
        ("ChronografRequestFuzzer", ["ControlService", "FuzzSupport"]),
        ("PrometheusRemoteFuzzer", ["PrometheusRemote", "FuzzSupport"]),
        ("CollectdFuzzer", ["Collectd", "FuzzSupport"]),
        ("GraphiteFuzzer", ["Graphite", "FuzzSupport"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies, path: "Fuzz/\(name)", exclude: ["corpus"]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
