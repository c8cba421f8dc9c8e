// "Alert History": the alerts Chronograf-style rules record in chronograf.autogen.alerts, newest first, the
// latest event of every alert in the active Kapacitor's topics, and the alerts its outbox could not deliver.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { setCurrentSource } from "../nav.js";
import { activeKapacitor } from "../kapacitor.js";
import { loadDeadLetters } from "../dead-letters.js";

const spans = { "Past 1h": 3600, "Past 24h": 86400, "Past 7d": 604800, "Past 30d": 2592000 };

export async function renderAlertHistory(page, { id }) {
  setCurrentSource(id);
  const body = h("div", {});
  const range = h("select", { id: "history-range", "aria-label": "Time range" }, Object.keys(spans).map((label) => h("option", { value: spans[label], selected: label === "Past 24h" }, label)));
  range.addEventListener("change", () => load(body, id, Number(range.value)));
  const events = h("div", {});
  const undelivered = h("div", {});
  page.append(h("div", { class: "page-header page-header-row" }, h("h1", {}, "Alert History"), range), body, events, undelivered);
  const kapacitor = await activeKapacitor(id).catch(() => null);
  await Promise.all([
    load(body, id, Number(range.value)), loadEvents(events, id), kapacitor ? loadDeadLetters(undelivered, id, kapacitor) : null,
  ]);
}

/// Every topic's events (`/kapacitor/v1/alerts/topics/<topic>/events`), highest level first.
async function loadEvents(box, sourceID) {
  box.replaceChildren(loading());
  let kapacitor;
  const rows = [];
  try {
    kapacitor = await activeKapacitor(sourceID);
    if (!kapacitor) return box.replaceChildren();
    const call = (path) => api.kapacitorAPI(sourceID, kapacitor.id, "GET", path);
    const topics = (await call("/kapacitor/v1/alerts/topics")).topics || [];
    for (const topic of topics) {
      for (const event of (await call(`/kapacitor/v1/alerts/topics/${encodeURIComponent(topic.id)}/events`)).events || []) rows.push({ topic: topic.id, ...event });
    }
  } catch (error) {
    return box.replaceChildren(errorBlock("Could not read the Kapacitor's alert topics.", error.reason || error.message, () => loadEvents(box, sourceID)));
  }
  const order = { CRITICAL: 0, WARNING: 1, INFO: 2, OK: 3 };
  rows.sort((a, b) => order[a.state.level] - order[b.state.level] || a.id.localeCompare(b.id));
  const heading = h("h2", {}, `Kapacitor events (${kapacitor.name})`);
  if (rows.length === 0) return box.replaceChildren(h("section", { class: "panel" }, heading, h("p", { class: "empty" }, "No alert events in the Kapacitor's topics.")));
  const body = rows.map((event) =>
    h(
      "tr",
      {},
      h("td", {}, event.id),
      h("td", {}, h("span", { class: `level level-${event.state.level.toLowerCase()}` }, event.state.level)),
      h("td", {}, event.state.message),
      h("td", {}, new Date(event.state.time).toISOString()),
      h("td", {}, event.state.duration),
      h("td", {}, event.topic),
    ),
  );
  box.replaceChildren(
    h(
      "section",
      { class: "panel" },
      heading,
      h("table", { class: "table", id: "alert-events" }, h("thead", {}, h("tr", {}, ["Event", "Level", "Message", "Time", "Duration", "Topic"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, body)),
    ),
  );
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
