import Testing

@testable import ControlService

/// Chronograf's `ToQueryConfig` cases (its `influx/query_test.go` names them), and the time width behind `:interval:`.
@Suite struct QueryConfigTests {
    private func field(_ value: String, alias: String = "") -> QueryConfig.Field {
        QueryConfig.Field(value: value, type: "field", alias: alias)
    }

    private func function(_ name: String, _ args: [QueryConfig.Field], alias: String = "") -> QueryConfig.Field {
        QueryConfig.Field(value: name, type: "func", alias: alias, args: args)
    }

    private func builder(
        _ database: String, _ policy: String, _ measurement: String, _ fields: [QueryConfig.Field],
        change: (inout QueryConfig) -> Void = { _ in }
    ) -> QueryConfig {
        var config = QueryConfig()
        (config.database, config.retentionPolicy, config.measurement, config.fields) = (database, policy, measurement, fields)
        change(&config)
        return config
    }

    @Test func fieldsInOrderWithTheDashboardTimes() {
        let fields = ["usage_idle", "usage_guest_nice", "usage_system"].map { field($0) }
        for text in [
            #"SELECT "usage_idle", "usage_guest_nice", "usage_system" FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime:"#,
            #"SELECT "usage_idle", "usage_guest_nice", "usage_system" FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: AND time < :upperDashboardTime:"#,
        ] {
            #expect(QueryConfig(influxQL: text) == builder("telegraf", "autogen", "cpu", fields))
        }
    }

