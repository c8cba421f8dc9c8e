"""The UI's rendering of dashboard variables into queries (js/template-vars.js), run in headless Chromium: each
value type quoted as Chronograf quotes it (names in double quotes, tag values and absolute times in single quotes,
the rest raw, nothing quoted inside a regex), variables that use other variables resolved after them, and
`:interval:` from the source's `durationMs` (360 points across the range)."""

import pytest

CASES = [
    ("tag value", 'SELECT v FROM cpu WHERE "host" = :host:', [":host:", "web-1", "tagValue"], "SELECT v FROM cpu WHERE \"host\" = 'web-1'"),
    ("tag value in a regex", "SELECT v FROM cpu WHERE host =~ /^:host:$/ OR h = :host:", [":host:", "web-1", "tagValue"],
     "SELECT v FROM cpu WHERE host =~ /^web-1$/ OR h = 'web-1'"),
    ("measurement", "SELECT v FROM :m:", [":m:", "cpu", "measurement"], 'SELECT v FROM "cpu"'),
    ("database and field key", "SELECT :f: FROM :db:..cpu", [":f:", "usage", "fieldKey"], 'SELECT "usage" FROM :db:..cpu'),
    ("csv raw", "SELECT v FROM cpu WHERE n > :n:", [":n:", "5", "csv"], "SELECT v FROM cpu WHERE n > 5"),
    ("constant raw", "SELECT :c: FROM cpu", [":c:", "mean(v)", "constant"], "SELECT mean(v) FROM cpu"),
    ("map raw", "SELECT v FROM cpu WHERE region = :r:", [":r:", "'us'", "map"], "SELECT v FROM cpu WHERE region = 'us'"),
    ("absolute time quoted", "time > :t:", [":t:", "2024-01-01T00:00:00.000Z", "timeStamp"], "time > '2024-01-01T00:00:00.000Z'"),
]


@pytest.fixture
def module(make_server, browser):
    server = make_server().start()
    browser.get(server.control_url + "/sources/0/dashboards")
    browser.set_script_timeout(20)

    def call(script, *arguments):
        return browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "import('/ui/js/template-vars.js').then((m) => (async (m, args) => {" + script + "})(m, arguments)).then(done, (e) => done('ERROR ' + e));",
            *arguments)
    return call


def test_values_are_quoted_by_their_type(module):
    for name, text, (variable, value, kind), expected in CASES:
        assert module("return m.renderVariable(args[0], args[1], {value: args[2], type: args[3]});", text, variable, value, kind) == expected, name


def test_time_range_and_interval(module):
    rendered = module(
        "return m.renderQuery('0', 'SELECT mean(v) FROM cpu WHERE time > :dashboardTime: AND time < :upperDashboardTime: GROUP BY time(:interval:)', [], {lower: 'now() - 1h', upper: null});")
    assert rendered == "SELECT mean(v) FROM cpu WHERE time > now() - 1h AND time < now() GROUP BY time(10000ms)"
    absolute = module(
        "return m.renderQuery('0', 'SELECT v FROM cpu WHERE time > :dashboardTime: AND time < :upperDashboardTime: GROUP BY time(:interval:)', [], "
        "{lower: '2024-01-01T00:00:00.000Z', upper: '2024-01-01T06:00:00.000Z'});")
    assert absolute == "SELECT v FROM cpu WHERE time > '2024-01-01T00:00:00.000Z' AND time < '2024-01-01T06:00:00.000Z' GROUP BY time(60000ms)"


def test_variables_using_variables_come_after_them(module):
    order = module(
        "const ts = [{tempVar: ':host:', type: 'influxql', query: {influxql: 'SHOW TAG VALUES FROM :m: WITH KEY = host'}, values: []},"
        " {tempVar: ':m:', type: 'measurements', query: {db: 'telegraf'}, values: []}];"
        "return m.inDependencyOrder(ts).map((t) => t.tempVar);")
    assert order == [":m:", ":host:"]
    meta = module(
        "return m.metaQueryOf({type: 'influxql', query: {influxql: 'SHOW TAG VALUES FROM :m: WITH KEY = host'}},"
        " [{tempVar: ':m:', values: [{value: 'cpu', type: 'measurement', selected: true}]}]);")
    assert meta == 'SHOW TAG VALUES FROM "cpu" WITH KEY = host'
    assert module("return m.metaQueryOf({type: 'tagValues', query: {db: 'telegraf', measurement: 'cpu', tagKey: 'host'}}, []);") == (
        'SHOW TAG VALUES ON "telegraf" FROM "cpu" WITH KEY="host"')
    typed = module("return [m.typedValues('csv', 'a, b,,c'), m.typedValues('map', 'k1,v1\\nk2,\"v2\"')];")
    assert [v["value"] for v in typed[0]] == ["a", "b", "c"]
    assert [(v["key"], v["value"]) for v in typed[1]] == [("k1", "v1"), ("k2", "v2")]
