// One dashboard cell's content: its queries, with the dashboard's variables and time range written in, run through
// their source, drawn as the cell's visualisation.
import { h } from "./dom.js";
import { api } from "./api.js";
import { renderQuery } from "./template-vars.js";
import { renderGraph } from "./cell-graph.js";
import { renderSingleStat, renderGauge } from "./cell-stat.js";
import { renderTableCell, renderNote } from "./cell-table.js";

export const cellTypes = [
  ["line", "Line Graph"], ["line-stacked", "Stacked Graph"], ["line-stepplot", "Step-Plot Graph"], ["bar", "Bar Graph"],
  ["line-plus-single-stat", "Line Graph + Single Stat"], ["single-stat", "Single Stat"], ["gauge", "Gauge"], ["table", "Table"], ["note", "Note"],
];
export const isGraph = (type) => ["line", "line-stacked", "line-stepplot", "bar", "line-plus-single-stat"].includes(type || "line");

/// The source a query names (`/chronograf/v1/sources/3`), else the dashboard's.
const sourceOf = (query, fallback) => {
  const match = /\/sources\/(\d+)/.exec(query.source || "");
  return match ? match[1] : fallback;
};

/// Every query of the cell run: the results of all, or the first error.
export async function runCellQueries(cell, context) {
  const results = [];
  for (const query of cell.queries || []) {
    if (!query.query || !query.query.trim()) continue;
    const sourceID = sourceOf(query, context.sourceID);
    const text = await renderQuery(sourceID, query.query, context.templates, context.range);
    const config = query.queryConfig || {};
    const answer = await api.query(sourceID, { query: text, db: config.database || "", rp: config.retentionPolicy || "" });
    for (const result of answer.results || []) {
      if (result.error) throw new Error(result.error);
      results.push(result);
    }
  }
  return results;
}

/// Draws the cell into `body`; `context`: {sourceID, templates, range, rangeMillis, annotations (a list or a promise
/// of one), onZoom, onClickTime}.
export async function renderCellBody(body, cell, context) {
  const type = cell.type || "line";
  body.style.background = "";
  if (type === "note") return renderNote(body, cell);
  let results;
  try {
    results = await runCellQueries(cell, context);
  } catch (error) {
    return body.replaceChildren(h("p", { class: "cell-error", role: "alert" }, error.message));
  }
  const empty = !results.some((result) => (result.series || []).length);
  if (empty && cell.note && cell.noteVisibility === "showWhenNoData") return renderNote(body, cell);
  if (type === "single-stat") return renderSingleStat(body, cell, results);
  if (type === "gauge") return renderGauge(body, cell, results);
  if (type === "table") return renderTableCell(body, cell, results);
  const graph = await renderGraph(body, cell, results, {
    annotations: (await context.annotations) || [], range: context.rangeMillis, onZoom: context.onZoom, onClickTime: context.onClickTime,
  });
  if (type === "line-plus-single-stat" && !empty) renderSingleStat(body, cell, results, { over: true });
  return graph;
}
