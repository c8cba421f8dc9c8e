// Building InfluxQL from the explorer's choices, with InfluxDB's quoting rules.

export const quoteIdentifier = (name) => `"${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
export const quoteString = (value) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

export const functions = ["mean", "median", "count", "min", "max", "sum", "first", "last", "spread", "stddev"];
export const ranges = { "Past 15m": "15m", "Past 1h": "1h", "Past 6h": "6h", "Past 24h": "24h", "Past 7d": "7d" };
const rangeSeconds = { "15m": 900, "1h": 3600, "6h": 21600, "24h": 86400, "7d": 604800 };
const niceIntervals = [["10s", 10], ["1m", 60], ["5m", 300], ["10m", 600], ["30m", 1800], ["1h", 3600], ["6h", 21600]];

/// About 100 points across the range, rounded up to a round interval (what "auto" means).
export function autoInterval(range) {
  const wanted = (rangeSeconds[range] || 3600) / 100;
  return (niceIntervals.find(([, seconds]) => seconds >= wanted) || niceIntervals[niceIntervals.length - 1])[0];
}

/// `state`: {db, rp, measurement, fields: [{name, fn}], tags: {key: [values]}, groupByTime, groupByTags, fill, range};
/// with `forDashboard`, the range and automatic interval are the dashboard's variables, as Chronograf writes them.
export function buildQuery(state) {
  if (!state.db || !state.measurement || state.fields.length === 0) return "";
  const automatic = state.forDashboard ? ":interval:" : autoInterval(state.range);
  const interval = state.groupByTime === "auto" ? automatic : state.groupByTime;
  const grouped = interval !== "none";
  const selections = state.fields.map(({ name, fn }) => {
    const func = fn === "raw" && grouped ? "mean" : fn;
    return func === "raw" ? quoteIdentifier(name) : `${func}(${quoteIdentifier(name)}) AS ${quoteIdentifier(`${func}_${name}`)}`;
  });
  const from = `${quoteIdentifier(state.db)}.${quoteIdentifier(state.rp || "autogen")}.${quoteIdentifier(state.measurement)}`;
  const conditions = state.forDashboard ? ["time > :dashboardTime:", "time < :upperDashboardTime:"] : [`time > now() - ${state.range}`];
  for (const [key, values] of Object.entries(state.tags)) {
    if (values.length === 0) continue;
    const parts = values.map((value) => `${quoteIdentifier(key)}=${quoteString(value)}`);
    conditions.push(parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`);
  }
  const groups = [];
  if (grouped) groups.push(`time(${interval})`);
  for (const tag of state.groupByTags) groups.push(quoteIdentifier(tag));
  let query = `SELECT ${selections.join(", ")} FROM ${from} WHERE ${conditions.join(" AND ")}`;
  if (groups.length) query += ` GROUP BY ${groups.join(", ")}`;
  if (grouped && state.fill && state.fill !== "null") query += ` FILL(${state.fill})`;
  return query;
}

/// One column's values across every series of a result (`SHOW TAG VALUES` → its "value" column).
export function columnValues(result, column) {
  return ((result && result.series) || []).flatMap((series) => {
    const index = series.columns.indexOf(column);
    return index < 0 ? [] : (series.values || []).map((row) => row[index]);
  });
}