    @Test func functionsAliasesAndIntervalGrouping() {
        let text =
            #"SELECT mean("usage_user") AS "mean_usage_user" FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: AND "host" = 'a' GROUP BY time(:interval:), "host" FILL(null)"#
        #expect(
            QueryConfig(influxQL: text)
                == builder("telegraf", "autogen", "cpu", [function("mean", [field("usage_user")], alias: "mean_usage_user")]) {
                    $0.tags = ["host": ["a"]]
                    $0.areTagsAccepted = true
                    ($0.groupByTime, $0.groupByTags, $0.fill) = ("auto", ["host"], "null")
                })
        #expect(
            QueryConfig(
                influxQL: "SELECT TOP(\"water_level\",\"location\",2), percentile(v, 3.14), COUNT(/water/), count(*) FROM \"h2o_feet\"")
                == builder(
                    "", "", "h2o_feet",
                    [
                        function("top", [field("water_level"), field("location"), QueryConfig.Field(value: "2", type: "integer")]),
                        function("percentile", [field("v"), QueryConfig.Field(value: "3.14", type: "number")]),
                        function("count", [QueryConfig.Field(value: "water", type: "regex")]),
                        function("count", [QueryConfig.Field(value: "*", type: "wildcard")]),
                    ]))
    }

    @Test func rangesTagsAndFills() {
        let usage = [field("usage_user")]
        #expect(
            QueryConfig(influxQL: #"SELECT usage_user from telegraf.autogen.cpu where "host" != 'myhost' and time > now() - 15m"#)
                == builder("telegraf", "autogen", "cpu", usage) {
                    $0.tags = ["host": ["myhost"]]
                    $0.rangeLower = "now() - 15m"
                })
        #expect(
            QueryConfig(influxQL: #"SELECT usage_user from telegraf.autogen.cpu where "host" != 'myhost' and time > now()"#).rangeLower
                == "now() - 0s")
        #expect(
            QueryConfig(
                influxQL:
                    #"SELECT usage_user from telegraf.autogen.cpu where ("host" = 'myhost' OR "host" = 'yourhost') and ("these" = 'those') and time > now() - 90m"#
            )
                == builder("telegraf", "autogen", "cpu", usage) {
                    $0.tags = ["host": ["myhost", "yourhost"], "these": ["those"]]
                    $0.areTagsAccepted = true
                    $0.rangeLower = "now() - 1h30m"
                })
        for (fill, text) in [("1337", "FILL(1337)"), ("1.337", "FILL(1.337)"), ("linear", "FILL(linear)"), ("null", "")] {
            let query = #"SELECT mean("usage_idle") FROM "telegraf"."autogen"."cpu" WHERE time > now() - 1h GROUP BY time(1m) "# + text
            #expect(QueryConfig(influxQL: query).fill == fill)
            #expect(QueryConfig(influxQL: query).groupByTime == "1m")
        }
    }

    @Test func whatTheBuilderCannotShowIsRawText() {
        for text in [
            #"SELECT moving_average(mean("count"),14) FROM "u"."autogen".days WHERE time > now() - 90d group by time(1d)"#,
            #"SELECT count("event_id")/3 as "c" from d.autogen.e where time > now() - 7d group by time(1d), "event_type""#,
            #"SELECT usage_user from telegraf.autogen.cpu where "host" != 'myhost' and time > now() - 15"#,
            "SELECT usage_user from telegraf.autogen.cpu where time",
            #"SELECT usage_user from telegraf.autogen.cpu where ("host" = 'a' or "this" = 'those') and ("howdy" != 'doody') and time > now() - 15m"#,
            #"SELECT last("load1") FROM "telegraf"."autogen"."system" WHERE "host"=:host:"#,
            "SELECT v FROM cpu LIMIT 1", "SELECT v FROM cpu ORDER BY time DESC", "SELECT v INTO x FROM cpu", "SELECT v FROM a, b",
            "SELECT v FROM /c/", "SELECT v::float FROM cpu", "SELECT * FROM cpu", "SELECT v FROM cpu GROUP BY time(1m, 10s)",
            "SELECT v FROM cpu GROUP BY *", "SELECT 1; SELECT 2", "SHOW DATABASES", "nonsense",
        ] {
            #expect(QueryConfig(influxQL: text) == QueryConfig.raw(text), "\(text)")
        }
    }

    @Test func durationsAsChronografWritesThem() {
        #expect(QueryConfig.shortDuration(15 * 60_000_000_000) == "15m")
        #expect(QueryConfig.shortDuration(3_600_000_000_000) == "1h")
        #expect(QueryConfig.shortDuration(90_000_000_000) == "1m30s")
        #expect(QueryConfig.plainDecimal(1e-7) == "0.0000001")
        #expect(QueryConfig.plainDecimal(1.5e22) == "15000000000000000000000")
        #expect(QueryConfig.plainDecimal(-2.5) == "-2.5")
    }

    @Test func durationBehindTheInterval() {
        let now: Int64 = 946_684_800_000_000_000
        let query =
            #"SELECT mean("n") FROM "_internal"."monitor"."database" WHERE time > now() - 1h - 1h and time < now() - 1h GROUP BY :interval: FILL(null);"#
        #expect(QueriesRoutes.durationMilliseconds(query, now: now) == 3_599_999)
        #expect(QueriesRoutes.durationMilliseconds("SELECT v FROM cpu WHERE time > now() - 1h and time < now() - 1h", now: now) == 1)
        #expect(
            QueriesRoutes.durationMilliseconds("SELECT v FROM cpu WHERE time > now() - 1h GROUP BY time(:interval:)", now: now) == 3_599_999
        )
        #expect(
            QueriesRoutes.durationMilliseconds(
                "SELECT v FROM cpu where time >= '2000-01-01T00:00:00Z' AND time <= '2000-01-01T00:00:10Z'", now: now)
                == 10_000)
        #expect(QueriesRoutes.durationMilliseconds("SELECT v FROM cpu", now: now) == 0)
        #expect(QueriesRoutes.durationMilliseconds("SELECT v FROM cpu WHERE host = 'a'", now: now) == 1)
        #expect(QueriesRoutes.durationMilliseconds("SELECT v FROM cpu WHERE time < now()", now: now) == 1)
    }
}
