// "Alert History": the alerts Chronograf-style rules record in chronograf.autogen.alerts, newest first.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { setCurrentSource } from "../nav.js";

const spans = { "Past 1h": 3600, "Past 24h": 86400, "Past 7d": 604800, "Past 30d": 2592000 };

export async function renderAlertHistory(page, { id }) {
  setCurrentSource(id);
  const body = h("div", {});
  const range = h("select", { id: "history-range", "aria-label": "Time range" }, Object.keys(spans).map((label) => h("option", { value: spans[label], selected: label === "Past 24h" }, label)));
  range.addEventListener("change", () => load(body, id, Number(range.value)));
  page.append(h("div", { class: "page-header page-header-row" }, h("h1", {}, "Alert History"), range), body);
  await load(body, id, Number(range.value));
}

async function load(body, sourceID, seconds) {
  body.replaceChildren(loading());
  const upper = new Date();
  const lower = new Date(upper.getTime() - seconds * 1000);
  const query = `SELECT host, value, level, alertName FROM alerts WHERE time >= '${lower.toISOString()}' AND time <= '${upper.toISOString()}' ORDER BY time desc LIMIT 1000`;
  let result;
  try {
    result = ((await api.query(sourceID, { query, db: "chronograf", rp: "autogen" })).results || [])[0] || {};
  } catch (error) {
    return body.replaceChildren(errorBlock("Could not read the alert history.", error.reason || error.message, () => load(body, sourceID, seconds)));
  }
  const series = (result.series || [])[0];
  if ((result.error && !/database not found/.test(result.error)) || !series) {
    if (result.error && !/database not found/.test(result.error)) return body.replaceChildren(errorBlock(result.error));
    return body.replaceChildren(h("section", { class: "panel" }, h("p", { class: "empty" }, "There are no Alerts to display")));
  }
  const column = (name) => series.columns.indexOf(name);
  const rows = series.values.map((row) =>
    h(
      "tr",
      {},
      h("td", {}, row[column("alertName")] ?? ""),
      h("td", {}, h("span", { class: `level level-${String(row[column("level")] || "").toLowerCase()}` }, row[column("level")] ?? "")),
      h("td", {}, new Date(row[column("time")]).toISOString()),
      h("td", {}, row[column("host")] ?? ""),
      h("td", {}, row[column("value")] ?? ""),
    ),
  );
  body.replaceChildren(
    h(
      "section",
      { class: "panel" },
      h("h2", {}, `${rows.length} Alert${rows.length === 1 ? "" : "s"}`),
      h("table", { class: "table", id: "alert-history" }, h("thead", {}, h("tr", {}, ["Name", "Level", "Time", "Host", "Value"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)),
    ),
  );
}
