// The Queries tab: what the source is running (`SHOW QUERIES`), read again every few seconds while the tab is open,
// each with a Kill button (`KILL QUERY <qid>`), as Chronograf's. Longest running first; Database and Duration sort.
import { h, loading } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { notify } from "../notify.js";
import { failure, feedbackSlot, influxql, smallButton } from "./admin-shared.js";

const intervals = [["Paused", 0], ["1s", 1000], ["2s", 2000], ["5s", 5000], ["10s", 10000]];

/// Starts the refresh; the returned function (called by the router when the page is left) stops it.
export function renderQueriesTab(root, sourceID) {
  const state = {
    sourceID, root, interval: 2000, timer: null, chain: 0, isStopped: false, sequence: 0, queries: [], sort: { key: "duration", isDescending: true },
    title: h("h2", { id: "queries-title" }, "Queries"), listFeedback: feedbackSlot(), killFeedback: feedbackSlot(), table: h("div", { class: "admin-scroll" }, loading()),
  };
  const refresh = smallButton("Refresh", () => refreshQueries(state));
  root.append(
    h(
      "section",
      { class: "panel", "aria-labelledby": "queries-title" },
      h("div", { class: "panel-heading" }, state.title, h("div", { class: "admin-actions" }, intervalSelect(state), refresh)),
      state.killFeedback,
      state.listFeedback,
      state.table,
    ),
  );
  poll(state);
  return () => stop(state);
}

function stop(state) {
  state.isStopped = true;
  clearTimeout(state.timer);
}

/// One refresh, then the next after the chosen interval; a slow answer never piles up requests.
async function poll(state) {
  // A new interval starts a new chain; the one it replaces ends when its refresh comes back.
  const chain = ++state.chain;
  clearTimeout(state.timer);
  if (state.isStopped) return;
  if (!state.root.isConnected) return stop(state);
  await refreshQueries(state);
  if (chain !== state.chain || state.isStopped || state.interval === 0) return;
  state.timer = setTimeout(() => poll(state), state.interval);
}

function intervalSelect(state) {
  const select = h("select", { id: "queries-refresh", class: "admin-select" }, intervals.map(([label, value]) => h("option", { value: String(value), selected: value === state.interval }, label)));
  select.addEventListener("change", () => {
    state.interval = Number(select.value);
    poll(state);
  });
  return h("span", { class: "admin-refresh" }, h("label", { for: "queries-refresh" }, "Refresh every"), select);
}

async function refreshQueries(state) {
  const sequence = ++state.sequence;
  let results;
  try {
    results = await influxql(state.sourceID, "SHOW QUERIES");
  } catch (error) {
    if (sequence === state.sequence) state.listFeedback.replaceChildren(failure("Could not list the running queries.", error));
    return;
  }
  // An older answer arriving after a newer one is dropped.
  if (sequence !== state.sequence || state.isStopped) return;
  state.listFeedback.replaceChildren();
  state.queries = parseQueries(results);
  showQueries(state);
}

/// SHOW QUERIES rows (qid, query, database, duration, status) as objects, by column name.
function parseQueries(results) {
  const rows = [];
  for (const series of (results[0] && results[0].series) || []) {
    const column = (name) => series.columns.indexOf(name);
    for (const value of series.values || []) {
      rows.push({ id: value[column("qid")], query: value[column("query")] || "", database: value[column("database")] || "", duration: value[column("duration")] || "", status: value[column("status")] });
    }
  }
  return rows;
}

function showQueries(state) {
  const count = state.queries.length;
  state.title.textContent = count === 1 ? "1 Running Query" : `${count} Running Queries`;
  // Rows are rebuilt on each refresh: a Kill button that had the focus gets it back in its new row.
  const focused = state.table.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
  if (count === 0) return state.table.replaceChildren(h("p", { class: "empty" }, "No queries are running."));
  const sorted = [...state.queries].sort(comparator(state.sort));
  state.table.replaceChildren(
    h(
      "table",
      { class: "table admin-queries-table", id: "queries" },
      h("thead", {}, h("tr", {}, sortHeading(state, "database", "Database"), h("th", { scope: "col" }, "Query"), sortHeading(state, "duration", "Duration"), h("th", { scope: "col" }, "Status"))),
      h("tbody", {}, sorted.map((query) => queryRow(state, query))),
    ),
  );
  if (focused) {
    const again = state.table.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

function sortHeading(state, key, label) {
  const isSorted = state.sort.key === key;
  const order = isSorted ? (state.sort.isDescending ? "descending" : "ascending") : "none";
  const button = h("button", { type: "button", class: "admin-sort", "data-focus-key": `sort-${key}` }, label, isSorted ? (state.sort.isDescending ? " ▾" : " ▴") : "");
  button.addEventListener("click", () => {
    state.sort = { key, isDescending: isSorted ? !state.sort.isDescending : key === "duration" };
    showQueries(state);
  });
  return h("th", { scope: "col", "aria-sort": order }, button);
}

function comparator({ key, isDescending }) {
  const value = key === "duration" ? (query) => nanoseconds(query.duration) : (query) => query.database.toLowerCase();
  return (a, b) => {
    const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
    return isDescending ? -order : order;
  };
}

/// A Go duration (`1m2.5s`, `350.2ms`, `12µs`) in nanoseconds, for sorting.
function nanoseconds(text) {
  const units = { ns: 1, us: 1e3, "µs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const [, number, unit] of String(text).matchAll(/([\d.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number.parseFloat(number) * units[unit];
  return total;
}

function queryRow(state, query) {
  const isRunning = query.status === undefined || query.status === "running";
  const kill = isRunning
    ? smallButton("Kill", () => killQuery(state, query), { kind: "button-danger", "data-needs": "editor", "aria-label": `Kill query ${query.id}`, "data-focus-key": `kill-${query.id}` })
    : null;
  return h(
    "tr",
    { "data-qid": String(query.id) },
    h("td", { class: "admin-mono" }, query.database),
    h("td", {}, h("code", { class: "admin-query" }, query.query)),
    h("td", { class: "admin-mono" }, query.duration),
    h("td", { class: "admin-status" }, kill, query.status ? h("span", {}, query.status) : null),
  );
}

async function killQuery(state, query) {
  // The id goes into InfluxQL: only a number is sent.
  if (!/^\d+$/.test(String(query.id))) return state.killFeedback.replaceChildren(failure(`Cannot kill query ${query.id}.`, { message: "its id is not a number" }));
  if (!(await confirmDialog(`Kill query ${query.id}${query.database ? ` on ${query.database}` : ""}?`, "Kill Query"))) return;
  state.killFeedback.replaceChildren();
  try {
    await influxql(state.sourceID, `KILL QUERY ${query.id}`);
    notify(`Query ${query.id} killed.`);
  } catch (error) {
    state.killFeedback.replaceChildren(failure(`Could not kill query ${query.id}.`, error));
  }
  if (!state.isStopped) await refreshQueries(state);
}
