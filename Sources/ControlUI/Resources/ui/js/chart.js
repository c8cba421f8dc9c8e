// Results as a time-series line chart (Dygraphs 2 from Debian's libjs-dygraphs: legend, values on hover, drag to
// zoom, double-click to reset) or as tables.
import { h } from "./dom.js";

let dygraph = null;

export async function loadDygraphs() {
  if (dygraph !== null) return dygraph;
  dygraph = await new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/vendor/dygraphs/dygraph.min.css";
    document.head.append(link);
    const script = document.createElement("script");
    script.src = "/vendor/dygraphs/dygraph.min.js";
    script.onload = () => resolve(window.Dygraph || false);
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
  return dygraph;
}

function seriesName(series, column) {
  const tags = Object.entries(series.tags || {}).map(([key, value]) => `${key}=${value}`).join(",");
  return `${series.name}.${column}${tags ? ` {${tags}}` : ""}`;
}

/// Every numeric column of every series merged on time: [labels, rows of [Date, v…]].
export function toChartData(results) {
  const columns = [];
  const byTime = new Map();
  for (const result of results) {
    for (const series of result.series || []) {
      const timeIndex = series.columns.indexOf("time");
      series.columns.forEach((column, index) => {
        if (index === timeIndex) return;
        const slot = columns.length;
        columns.push(seriesName(series, column));
        for (const row of series.values || []) {
          const value = row[index];
          if (typeof value !== "number") continue;
          if (!byTime.has(row[timeIndex])) byTime.set(row[timeIndex], []);
          byTime.get(row[timeIndex])[slot] = value;
        }
      });
    }
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const rows = times.map((time) => [new Date(time), ...columns.map((_, slot) => (byTime.get(time)[slot] ?? null))]);
  return { labels: ["time", ...columns], rows };
}

export async function renderChart(container, results) {
  const { labels, rows } = toChartData(results);
  if (rows.length === 0) return container.replaceChildren(h("p", { class: "empty" }, "No numeric values to draw for this query and time range."));
  const Dygraph = await loadDygraphs();
  if (!Dygraph) {
    return container.replaceChildren(h("p", { class: "notice-inline" }, "Charts need Debian's libjs-dygraphs (sudo apt-get install libjs-dygraphs); the Table view works without it."));
  }
  const graphDiv = h("div", { class: "chart", role: "img", "aria-label": `Line chart of ${labels.slice(1).join(", ")}` });
  const legend = h("div", { class: "chart-legend", "aria-live": "off" });
  container.replaceChildren(graphDiv, legend);
  new Dygraph(graphDiv, rows, {
    labels, labelsDiv: legend, legend: "always", connectSeparatedPoints: true, labelsSeparateLines: true,
    highlightSeriesOpts: { strokeWidth: 2 }, animatedZooms: false, height: 320,
  });
}

export function renderTable(container, results) {
  const tables = [];
  for (const result of results) {
    for (const series of result.series || []) {
      const caption = seriesName(series, "").replace(/\.$/, "").replace(". {", " {");
      tables.push(
        h(
          "table",
          { class: "table result-table" },
          h("caption", {}, caption),
          h("thead", {}, h("tr", {}, series.columns.map((column) => h("th", { scope: "col" }, column)))),
          h("tbody", {}, (series.values || []).slice(0, 1000).map((row) => h("tr", {}, row.map((value, index) => h("td", {}, series.columns[index] === "time" && typeof value === "number" ? new Date(value).toISOString() : value ?? ""))))),
        ),
      );
    }
  }
  container.replaceChildren(...(tables.length ? tables : [h("p", { class: "empty" }, "The query returned no series.")]));
}
