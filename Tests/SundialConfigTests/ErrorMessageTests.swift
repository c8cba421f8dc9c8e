import Testing

@testable import SundialConfig

/// Every message a user can get from a config file, with its exact text and line.
@Suite struct ErrorMessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: [String]
        var testDescription: String { expected.first ?? text }
    }

    private static let refused = "not supported yet; Sundial does not start with it set, since ignoring it would leave "

    static let cases: [Case] = [
        Case(
            text: "[[influxdb]]\n  name = \"a\"\n\n\n\n\n  urls = \"http://x\"\n",
            expected: ["line 7: [[influxdb]] urls: expected an array of strings, got \"http://x\""]
        ),
        Case(text: "data_dir = 5\n", expected: ["line 1: data_dir: expected a string, got 5"]),
        Case(
            text: "[http]\nlog-enabled = \"yes\"\n",
            expected: ["line 2: [http] log-enabled: expected a boolean (true or false), got \"yes\""]
        ),
        Case(
            text: "[http]\nbind-address = \"nine\"\n",
            expected: ["line 2: [http] bind-address: expected an address such as \":9092\" or \"127.0.0.1:9092\", got \"nine\""]
        ),
        Case(
            text: "[http]\nshutdown-timeout = \"10x\"\n",
            expected: ["line 2: [http] shutdown-timeout: expected a duration such as \"10s\" or \"1m30s\", got \"10x\""]
        ),
        Case(
            text: "[store]\nmax-series-per-database = \"many\"\n",
            expected: ["line 2: [store] max-series-per-database: expected an integer, got \"many\""]
        ),
        Case(
            text: "[logging]\nlevel = \"LOUD\"\n",
            expected: [
                "line 2: [logging] level: expected one of \"debug\", \"info\", \"warn\", \"error\", \"off\", got \"LOUD\""
            ]
        ),
        Case(
            text: "[http]\nbind-adress = \":9092\"\n",
            expected: ["line 2: warning: [http] bind-adress: unknown key, ignored (did you mean \"bind-address\"?)"]
        ),
        Case(text: "colour = \"blue\"\n", expected: ["line 1: warning: colour: unknown key, ignored"]),
        Case(text: "\n[mystery]\na = 1\n", expected: ["line 2: warning: [mystery]: unknown section, ignored"]),
        Case(
            text: "[influxdb]\nname = \"x\"\n",
            expected: ["line 1: [[influxdb]]: must be an array of tables: write [[influxdb]] instead of [influxdb]"]
        ),
        Case(text: "http = 5\n", expected: ["line 1: http: expected a table ([http]), got 5"]),
        Case(
            text: "[[influxdb]]\nurls = [\"ftp://x\"]\n",
            expected: ["line 2: [[influxdb]] urls: expected an http:// or https:// URL, got \"ftp://x\""]
        ),
        Case(
            text: "[[influxdb]]\nsubscription-protocol = \"gopher\"\n",
            expected: [
                "line 2: [[influxdb]] subscription-protocol: expected one of \"http\", \"https\", \"udp\", got \"gopher\""
            ]
        ),
        Case(
            text: "[[influxdb]]\nname = \"a\"\ndefault = true\n[[influxdb]]\nname = \"a\"\n",
            expected: ["line 5: [[influxdb]] name: duplicate name \"a\""]
        ),
        Case(
            text: "[[influxdb]]\nname = \"a\"\n[[influxdb]]\nname = \"b\"\n",
            expected: ["line 1: [[influxdb]] default: several [[influxdb]] are enabled; set default = true on one"]
        ),
        Case(
            text: "[[influxdb]]\nname = \"a\"\ndefault = true\n[[influxdb]]\nname = \"b\"\ndefault = true\n",
            expected: ["line 6: [[influxdb]] default: more than one enabled [[influxdb]] is the default"]
        ),
        Case(
            text: "[control]\nbasepath = \"chronograf\"\n",
            expected: [
                "line 2: [control] basepath: invalid basepath, must follow format \"/mybasepath\"",
                "line 2: warning: [control] basepath: not supported yet, ignored (the control plane is served at /)",
            ]
        ),
        Case(
            text: "[http]\nbind-address = \n",
            expected: ["line 2, column 16: invalid TOML: Error while parsing key-value pair: expected value, saw '\\n'"]
        ),
        Case(
            text: "[store]\ncache-max-memory-size = -1\n",
            expected: ["line 2: [store] cache-max-memory-size: must be 0 (no limit) or more bytes"]
        ),
        Case(text: "data_dir = \"\"\n", expected: ["line 1: data_dir: must not be empty"]),
        // Nothing configured is silently ignored; what would leave something open stops start-up.
        Case(
            text: "[http]\nauth-enabled = true\n",
            expected: [
                "line 2: [http] auth-enabled: needs [auth] enabled = true (users) or shared-secret (signed tokens); nobody could sign in"
            ]),
        Case(
            text: "[http]\nauth-enabled = true\nshared-secret = \"s\"\n",
            expected: [
                "line 2: warning: [http] auth-enabled: without [auth] enabled only tokens signed with shared-secret are accepted, no password"
            ]
        ),
        Case(
            text: "[tls]\nmin-version = \"tls1.4\"\nciphers = [\"TLS_FAKE\"]\n",
            expected: [
                "line 2: [tls] min-version: expected one of tls1.0, tls1.1, tls1.2, tls1.3, got \"tls1.4\"",
                "line 3: [tls] ciphers: unknown cipher suite \"TLS_FAKE\"",
            ]),
        Case(
            text: "[http]\nauth-enabled = true\n[auth]\nenabled = true\nbcrypt-cost = 3\n",
            expected: ["line 5: [auth] bcrypt-cost: must be from 4 to 31"]),
        Case(
            text: "[store]\nauth-enabled = true\n",
            expected: [
                "line 2: warning: [store] auth-enabled: tasks have no credentials for the store: their queries and writes are refused until [task] store-username and store-password are set"
            ]),
        Case(text: "[store]\nauth-enabled = true\n[task]\nstore-username = \"t\"\n", expected: []),
        Case(
            text: "[auth]\nmeta-addr = \"m:8091\"\n",
            expected: [
                "line 2: warning: [auth] meta-addr: not supported yet, ignored (users are kept by Sundial, not in InfluxDB Enterprise's meta service)"
            ]),
        Case(
            text: "[[influxdb]]\nsubscription-protocol = \"https\"\n",
            expected: [
                "line 2: [[influxdb]] subscription-protocol: \(refused)InfluxDB sending its writes over plain HTTP (remove it, or set it to \"http\")"
            ]),
        Case(text: "[http]\npprof-enabled = true\n", expected: ["line 2: warning: [http] pprof-enabled: not supported yet, ignored"]),
        Case(text: "[slack]\nenabled = true\n", expected: ["line 1: [[slack]] url: must specify url"]),
        Case(text: "[mqtt]\nenabled = true\n", expected: ["line 1: [[mqtt]] url: must specify a url for mqtt service"]),
        Case(
            text: "[[mqtt]]\nurl = \"ssl://b:8883\"\n",
            expected: ["line 2: [[mqtt]] url: ssl:// brokers are not supported yet (only tcp://)"]),
        Case(text: "[scraper]\nenabled = true\n", expected: ["line 2: warning: [scraper]: not supported yet, ignored"]),
        Case(text: "[zenoss]\nseverity-map = { OK = \"Clear\" }\n", expected: ["line 2: [zenoss] severity-map: invalid severity mapping"]),
        Case(
            text: "[[kafka]]\nenabled = false\n[[kafka]]\nid = \"x\"\n",
            expected: ["line 3: warning: [[kafka]]: not supported yet, ignored"]),
        Case(text: "[slack]\nenabled = false\nurl = \"x\"\n[udf]\n[udf.functions]\n[http]\nauth-enabled = false\n", expected: []),
        Case(
            text: "[control]\nidle-timeout = \"169h\"\n",
            expected: ["line 2: [control] idle-timeout: must be 0 (none) or at most 168h (a week)"]
        ),
        Case(
            text: "[http]\nidle-timeout = \"-1s\"\n", expected: ["line 2: [http] idle-timeout: must be 0 (none) or at most 168h (a week)"]),
        // TOMLKit's parser asserts on these (found by Fuzz/ConfigFuzzer): Sundial reports them first.
        Case(
            text: "[http]\n[\u{FFFD}http]\n",
            expected: ["line 2, column 2: invalid TOML: invalid table name: it must start with a letter, a digit, '-', '_' or a quote"]),
        Case(
            text: "a = [\n  [1],\n]\n[[ !x]]\n",
            expected: ["line 4, column 4: invalid TOML: invalid table name: it must start with a letter, a digit, '-', '_' or a quote"]),
        Case(
            text: "[[influxdb]]\n  enabled  = [}http://lcalhost:6414\"]\n",
            expected: ["line 2, column 15: invalid TOML: expected a value or ']' in the array, saw '}'"]),
        Case(text: "a = [{ b = [1] }, \"}\", [ # }\n]]\n", expected: ["line 1: warning: a: unknown key, ignored"]),
    ]

    @Test(arguments: cases)
    func messageAndLine(_ testCase: Case) {
        let result = ConfigLoader.parse(testCase.text, environment: [:])
        #expect(result.diagnostics.map(\.description) == testCase.expected)
    }

    @Test func everyProblemInOneFileIsReportedInLineOrder() {
        let text = """
            data_dir = 5
            [http]
              bind-adress = ":9092"
              log-enabled = "yes"
            [[influxdb]]
              urls = "http://x"
              timeout = "10x"
            """
        let result = ConfigLoader.parse(text, environment: [:])
        #expect(
            result.diagnostics.map(\.description) == [
                "line 1: data_dir: expected a string, got 5",
                "line 3: warning: [http] bind-adress: unknown key, ignored (did you mean \"bind-address\"?)",
                "line 4: [http] log-enabled: expected a boolean (true or false), got \"yes\"",
                "line 6: [[influxdb]] urls: expected an array of strings, got \"http://x\"",
                "line 7: [[influxdb]] timeout: expected a duration such as \"10s\" or \"1m30s\", got \"10x\"",
            ])
    }
}
