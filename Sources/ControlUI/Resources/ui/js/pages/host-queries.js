// What the Host List and host pages ask the source's Telegraf database, and how a layout cell's query becomes the
// InfluxQL that runs, with the same meaning as Chronograf 1.10's host pages (`ui/src/hosts`).
import { api } from "../api.js";
import { columnValues, quoteIdentifier, quoteString } from "../influxql.js";

/// A host is up when its `cpu` or `system` input sent a point this recently (by the server's clock). Chronograf
/// looks at whether `system.uptime` still grows; "reported lately" also covers hosts sending no `uptime`.
export const upWithin = "5m";

/// The host page's time ranges ("Past 15m"…) and the GROUP BY interval of each, as Chronograf's host pages use them.
export const groupByForRange = { "15m": "1m", "1h": "1m", "6h": "1m", "24h": "10m", "7d": "1h" };

/// The source's Telegraf database and retention policy, and whether that database exists.
export async function telegrafOf(sourceID) {
  const source = await api.source(sourceID);
  const db = source.telegraf || "telegraf";
  const answer = await api.query(sourceID, { query: "SHOW DATABASES" });
  const result = (answer.results || [])[0] || {};
  if (result.error) throw new Error(result.error);
  return { db, rp: source.defaultRP || "", exists: columnValues(result, "name").includes(db) };
}

/// Runs statements (joined with ";") in the Telegraf database: one result per statement, an error left in its result.
export async function runStatements(sourceID, telegraf, statements) {
  const answer = await api.query(sourceID, { query: statements.join(";\n"), db: telegraf.db, rp: telegraf.rp });
  if (answer.error) throw new Error(answer.error);
  return statements.map((_, index) => (answer.results || [])[index] || {});
}

/// Every host name the Telegraf database has a series for.
export async function hostNames(sourceID, telegraf) {
  const [result] = await runStatements(sourceID, telegraf, ['SHOW TAG VALUES WITH KEY = "host"']);
  if (result.error) throw new Error(result.error);
  return [...new Set(columnValues(result, "value"))].sort();
}

/// The measurements a host has series in.
export async function measurementsOf(sourceID, telegraf, host) {
  const [result] = await runStatements(sourceID, telegraf, [`SHOW MEASUREMENTS WHERE "host" = ${quoteString(host)}`]);
  if (result.error) throw new Error(result.error);
  return columnValues(result, "name");
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/// The Host List's rows: [{name, up, cpu, load, apps}], CPU (mean `usage_user` of `cpu-total`) and load (mean
/// `load1`) over the last 10 minutes as Chronograf shows them, `null` when the host sent none.
export async function loadHosts(sourceID, telegraf, layouts) {
  const measurements = [...new Set(layouts.map((layout) => layout.measurement).filter(Boolean))];
  const statements = [
    'SHOW TAG VALUES WITH KEY = "host"',
    `SELECT mean("usage_user") FROM "cpu" WHERE "cpu" = 'cpu-total' AND time > now() - 10m GROUP BY "host"`,
    'SELECT mean("load1") FROM "system" WHERE time > now() - 10m GROUP BY "host"',
    `SELECT last("usage_idle") FROM "cpu" WHERE time > now() - ${upWithin} GROUP BY "host"`,
    `SELECT last("load1") FROM "system" WHERE time > now() - ${upWithin} GROUP BY "host"`,
  ];
  if (measurements.length) statements.push(`SHOW TAG VALUES FROM /^(${measurements.map(escapeRegex).join("|")})$/ WITH KEY = "host"`);
  const [all, cpu, load, cpuSeen, loadSeen, apps] = await runStatements(sourceID, telegraf, statements);
  if (all.error) throw new Error(all.error);
  const hosts = new Map(columnValues(all, "value").map((name) => [name, { name, up: false, cpu: null, load: null, apps: [] }]));
  const each = (result, use) => {
    for (const series of (result && result.series) || []) {
      const host = hosts.get((series.tags || {}).host);
      if (host) use(host, series);
    }
  };
  const firstValue = (series) => Number((series.values || [[]])[0][1]);
  each(cpu, (host, series) => (host.cpu = firstValue(series)));
  each(load, (host, series) => (host.load = firstValue(series)));
  each(cpuSeen, (host) => (host.up = true));
  each(loadSeen, (host) => (host.up = true));
  addApps(hosts, apps, layouts);
  return [...hosts.values()];
}

/// `SHOW TAG VALUES FROM /…/` answers one series per measurement: each host in it runs that measurement's apps.
function addApps(hosts, result, layouts) {
  for (const series of (result && result.series) || []) {
    const names = layouts.filter((layout) => layout.measurement === series.name).map((layout) => layout.app);
    for (const hostName of columnValues({ series: [series] }, "value")) {
      const host = hosts.get(hostName);
      if (!host) continue;
      for (const app of names) if (app && !host.apps.includes(app)) host.apps.push(app);
    }
  }
  for (const host of hosts.values()) host.apps.sort();
}

const insideQuotes = (name) => quoteIdentifier(name).slice(1, -1);

/// A layout query's text with `:db:` and `:rp:` filled in; an empty retention policy is left out of the name
/// (`"db".."m"`), which means the database's default.
export function fillTemplates(text, { db, rp }) {
  const withRP = rp ? text.replaceAll(":rp:", insideQuotes(rp)) : text.replaceAll('.":rp:".', "..").replaceAll(":rp:", "");
  return withRP.replaceAll(":db:", insideQuotes(db));
}

/// The InfluxQL of one layout query on a host's page: its text, then the time range and the host, its `wheres`,
/// and a GROUP BY of the range's interval and its `groupbys` (or the `groupbys` alone when they name a time).
export function layoutQueryText(layoutQuery, { telegraf, host, range }) {
  let text = `${fillTemplates(layoutQuery.query, telegraf)} WHERE time > now() - ${range} AND "host" = ${quoteString(host)}`;
  const wheres = layoutQuery.wheres || [];
  if (wheres.length) text += ` AND ${wheres.join(" AND ")}`;
  const groupbys = layoutQuery.groupbys || [];
  if (groupbys.some((group) => group.includes("time"))) return `${text} GROUP BY ${groupbys.join(", ")}`;
  return `${text} GROUP BY ${[`time(${groupByForRange[range] || "5m"})`, ...groupbys].join(", ")}`;
}
