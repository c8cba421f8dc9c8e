// Dashboard variables as Chronograf renders them into cell queries: each variable's chosen value quoted by its type
// (`"…"` for names, `'…'` for tag values and absolute times, raw otherwise; unquoted inside `=~ /…/`), variables
// that use other variables resolved after them, then `:interval:` from the query's time width.
import { api } from "./api.js";

/// How each variable type gets its values: the meta query (with the template's db, measurement and tag key filled
/// in) and the result column holding them.
const metaQueries = {
  databases: ["SHOW DATABASES", "name", "database"],
  measurements: ["SHOW MEASUREMENTS ON :database:", "name", "measurement"],
  fieldKeys: ["SHOW FIELD KEYS ON :database: FROM :measurement:", "fieldKey", "fieldKey"],
  tagKeys: ["SHOW TAG KEYS ON :database: FROM :measurement:", "tagKey", "tagKey"],
  tagValues: ["SHOW TAG VALUES ON :database: FROM :measurement: WITH KEY=:tagKey:", "value", "tagValue"],
};
export const variableTypes = ["tagValues", "tagKeys", "fieldKeys", "measurements", "databases", "csv", "map", "constant", "text", "influxql"];
export const defaultMetaQuery = (type) => (metaQueries[type] || [""])[0];

const quoted = { tagKey: '"', fieldKey: '"', measurement: '"', database: '"', tagValue: "'", timeStamp: "'" };

const replaceAll = (text, search, replacement) => text.split(search).join(replacement);

/// Inside each `=~ /…/` or `!~ /…/`, the variable's value unquoted.
function replaceInRegexes(text, search, value) {
  return text.replace(/([=!]~\s*\/)((?:\\.|[^/\\])*)(\/)/g, (_, open, body, close) => open + replaceAll(body, search, value) + close);
}

/// One variable's chosen value written into `text`.
export function renderVariable(text, tempVar, { value, type }) {
  if (!text.includes(tempVar)) return text;
  const quote = quoted[type];
  if (quote === undefined) return replaceAll(text, tempVar, value);
  return replaceAll(replaceInRegexes(text, tempVar, value), tempVar, quote + value + quote);
}

export function selectedValue(template) {
  const values = template.values || [];
  return values.find((value) => value.localSelected) || values.find((value) => value.selected) || values[0];
}

/// Variables ordered so that one used by another's query comes first (a cycle keeps the stored order).
export function inDependencyOrder(templates) {
  const ordered = [];
  const visiting = new Set();
  const visit = (template) => {
    if (ordered.includes(template) || visiting.has(template)) return;
    visiting.add(template);
    const text = JSON.stringify(template.query || {});
    for (const other of templates) if (other !== template && text.includes(other.tempVar)) visit(other);
    ordered.push(template);
  };
  templates.forEach(visit);
  return ordered;
}

/// The dashboard's time as variables: `:dashboardTime:` and `:upperDashboardTime:` (absolute times quoted).
export function timeVariables(range) {
  const asValue = (bound) => (bound.includes(":") && !bound.startsWith("now()") ? { value: bound, type: "timeStamp" } : { value: bound, type: "constant" });
  return [
    { tempVar: ":dashboardTime:", values: [{ ...asValue(range.lower), selected: true }] },
    { tempVar: ":upperDashboardTime:", values: [{ ...asValue(range.upper || "now()"), selected: true }] },
  ];
}

/// A query with every variable and the time range written in, `:interval:` last (from the source's answer of the
/// query's time width, as Chronograf asks it).
export async function renderQuery(sourceID, text, templates, range) {
  let query = text;
  for (const template of [...timeVariables(range), ...inDependencyOrder(templates)]) {
    const value = selectedValue(template);
    if (value) query = renderVariable(query, template.tempVar, value);
  }
  if (!query.includes(":interval:")) return query;
  const [info] = await api.queryInfo(sourceID, [{ query }]);
  const durationMs = info && typeof info.durationMs === "number" ? info.durationMs : 1000;
  return replaceAll(query, ":interval:", `${Math.round(durationMs / 360)}ms`);
}

/// The meta query that lists a variable's values, with the variables it uses written in.
export function metaQueryOf(template, resolved) {
  if (template.type === "influxql") {
    let text = (template.query && template.query.influxql) || "";
    for (const other of resolved) {
      const value = selectedValue(other);
      if (value) text = renderVariable(text, other.tempVar, value);
    }
    return text;
  }
  const { db = "", measurement = "", tagKey = "" } = template.query || {};
  const base = (template.query && template.query.influxql) || defaultMetaQuery(template.type);
  return base.replace(":database:", `"${db}"`).replace(":measurement:", `"${measurement}"`).replace(":tagKey:", `"${tagKey}"`);
}

/// Every variable with its values: meta-query variables asked of the source (in dependency order, keeping the
/// chosen value when it is still there), the rest as stored.
export async function resolveVariables(sourceID, templates, chosen = {}) {
  const resolved = [];
  for (const template of inDependencyOrder(templates)) {
    let values = template.values || [];
    if (metaQueries[template.type] || template.type === "influxql") {
      values = await metaValues(sourceID, template, resolved);
    }
    const wanted = chosen[template.tempVar] ?? (selectedValue({ values: template.values || [] }) || {}).value;
    const pick = values.find((value) => value.value === wanted) ? wanted : values[0] && values[0].value;
    resolved.push({ ...template, values: values.map((value) => ({ ...value, selected: value.value === pick })) });
  }
  return templates.map((template) => resolved.find((other) => other.tempVar === template.tempVar));
}

async function metaValues(sourceID, template, resolved) {
  const query = metaQueryOf(template, resolved);
  if (!query) return [];
  let answer;
  try {
    answer = await api.query(sourceID, { query, db: (template.query && template.query.db) || "" });
  } catch {
    return [];
  }
  const [, column, type] = metaQueries[template.type] || [null, null, "influxql"];
  const values = [];
  for (const series of ((answer.results || [])[0] || {}).series || []) {
    let index = column ? series.columns.indexOf(column) : series.columns.indexOf("value");
    if (index < 0) index = series.columns.findIndex((name) => name !== "time");
    for (const row of series.values || []) values.push(String(row[index]));
  }
  return [...new Set(values)].map((value) => ({ value, type, selected: false }));
}

/// Values typed by the user: `csv` one per comma, `map` one `key,value` per line, `constant`/`text` one.
export function typedValues(type, text) {
  if (type === "csv") return text.split(",").map((value) => value.trim()).filter(Boolean).map((value) => ({ value, type: "csv", selected: false }));
  if (type === "map") {
    return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const comma = line.indexOf(",");
      const key = comma < 0 ? line : line.slice(0, comma).trim();
      const value = comma < 0 ? line : line.slice(comma + 1).trim();
      return { key, value: value.replace(/^"(.*)"$/, "$1"), type: "map", selected: false };
    });
  }
  return [{ value: text, type: "constant", selected: true }];
}
